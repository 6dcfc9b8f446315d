import { loadConfig } from '@app/config';
import { createFastifyAdapter, parseTrustProxy } from './fastify-adapter.factory';

describe('parseTrustProxy', () => {
  it.each([
    ['false', false],
    ['true', true],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
  ])('%s', (value, expected) => expect(parseTrustProxy(value)).toEqual(expected));

  it('a hop count trusts that many proxies nearest the server', () => {
    const trust = parseTrustProxy('2') as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('203.0.113.9', hop))).toEqual([true, true, false]);
  });
});

describe('createFastifyAdapter', () => {
  async function ipSeen(trustProxy: string, forwardedFor: string): Promise<string> {
    const adapter = createFastifyAdapter(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: trustProxy }));
    const app = adapter.getInstance();
    app.get('/ip', (request) => ({ ip: request.ip }));
    try {
      const response = await app.inject({ method: 'GET', url: '/ip', headers: { 'x-forwarded-for': forwardedFor } });
      return response.json<{ ip: string }>().ip;
    } finally {
      await app.close();
    }
  }

  it('takes the client address that many hops back with a hop count, and none without trust', async () => {
    expect(await ipSeen('1', '198.51.100.7, 10.0.0.2')).toBe('10.0.0.2');
    expect(await ipSeen('2', '198.51.100.7, 10.0.0.2')).toBe('198.51.100.7');
    expect(await ipSeen('false', '198.51.100.7, 10.0.0.2')).toBe('127.0.0.1');
  });
});
