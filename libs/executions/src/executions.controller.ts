import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse, JSON_OBJECT } from '@app/common';
import { RateLimit } from '@app/throttling';
import { ExecutionDetailDto, ExecutionResponseDto, ExecutionStartedDto } from './dto/execution-response.dto';
import { ListExecutionsQuery } from './dto/list-executions.query';
import { RetryExecutionDto } from './dto/retry-execution.dto';
import { StartTestRunDto } from './dto/start-test-run.dto';
import { withExecutionLocation } from './execution-location';
import { IdempotencyKey, IdempotencyKeyHeader } from './idempotent-start';
import { ExecutionsService } from './executions.service';
import { ExecutionRetryService } from './retry/execution-retry.service';
import { TestRunsService } from './test-runs/test-runs.service';

@ApiTags('executions')
@ApiAuth()
@Controller()
export class ExecutionsController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly retries: ExecutionRetryService,
    private readonly testRuns: TestRunsService,
  ) {}

  @Post('workflows/test-runs')
  @RateLimit('execution')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run an editor draft (saved or not) with the given input, as a test (trigger TEST)' })
  @ApiResponse({ status: 202, description: 'queued; Location names the execution', type: ExecutionStartedDto })
  @ApiErrors(
    [400, 'Invalid draft or body: message (text) and, for an invalid definition, problems placed on nodes and edges'],
    [404, 'workflowId is not one of the caller’s workflows'],
    503,
  )
  async testRun(@CurrentUser() user: AuthUser, @Body() dto: StartTestRunDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return withExecutionLocation(reply, await this.testRuns.start(user.id, dto));
  }

  /** Manual trigger: the body is the trigger input; answers 202 with the queued execution. */
  @Post('workflows/:id/run')
  @RateLimit('execution')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a workflow now; the body is the trigger input' })
  @ApiBody({ required: false, schema: JSON_OBJECT, description: 'Trigger input (any JSON)' })
  @ApiAcceptedResponse({ type: ExecutionStartedDto, description: 'Queued; Location names the execution' })
  @ApiErrors(400, 404, 503)
  @IdempotencyKeyHeader()
  async run(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @IdempotencyKey() idempotencyKey: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withExecutionLocation(reply, await this.executions.runManually(user.id, id, body, idempotencyKey));
  }

  @Get('executions')
  @ApiOperation({ summary: 'List own executions (filter by workflow, status, trigger, time)' })
  @ApiPageResponse(ExecutionResponseDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ListExecutionsQuery) {
    return this.executions.list(user.id, query);
  }

  @Get('executions/:id')
  @ApiOperation({ summary: 'Get an execution with its steps and retry chain' })
  @ApiOkResponse({ type: ExecutionDetailDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.executions.get(user.id, id);
  }

  @Post('executions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued, running or waiting execution' })
  @ApiOkResponse({ type: ExecutionDetailDto })
  @ApiErrors(400, 404, [409, 'The execution already ended'])
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.executions.cancel(user.id, id);
  }

  @Post('executions/:id/retry')
  @RateLimit('execution')
  @HttpCode(202)
  @ApiOperation({ summary: 'Retry a failed execution (optionally reusing succeeded steps)' })
  @ApiAcceptedResponse({ type: ExecutionStartedDto, description: 'Queued; Location names the new execution' })
  @ApiErrors(400, 404, [409, 'The execution cannot be retried in its state'], 503)
  @IdempotencyKeyHeader()
  async retry(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RetryExecutionDto,
    @IdempotencyKey() idempotencyKey: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withExecutionLocation(reply, await this.retries.retry(user.id, id, dto ?? {}, idempotencyKey));
  }
}
