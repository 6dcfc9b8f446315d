import { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { REDACT_PATHS } from './redact-paths';

const QUIET_ROUTES = /^\/(health|metrics)(\/|\?|$)/;

/** Behind Fastify's middleware layer req.url may be rewritten; originalUrl is what the client sent. */
const pathOf = (req: IncomingMessage & { originalUrl?: string }) => (req.originalUrl ?? req.url ?? '').split('?')[0];

/** Structured JSON logs (pino); every line written while serving a request carries its req.id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.observability.LOG_LEVEL,
          redact: { paths: REDACT_PATHS, censor: '[redacted]' },
          // The request id is Fastify's (see createFastifyAdapter), so log lines and X-Request-Id agree.
          autoLogging: { ignore: (req: IncomingMessage) => QUIET_ROUTES.test(pathOf(req)) },
          serializers: {
            req: (req: IncomingMessage & { id: string; raw?: IncomingMessage }) => ({ id: req.id, method: req.method, url: pathOf(req.raw ?? req) }),
          },
          customProps: () => ({ service: 'workflow-platform' }),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
