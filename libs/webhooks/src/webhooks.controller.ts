import { Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { JSON_OBJECT, Public } from '@app/common';
import { markWorkflowAnswer } from '@app/metrics';
import { SkipThrottle } from '@app/throttling';
import { ApiWebhookAnswers } from './dto/webhook-answers.dto';
import { WEBHOOK_ANSWER_HEADERS } from './webhook-answer-headers';

const WEBHOOK_BODY = ApiBody({
  required: false,
  schema: JSON_OBJECT,
  description: 'Any JSON (also text/plain or multipart/form-data); passed to the workflow as its input',
});
import { WebhooksService } from './webhooks.service';

type RawRequest = FastifyRequest & { rawBody?: Buffer };

/** Public trigger endpoints: /webhook/<path> runs the active workflow whose trigger has that path. */
@ApiTags('webhooks')
@Public()
// Not the guard's api/burst limiters: the webhooks service applies the webhook limiter at the owner's tier.
@SkipThrottle()
@Controller('webhook')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post(':path')
  // Documentation only: handle() always sets the status itself (200, 202 or an error).
  @HttpCode(200)
  @ApiWebhookAnswers('POST')
  @WEBHOOK_BODY
  post(@Param('path') path: string, @Req() req: RawRequest, @Res() reply: FastifyReply) {
    return this.handle(path, req, reply);
  }

  @Get(':path')
  @ApiWebhookAnswers('GET')
  get(@Param('path') path: string, @Req() req: RawRequest, @Res() reply: FastifyReply) {
    return this.handle(path, req, reply);
  }

  @Put(':path')
  @ApiWebhookAnswers('PUT')
  @WEBHOOK_BODY
  put(@Param('path') path: string, @Req() req: RawRequest, @Res() reply: FastifyReply) {
    return this.handle(path, req, reply);
  }

  private async handle(path: string, req: RawRequest, reply: FastifyReply) {
    const result = await this.webhooks.handle({
      path,
      method: req.method,
      headers: req.headers,
      query: req.query as Record<string, string>,
      body: req.body,
      rawBody: req.rawBody,
      ip: req.ip,
      multipart: req.isMultipart() ? req : undefined,
    });
    // Only an execution's answer carries x-execution-id (workflows may not set it): its status is the workflow's, not the platform's.
    if (result.headers['x-execution-id']) markWorkflowAnswer(reply);
    void reply
      .status(result.status)
      .headers({ ...result.headers, ...WEBHOOK_ANSWER_HEADERS })
      .send(result.body);
  }
}
