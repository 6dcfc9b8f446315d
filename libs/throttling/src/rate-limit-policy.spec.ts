import { loadConfig, parseTierTable, validateEnvironment } from '@app/config';
import { AdaptiveLoadService } from './adaptive-load.service';
import { RateLimitPolicy } from './rate-limit-policy.service';

function policy(env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const adaptive = new AdaptiveLoadService(config);
  return { policy: new RateLimitPolicy(config, adaptive), adaptive };
}

describe('RateLimitPolicy', () => {
  it('defaults to the tier table: requests per minute and burst per second', () => {
    const { policy: p } = policy();
    const table = (name: 'api' | 'burst') => ['FREE', 'PRO', 'ENTERPRISE', 'ADMIN'].map((tier) => p.limit(name, tier));
    expect(table('api')).toEqual([100, 1_000, 10_000, 100_000]);
    expect(table('burst')).toEqual([20, 100, 500, 1_000]);
    expect(p.ttlMs('api')).toBe(60_000);
    expect(p.ttlMs('burst')).toBe(1_000);
  });

  it('takes the FREE limit from THROTTLE_<NAME>_LIMIT and scales the other tiers from the table', () => {
    const { policy: p } = policy({
      THROTTLE_API_LIMIT: '5',
      THROTTLE_EXECUTION_LIMIT: '3',
      THROTTLE_WEBHOOK_LIMIT: '2',
      THROTTLE_UPLOAD_TTL_SECONDS: '30',
    });
    expect(p.limit('api', 'FREE')).toBe(5);
    expect(p.limit('api', 'PRO')).toBe(50);
    expect(p.limit('execution', 'ENTERPRISE')).toBe(300);
    expect(p.limit('webhook', 'PRO')).toBe(20);
    expect(p.ttlMs('upload')).toBe(30_000);
  });

  it('treats a caller without a tier as FREE; auth is the same for everyone', () => {
    const { policy: p } = policy();
    expect(p.limit('api', undefined)).toBe(100);
    expect(['FREE', 'ADMIN'].map((tier) => p.limit('auth', tier))).toEqual([5, 5]);
    expect(p.ttlMs('auth')).toBe(900_000);
  });

  it('honours a tier table override', () => {
    const { policy: p } = policy({ THROTTLE_TIER_TABLE: 'FREE:100/20, PRO:300/40, ENTERPRISE:1000/100, ADMIN:5000/200' });
    expect(p.limit('api', 'PRO')).toBe(300);
    expect(p.limit('burst', 'PRO')).toBe(40);
  });

  it('tightens every limit by the adaptive factor under pressure (never below 1) and relaxes after', () => {
    const { policy: p, adaptive } = policy({ THROTTLE_ADAPTIVE_FACTOR: '0.5', THROTTLE_AUTH_LIMIT: '1' });
    adaptive.observe({ cpu: 0.99, memory: 0.1 });
    expect([p.limit('api', 'FREE'), p.limit('burst', 'PRO'), p.limit('auth', 'FREE')]).toEqual([50, 50, 1]);
    expect(p.limit('api', 'FREE', false)).toBe(100);
    adaptive.observe({ cpu: 0.1, memory: 0.1 });
    expect(p.limit('api', 'FREE')).toBe(100);
  });
});

describe('THROTTLE_TIER_TABLE', () => {
  it('parses TIER:perMinute/burst for every tier', () => {
    expect(parseTierTable('FREE:1/2,PRO:3/4,ENTERPRISE:5/6,ADMIN:7/8')).toEqual({
      FREE: { perMinute: 1, burst: 2 },
      PRO: { perMinute: 3, burst: 4 },
      ENTERPRISE: { perMinute: 5, burst: 6 },
      ADMIN: { perMinute: 7, burst: 8 },
    });
  });

  it.each([
    ['a missing tier', 'FREE:1/2,PRO:3/4,ENTERPRISE:5/6'],
    ['a duplicate', 'FREE:1/2,PRO:3/4,ENTERPRISE:5/6,ADMIN:7/8,PRO:1/1'],
    ['an unknown tier', 'FREE:1/2,PRO:3/4,ENTERPRISE:5/6,ADMIN:7/8,GOLD:1/1'],
    ['zero', 'FREE:0/2,PRO:3/4,ENTERPRISE:5/6,ADMIN:7/8'],
    ['no burst', 'FREE:1,PRO:3/4,ENTERPRISE:5/6,ADMIN:7/8'],
  ])('refuses %s at boot', (_case, value) => {
    expect(parseTierTable(value)).toBeNull();
    const verdict = validateEnvironment({ NODE_ENV: 'test', THROTTLE_TIER_TABLE: value });
    expect(JSON.stringify(verdict)).toContain('THROTTLE_TIER_TABLE');
    expect(verdict.config).toBeUndefined();
  });
});
