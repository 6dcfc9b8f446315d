import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common';
import { CallbacksService } from './callbacks.service';
import { CallbackDecisionDto } from './dto/callback-decision.dto';

/** Public: the unguessable one-time token in the URL is the credential (see flow.waitForCallback). */
@ApiTags('executions')
@Public()
@Controller('callbacks')
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post(':token')
  @HttpCode(202)
  resolve(@Param('token') token: string, @Body() dto: CallbackDecisionDto) {
    return this.callbacks.resolve(token, dto.decision, dto.data);
  }
}
