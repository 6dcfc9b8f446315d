import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '@app/common';
import { CallbacksService } from './callbacks.service';
import { CallbackDecisionDto } from './dto/callback-decision.dto';
import { CallbackResultDto } from './dto/execution-response.dto';

/** Public: the unguessable one-time token in the URL is the credential (see flow.waitForCallback). */
@ApiTags('executions')
@Public()
@Controller('callbacks')
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post(':token')
  @HttpCode(202)
  @ApiOperation({ summary: 'Resume a waiting execution with a decision (one-time callback URL)' })
  @ApiAcceptedResponse({ type: CallbackResultDto, description: 'Accepted: the execution resumes' })
  @ApiErrors(400, [404, 'Unknown callback token'], [410, 'The callback was already used, expired, or its execution ended'], 503)
  resolve(@Param('token') token: string, @Body() dto: CallbackDecisionDto) {
    return this.callbacks.resolve(token, dto.decision, dto.data);
  }
}
