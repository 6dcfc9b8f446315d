import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { AppConfig } from '@app/config';
import { AnswerOrigin, answerOrigin } from './answer-origin';
import { METRIC, UNMATCHED_ROUTE } from './metric-names';

interface Series {
  requests: Counter.Internal;
  duration: Histogram.Internal<string>;
}

/**
 * http_requests_total and http_request_duration_seconds from a Fastify onResponse hook: unlike an
 * interceptor it also sees 404s, guard rejections (401/403/429) and body-parser errors. The route
 * label is Fastify's route template (/executions/:id), or "unmatched" — never the raw URL; the origin
 * label says whether the platform or a workflow chose the status (see answer-origin.ts).
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  /** Label children by method+route+status+origin: a bounded set (route templates), looked up once each. */
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    @InjectMetric(METRIC.httpRequests) private readonly requests: Counter<string>,
    @InjectMetric(METRIC.httpDuration) private readonly duration: Histogram<string>,
  ) {}

  onModuleInit(): void {
    if (!this.config.observability.METRICS_ENABLED) return;
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onResponse', (request, reply, done) => {
      const series = this.seriesFor(request.method, request.routeOptions?.url ?? UNMATCHED_ROUTE, reply.statusCode, answerOrigin(reply));
      series.requests.inc();
      series.duration.observe(reply.elapsedTime / 1000);
      done();
    });
  }

  private seriesFor(method: string, route: string, status: number, origin: AnswerOrigin): Series {
    const key = `${method} ${route} ${status} ${origin}`;
    let series = this.series.get(key);
    if (!series) {
      const labels = { method, route, status: String(status), origin };
      series = { requests: this.requests.labels(labels), duration: this.duration.labels(labels) };
      this.series.set(key, series);
    }
    return series;
  }
}
