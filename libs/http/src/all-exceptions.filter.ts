import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, ServiceUnavailableException } from '@nestjs/common';
import type * as SentryApi from '@sentry/nestjs';
import { randomUUID } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';
import { countError } from '@app/metrics';
import { isUniqueViolation } from '@app/database';
import { isDatabaseUnavailable } from './database-errors';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  errorId?: string;
  [extra: string]: unknown;
}

const STATUS_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(HttpStatus)
    .filter(([, code]) => typeof code === 'number')
    .map(([name, code]) => [
      code,
      name
        .split('_')
        .map((w) => w[0] + w.slice(1).toLowerCase())
        .join(' '),
    ]),
);

/** Fastify's own errors (bad JSON, body too large) carry a statusCode but are not HttpExceptions. */
function clientErrorOf(exception: unknown): { status: number; message: string } | null {
  const candidate = exception as { statusCode?: unknown; message?: unknown };
  if (typeof candidate?.statusCode === 'number' && candidate.statusCode >= 400 && candidate.statusCode < 500)
    return { status: candidate.statusCode, message: String(candidate.message ?? 'Bad request') };
  return null;
}

/** Every error leaves as `{statusCode, error, message}`; a 500 also gets an errorId that the log line carries. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const databaseDown = !(exception instanceof HttpException) && isDatabaseUnavailable(exception);
    // Named here: the webhook ingress has no request context to put it on the line (see @app/logging).
    const requestId = http.getRequest<FastifyRequest>().id;
    const body = this.bodyOf(exception, databaseDown, requestId);
    const status = body.statusCode;
    const server = status >= 500;
    countError(!server ? 'client' : exception instanceof HttpException ? 'server' : 'unhandled');
    if (server && !(exception instanceof ServiceUnavailableException) && !databaseDown)
      reportToSentry(exception, http.getRequest<FastifyRequest & { user?: { id: string } }>(), body.errorId);
    reply.status(status).send(body);
  }

  private bodyOf(exception: unknown, databaseDown: boolean, requestId: string): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      return {
        ...body,
        statusCode: status,
        error: (body.error as string) ?? STATUS_NAMES[status] ?? 'Error',
        message: (body.message as string | string[]) ?? exception.message,
      };
    }
    if (databaseDown) {
      this.logger.warn({ requestId, err: { message: (exception as Error)?.message } }, 'Database unreachable');
      return { statusCode: 503, error: 'Service Unavailable', message: 'The database is unreachable; try again shortly' };
    }
    if (isUniqueViolation(exception))
      return {
        statusCode: 409,
        error: 'Conflict',
        message: 'A concurrent request already created this (a unique name or path is taken); reload and try again',
      };
    const clientError = clientErrorOf(exception);
    if (clientError)
      return { statusCode: clientError.status, error: STATUS_NAMES[clientError.status] ?? 'Bad Request', message: clientError.message };
    const errorId = randomUUID();
    this.logger.error({ errorId, requestId, err: exception }, 'Unhandled error');
    return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', errorId };
  }
}

/**
 * 5xx only (4xx are the caller's mistakes), except deliberate 503s (probes while not ready, "queue
 * unavailable"): those report a dependency's state, which readiness, metrics and alerts already cover,
 * and would flood Sentry with one event per probe. The route, request id and user id go with it, never
 * the body; instrument.ts's beforeSend also strips credentials. A no-op when Sentry is not initialised.
 */
function reportToSentry(exception: unknown, request: FastifyRequest & { user?: { id: string } }, errorId?: string): void {
  const Sentry = startedSentry();
  if (!Sentry) return;
  Sentry.withScope((scope) => {
    scope.setTags({ request_id: request.id, ...(errorId ? { error_id: errorId } : {}) });
    scope.setContext('http', { method: request.method, route: request.routeOptions?.url ?? 'unmatched' });
    if (request.user?.id) scope.setUser({ id: request.user.id });
    Sentry.captureException(exception);
  });
}

/** @sentry/nestjs if instrument.ts loaded it (SENTRY_DSN set); never loaded here just to report nowhere. */
function startedSentry(): typeof SentryApi | undefined {
  const path = require.resolve('@sentry/nestjs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require.cache[path] ? (require(path) as typeof SentryApi) : undefined;
}
