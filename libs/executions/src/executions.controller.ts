import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser } from '@app/auth';
import { RateLimit } from '@app/throttling';
import { ListExecutionsQuery } from './dto/list-executions.query';
import { RetryExecutionDto } from './dto/retry-execution.dto';
import { withExecutionLocation } from './execution-location';
import { ExecutionsService } from './executions.service';
import { ExecutionRetryService } from './retry/execution-retry.service';

@ApiTags('executions')
@ApiBearerAuth()
@Controller()
export class ExecutionsController {
  constructor(private readonly executions: ExecutionsService, private readonly retries: ExecutionRetryService) {}

  /** Manual trigger: the body is the trigger input; answers 202 with the queued execution. */
  @Post('workflows/:id/run')
  @RateLimit('execution')
  @HttpCode(202)
  async run(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withExecutionLocation(reply, await this.executions.runManually(user.id, id, body));
  }

  @Get('executions')
  list(@CurrentUser() user: AuthUser, @Query() query: ListExecutionsQuery) {
    return this.executions.list(user.id, query);
  }

  @Get('executions/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.executions.get(user.id, id);
  }

  @Post('executions/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.executions.cancel(user.id, id);
  }

  @Post('executions/:id/retry')
  @RateLimit('execution')
  @HttpCode(202)
  async retry(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RetryExecutionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withExecutionLocation(reply, await this.retries.retry(user.id, id, dto ?? {}));
  }
}
