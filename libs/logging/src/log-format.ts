import { IncomingMessage, ServerResponse } from 'node:http';
import pretty from 'pino-pretty';
import type { DestinationStream } from 'pino';
import { AppConfig, LogFormat } from '@app/config';

/** LOG_FORMAT when set; otherwise JSON for log collectors in production and readable lines elsewhere. */
export function logFormatOf(config: AppConfig): LogFormat {
  return config.observability.LOG_FORMAT ?? (config.isProduction ? 'json' : 'pretty');
}

type Request = IncomingMessage & { originalUrl?: string };

/** Behind Fastify's middleware layer req.url may be rewritten; originalUrl is what the client sent. */
// A callback URL's token is its credential (flow.waitForCallback): never logged.
export const pathOf = (req: Request) =>
  (req.originalUrl ?? req.url ?? '').split('?')[0].replace(/^\/callbacks\/[^/]+/, '/callbacks/[redacted]');

/**
 * One line per entry: time, level, [context] message; request lines as `GET /path 200 (3 ms)`.
 * Synchronous, in this thread: nothing is lost when a CLI command exits right after logging.
 */
export function prettyStream(): DestinationStream {
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context,req,res,responseTime,startup',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

/** pino-http's messages for request lines in the pretty format (JSON keeps its fields instead). */
export const prettyRequestMessages = {
  customSuccessMessage: (req: Request, res: ServerResponse, responseTime: number) =>
    `${req.method} ${pathOf(req)} ${res.statusCode} (${Math.round(responseTime)} ms)`,
  customErrorMessage: (req: Request, res: ServerResponse, error: Error) =>
    `${req.method} ${pathOf(req)} ${res.statusCode}: ${error.message}`,
};
