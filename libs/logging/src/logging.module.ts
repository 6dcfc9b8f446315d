import { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { logFormatOf, pathOf, prettyRequestMessages, prettyStream } from './log-format';
import { REDACT_PATHS } from './redact-paths';
import { demoteStartupNoise } from './startup-noise';

const QUIET_ROUTES = /^\/(health|metrics)(\/|\?|$)/;

/** Logs through pino (LOG_FORMAT: readable lines or JSON); every line written while serving a request carries its req.id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const pretty = logFormatOf(config) === 'pretty';
        const options = {
          level: config.observability.LOG_LEVEL,
          // On the root logger, not pino-http's customProps: those cost a second child logger per request.
          base: { pid: process.pid, hostname: hostname(), service: 'workflow-platform' },
          redact: { paths: REDACT_PATHS, censor: '[redacted]' },
          hooks: { logMethod: demoteStartupNoise },
          // The request id is Fastify's (see createFastifyAdapter), so log lines and X-Request-Id agree.
          autoLogging: { ignore: (req: IncomingMessage) => QUIET_ROUTES.test(pathOf(req)) },
          serializers: {
            req: (req: IncomingMessage & { id: string; raw?: IncomingMessage }) => ({
              id: req.id,
              method: req.method,
              url: pathOf(req.raw ?? req),
            }),
          },
          ...(pretty ? prettyRequestMessages : {}),
        };
        return { pinoHttp: pretty ? [options, prettyStream()] : options };
      },
    }),
  ],
})
export class LoggingModule {}
