import { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import { pinoHttp, Options as HttpLogOptions } from 'pino-http';
import { AppConfig } from '@app/config';
import { logFormatOf, pathOf, prettyRequestMessages, prettyStream } from './log-format';
import { REDACT_PATHS } from './redact-paths';
import { requestContexts } from './request-context';
import { demoteStartupNoise } from './startup-noise';

const QUIET_ROUTES = /^\/(health|metrics)(\/|\?|$)/;

/** pino-http's part of the options: which requests get a line, and how a request is written. */
function requestLineOptions(config: AppConfig): HttpLogOptions {
  return {
    // The request id is Fastify's (see createFastifyAdapter), so log lines and X-Request-Id agree.
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_ROUTES.test(pathOf(req)) },
    serializers: {
      req: (req: IncomingMessage & { id: string; raw?: IncomingMessage }) => ({
        id: req.id,
        method: req.method,
        url: pathOf(req.raw ?? req),
      }),
    },
    ...(logFormatOf(config) === 'pretty' ? prettyRequestMessages : {}),
  };
}

/**
 * Logs through pino (LOG_FORMAT: readable lines or JSON). Every request gets its line with its req.id;
 * lines written while serving a console/API request carry its req.id too (nestjs-pino's request
 * context). The webhook ingress, probes and metrics get their request line without that context
 * (see request-context.ts for why); their executions log their own ids. nestjs-pino's own middleware
 * applies to no route: ours below does its work, deciding per request by what requestContexts decided.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const options = {
          level: config.observability.LOG_LEVEL,
          // On the root logger, not pino-http's customProps: those cost a second child logger per request.
          base: { pid: process.pid, hostname: hostname(), service: 'workflow-platform' },
          redact: { paths: REDACT_PATHS, censor: '[redacted]' },
          hooks: { logMethod: demoteStartupNoise },
          ...requestLineOptions(config),
        };
        return { pinoHttp: logFormatOf(config) === 'pretty' ? [options, prettyStream()] : options, forRoutes: [] };
      },
    }),
  ],
})
export class LoggingModule implements NestModule {
  constructor(private readonly config: AppConfig) {
    requestContexts.track(storage);
  }

  configure(consumer: MiddlewareConsumer): void {
    // Made at the first request: PinoLogger.root (nestjs-pino's logger, with its stream and redaction) is set by then.
    let requestLine: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | undefined;
    const logRequest = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      const contextFree = requestContexts.isContextFree(req);
      // pino-http writes its lines at info: below that (LOG_LEVEL=warn) it would only build a child logger per call.
      if (contextFree && !PinoLogger.root.isLevelEnabled('info')) return next();
      requestLine ??= pinoHttp({ ...requestLineOptions(this.config), logger: PinoLogger.root });
      // What nestjs-pino's own middleware does: the rest of the request runs with its logger as the context
      // (the last of allLogs: middie has already set req.log to Fastify's logger, which pino-http keeps).
      requestLine(req, res, contextFree ? next : () => storage.run(new Store(req.allLogs[req.allLogs.length - 1]), next));
    };
    consumer.apply(logRequest).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
