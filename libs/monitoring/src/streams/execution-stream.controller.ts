import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser } from '@app/auth';
import { ExecutionStreamService } from './execution-stream.service';

@ApiTags('executions')
@ApiBearerAuth()
@Controller('executions')
export class ExecutionStreamController {
  constructor(private readonly streams: ExecutionStreamService) {}

  /** Server-sent events (status, step, done) until the execution is final; 404 unless it is the caller's. */
  @Get(':id/events')
  @ApiProduces('text/event-stream')
  async events(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const stream = await this.streams.openStream(user.id, id);
    reply.raw.once('close', stream.close);
    void reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache, no-transform').header('x-accel-buffering', 'no').send(stream.body);
  }
}
