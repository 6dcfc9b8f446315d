import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaService } from '@app/database';
import { requestContexts } from '@app/logging';
import { UNMATCHED_ROUTE } from '@app/metrics';
import { TraceRecorder } from './trace-recorder.service';

interface RequestSpans {
  dbCount: number;
  dbMs: number;
}

const SPANS = 'wpSpans';
type TracedRequest = FastifyRequest & { [SPANS]?: RequestSpans | null };

/**
 * Every HTTP request becomes a trace named by its route template ("POST /webhook/:path"), with the
 * status, the duration Fastify measured, and a database span (queries and their total time, counted
 * through the Prisma query hook and AsyncLocalStorage). The context starts in preHandler, after body
 * parsing, whose stream events would otherwise lose it. Context-free routes (the webhook ingress, probes,
 * metrics) get no database span: see request-context.ts.
 */
@Injectable()
export class HttpTraceHook implements OnModuleInit {
  private readonly spans = new AsyncLocalStorage<RequestSpans>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly prisma: PrismaService,
    private readonly recorder: TraceRecorder,
  ) {
    requestContexts.track(this.spans);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    this.prisma.onQuery(({ durationMs }) => {
      const spans = this.spans.getStore();
      if (!spans) return;
      spans.dbCount++;
      spans.dbMs += durationMs;
    });
    fastify.decorateRequest(SPANS, null);
    fastify.addHook('preHandler', (request: TracedRequest, _reply, done) => {
      if (requestContexts.isContextFree(request.raw)) return done();
      const spans = { dbCount: 0, dbMs: 0 };
      request[SPANS] = spans;
      this.spans.run(spans, done);
    });
    fastify.addHook('onResponse', (request: TracedRequest, reply, done) => {
      const spans = request[SPANS];
      this.recorder.record({
        scope: 'route',
        name: `${request.method} ${request.routeOptions?.url ?? UNMATCHED_ROUTE}`,
        at: Date.now(),
        durationMs: reply.elapsedTime,
        status: reply.statusCode,
        error: reply.statusCode >= 500,
        id: request.id,
        ...(spans?.dbCount ? { spans: { db: { count: spans.dbCount, ms: Math.round(spans.dbMs * 100) / 100 } } } : {}),
      });
      done();
    });
  }
}
