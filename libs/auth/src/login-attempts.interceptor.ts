import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UnauthorizedException } from '@nestjs/common';
import { TransformFnParams } from 'class-transformer';
import { createHash } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, Observable } from 'rxjs';
import { clientKey, RateLimiter, RateLimitExceededException, rateLimitHeaders, strictest } from '@app/throttling';
import { INVALID_LOGIN } from './auth.service';
import { normalizeEmail } from './dto/transforms';

interface Counter {
  tracker: string;
  /** A success clears the account's failures; the IP only gets its own attempt back. */
  clearedOnSuccess: boolean;
}

/**
 * The `auth` limiter for POST /auth/login counts failed logins, per client IP and per account (the
 * normalized email, hashed: no addresses in Redis), THROTTLE_AUTH_LIMIT per THROTTLE_AUTH_TTL_SECONDS.
 * Every attempt is counted before the password is checked, so parallel guesses cannot all slip in
 * under the limit; an attempt that was not a wrong email/password is given back afterwards.
 */
@Injectable()
export class LoginAttemptsInterceptor implements NestInterceptor {
  constructor(private readonly limiter: RateLimiter) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.limiter.enabled) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const counters = countersFor(request.ip, (request.body as { email?: unknown } | undefined)?.email);
    // Not tightened under CPU pressure (the adaptive limiter): a lockout is about guesses, not load.
    const limit = this.limiter.policy.limit('auth', undefined, false);
    const ttlMs = this.limiter.policy.ttlMs('auth');
    const decision = strictest(await this.limiter.hitMany(counters.map(({ tracker }) => ({ name: 'auth', tracker, limit, ttlMs }))))!;
    http.getResponse<FastifyReply>().headers(rateLimitHeaders(decision));
    if (!decision.allowed) throw new RateLimitExceededException(decision);
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        await this.giveBack(counters, true);
        return result;
      }),
      catchError(async (error: unknown) => {
        if (!isWrongCredentials(error)) await this.giveBack(counters, false);
        throw error;
      }),
    );
  }

  private giveBack(counters: Counter[], succeeded: boolean): Promise<void> {
    return this.limiter.uncount(
      counters.map(({ tracker, clearedOnSuccess }) => ({ name: 'auth', tracker, all: succeeded && clearedOnSuccess })),
    );
  }
}

/** The body is not validated yet (interceptors run before pipes): the email as LoginDto will see it, if any. */
function countersFor(ip: string | undefined, rawEmail: unknown): Counter[] {
  const counters = [{ tracker: `login@${clientKey(ip)}`, clearedOnSuccess: false }];
  const email = normalizeEmail({ value: rawEmail } as TransformFnParams);
  if (typeof email === 'string' && email) {
    const account = createHash('sha256').update(email).digest('hex').slice(0, 32);
    counters.push({ tracker: `login-account@${account}`, clearedOnSuccess: true });
  }
  return counters;
}

/** Unknown email and wrong password answer alike (INVALID_LOGIN); a disabled account or a bad body is no guess. */
function isWrongCredentials(error: unknown): boolean {
  return error instanceof UnauthorizedException && error.message === INVALID_LOGIN;
}
