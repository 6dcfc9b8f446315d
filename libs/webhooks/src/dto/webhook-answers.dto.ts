import { applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse } from '@nestjs/swagger';
import { ApiErrors, ErrorResponseDto, JSON_OBJECT } from '@app/common';

export class WebhookAcceptedDto {
  @ApiProperty({ format: 'uuid' }) executionId!: string;
  @ApiProperty({
    enum: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'],
    example: 'QUEUED',
    description: 'Where the execution stood when the answer went out: a run of pure nodes (no I/O) has usually finished (eager start)',
  })
  status!: string;
}

/** OpenAPI for one webhook method: what the webhooks service really answers (never 201). */
export const ApiWebhookAnswers = (method: string) =>
  applyDecorators(
    ApiOperation({ summary: `Trigger the active workflow whose webhook trigger is ${method} /webhook/{path}` }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeats with the same key get the first answer' }),
    ApiHeader({
      name: 'X-Webhook-Signature',
      required: false,
      description: 'Required for signed webhooks: t=<unix seconds>,v1=<hex HMAC-SHA256>',
    }),
    ApiOkResponse({
      description: 'Synchronous webhook: the workflow’s output (or what its respond node set: status, headers, body)',
      schema: JSON_OBJECT,
    }),
    ApiAcceptedResponse({
      type: WebhookAcceptedDto,
      description: 'Asynchronous webhook: accepted (queued, or already run if its nodes are pure); Location names the execution',
    }),
    ApiErrors(
      400,
      [401, 'Webhook signature refused'],
      [404, 'No active webhook at this path'],
      [405, 'The webhook accepts another method'],
      [409, 'The execution was cancelled, or a first request with this Idempotency-Key failed before it was recorded'],
      413,
      [422, 'The execution failed, or the Idempotency-Key was used with a different request'],
      429,
      503,
    ),
    ApiResponse({ status: 504, description: 'Synchronous webhook: the execution timed out', type: ErrorResponseDto }),
  );
