import { clientKey, trackerOf } from './client-key.util';
import { RateLimitDecision, rateLimitHeaders, strictest, tooManyRequestsBody, unlimited } from './rate-limit-decision';

const decision = (over: Partial<RateLimitDecision>): RateLimitDecision => ({
  limiter: 'api',
  allowed: true,
  limit: 100,
  remaining: 50,
  resetSeconds: 30,
  retryAfterSeconds: 0,
  windowSeconds: 60,
  ...over,
});

describe('strictest', () => {
  it('prefers a refusal, the longest wait first', () => {
    const refusedShort = decision({ limiter: 'burst', allowed: false, retryAfterSeconds: 1 });
    const refusedLong = decision({ limiter: 'execution', allowed: false, retryAfterSeconds: 40 });
    expect(strictest([decision({}), refusedShort, refusedLong])).toBe(refusedLong);
  });

  it('else the fewest requests left, the later reset on a tie', () => {
    const burst = decision({ limiter: 'burst', limit: 20, remaining: 3, resetSeconds: 1 });
    const execution = decision({ limiter: 'execution', limit: 30, remaining: 3, resetSeconds: 50 });
    expect(strictest([decision({}), burst])).toBe(burst);
    expect(strictest([burst, execution])).toBe(execution);
  });
});

describe('headers and body', () => {
  it('sets RateLimit-* and, when refused, Retry-After', () => {
    expect(rateLimitHeaders(decision({}))).toEqual({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '50', 'RateLimit-Reset': '30' });
    expect(rateLimitHeaders(decision({ allowed: false, remaining: 0, retryAfterSeconds: 12, resetSeconds: 12 }))).toMatchObject({
      'Retry-After': '12',
    });
    expect(rateLimitHeaders(unlimited('webhook'))).toEqual({});
  });

  it('answers 429 JSON in the platform error shape', () => {
    expect(tooManyRequestsBody(decision({ allowed: false, retryAfterSeconds: 7 }))).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Rate limit exceeded (api: 100 per 60 s); retry in 7 s',
    });
  });
});

describe('client keys', () => {
  it('counts IPv4 as is, IPv6 by /64, IPv4-mapped IPv6 as IPv4', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb::9'));
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(clientKey(undefined)).toBe('unknown');
  });

  it('combines user and IP for authenticated callers, IP alone otherwise, scope first', () => {
    expect(trackerOf({ ip: '10.0.0.1', userId: 'u1' })).toBe('u1:10.0.0.1');
    expect(trackerOf({ ip: '10.0.0.1' })).toBe('10.0.0.1');
    expect(trackerOf({ ip: '10.0.0.1', scope: 'hook-a' })).toBe('hook-a@10.0.0.1');
  });
});
