import { HttpException, HttpStatus } from '@nestjs/common';
import { RateLimitDecision, rateLimitHeaders, tooManyRequestsBody } from './rate-limit-decision';

/**
 * 429 with the JSON body `{statusCode, error, message}`. The exception filter does not copy headers:
 * whoever throws it sets `headers` on the reply first (the guard does), or answers with them itself.
 */
export class RateLimitExceededException extends HttpException {
  constructor(readonly decision: RateLimitDecision) {
    super(tooManyRequestsBody(decision), HttpStatus.TOO_MANY_REQUESTS);
  }

  get headers(): Record<string, string> {
    return rateLimitHeaders(this.decision);
  }
}
