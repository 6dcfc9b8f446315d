import { Controller, Get, Headers, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@app/config';
import { Public } from '@app/common';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics in the Prometheus text format. No user authentication (Prometheus has none) and never
 * rate limited (a scrape must not be refused); when METRICS_TOKEN is set it requires
 * `Authorization: Bearer <token>`, compared in constant time. 404 when METRICS_ENABLED=false.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class MetricsController extends PrometheusController {
  private readonly expected?: Buffer;

  constructor(private readonly config: AppConfig) {
    super();
    const token = config.observability.METRICS_TOKEN;
    this.expected = token ? digest(`Bearer ${token}`) : undefined;
  }

  @Get()
  override async index(
    @Res({ passthrough: true }) response: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    if (!this.config.observability.METRICS_ENABLED) throw new NotFoundException('Metrics are disabled');
    if (this.expected && !(authorization && timingSafeEqual(digest(authorization), this.expected))) {
      response.header('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('GET /metrics requires Authorization: Bearer <METRICS_TOKEN>');
    }
    return super.index(response);
  }
}
