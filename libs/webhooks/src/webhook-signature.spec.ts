import { signatureProblem, signWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const body = Buffer.from('{"a":1}');
  it('accepts a fresh valid signature', () => expect(signatureProblem('s3cret', signWebhook('s3cret', body), body, 300)).toBeNull());
  it('refuses a wrong secret, a changed body, a stale timestamp and garbage', () => {
    expect(signatureProblem('other', signWebhook('s3cret', body), body, 300)).toMatch(/does not match/);
    expect(signatureProblem('s3cret', signWebhook('s3cret', body), Buffer.from('{"a":2}'), 300)).toMatch(/does not match/);
    expect(signatureProblem('s3cret', signWebhook('s3cret', body, Math.floor(Date.now() / 1000) - 3600), body, 300)).toMatch(/tolerance/);
    expect(signatureProblem('s3cret', 'nonsense', body, 300)).toMatch(/malformed/);
    expect(signatureProblem('s3cret', undefined, body, 300)).toMatch(/missing/);
  });
  it.each([
    ['a short MAC', (h: string) => h.slice(0, -2)],
    ['a fractional timestamp', (h: string) => h.replace(/^t=(\d+)/, 't=$1.5')],
    ['an exponent timestamp', (h: string) => h.replace(/^t=(\d+)/, 't=1e9')],
    ['extra parts', (h: string) => `${h},v0=abc`],
    ['non-hex characters', (h: string) => h.replace(/v1=../, 'v1=zz')],
    ['a duplicated v1', (h: string) => `${h},${h.split(',')[1]}`],
  ])('refuses %s as malformed', (_label, mangle) => {
    expect(signatureProblem('s3cret', mangle(signWebhook('s3cret', body)), body, 300)).toMatch(/malformed/);
  });
});
