import 'reflect-metadata';
import { SkipThrottle, Throttle } from '@nestjs/throttler';
import { THROTTLER_LIMIT, THROTTLER_SKIP, THROTTLER_TTL } from './throttler-options';

describe('@nestjs/throttler metadata keys the guard reads', () => {
  it('match what @SkipThrottle and @Throttle write', () => {
    @SkipThrottle({ burst: true })
    @Throttle({ api: { limit: 3, ttl: 1_000 } })
    class Route {}
    expect(Reflect.getMetadata(THROTTLER_SKIP + 'burst', Route)).toBe(true);
    expect(Reflect.getMetadata(THROTTLER_LIMIT + 'api', Route)).toBe(3);
    expect(Reflect.getMetadata(THROTTLER_TTL + 'api', Route)).toBe(1_000);
  });
});
