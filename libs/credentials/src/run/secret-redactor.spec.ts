import { SecretRedactor } from './secret-redactor';

describe('SecretRedactor', () => {
  it('replaces secrets and their URL-encoded and base64 forms at any depth, keeping dates and numbers', () => {
    const redactor = new SecretRedactor();
    redactor.add('s3cr/t+value', 'abc', undefined, 42);
    const at = new Date(0);
    const out = redactor.redact({
      url: `https://x.test/?k=${encodeURIComponent('s3cr/t+value')}`,
      list: [`Basic ${Buffer.from('s3cr/t+value').toString('base64')}`, 7],
      nested: { 's3cr/t+value': 'key too', short: 'abc stays (too short to redact)' },
      at,
    });
    expect(out).toEqual({
      url: 'https://x.test/?k=***',
      list: ['Basic ***', 7],
      nested: { '***': 'key too', short: 'abc stays (too short to redact)' },
      at,
    });
    expect(out.at).toBe(at);
  });

  it('prefers the longest match so a secret containing another leaves nothing behind', () => {
    const redactor = new SecretRedactor();
    redactor.add('token-1234', 'Bearer token-1234');
    expect(redactor.redact('auth: Bearer token-1234')).toBe('auth: ***');
  });

  it('returns the value untouched when nothing was resolved', () => {
    const value = { a: 'b' };
    expect(new SecretRedactor().redact(value)).toBe(value);
  });
});
