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
});
