import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, sendEventStream } from '@app/common';
import { ExecutionStreamService } from './execution-stream.service';
import { UserExecutionsStreamService } from './user-executions-stream.service';

@ApiTags('executions')
@ApiAuth()
@Controller('executions')
export class ExecutionStreamController {
  constructor(
    private readonly streams: ExecutionStreamService,
    private readonly userStreams: UserExecutionsStreamService,
  ) {}

  /** Declared before :id/events; Fastify matches the static path first either way. */
  @Get('events')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      "Server-sent events for all the caller's executions: created, status, finished (Authorization header, read with fetch streaming)",
  })
  @ApiOkResponse({ description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async userEvents(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    sendEventStream(reply, await this.userStreams.openStream(user.id));
  }

  /** Server-sent events (status, step, done) until the execution is final; 404 unless it is the caller's. */
  @Get(':id/events')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Stream one execution’s progress as server-sent events' })
  @ApiOkResponse({
    description: 'Events `status`, `step` and `done` (JSON data) until the execution is final',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 404)
  async events(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    sendEventStream(reply, await this.streams.openStream(user.id, id));
  }
}
