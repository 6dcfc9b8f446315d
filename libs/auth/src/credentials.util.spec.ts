import { credentialFromHeaders } from './credentials.util';

const KEY = `wp_${'a'.repeat(43)}`;

describe('credentialFromHeaders', () => {
  it('reads a JWT from Authorization: Bearer', () =>
    expect(credentialFromHeaders({ authorization: 'Bearer eyJ.a.b' })).toEqual({ kind: 'jwt', token: 'eyJ.a.b' }));

  it('accepts the scheme in any case', () =>
    expect(credentialFromHeaders({ authorization: 'bearer eyJ.a.b' })).toEqual({ kind: 'jwt', token: 'eyJ.a.b' }));

  it('reads an API key from Authorization: Bearer wp_...', () =>
    expect(credentialFromHeaders({ authorization: `Bearer ${KEY}` })).toEqual({ kind: 'api-key', key: KEY }));

  it('reads an API key from X-API-Key', () => expect(credentialFromHeaders({ 'x-api-key': KEY })).toEqual({ kind: 'api-key', key: KEY }));

  it('prefers Authorization over X-API-Key', () =>
    expect(credentialFromHeaders({ authorization: 'Bearer eyJ.a.b', 'x-api-key': KEY })).toEqual({ kind: 'jwt', token: 'eyJ.a.b' }));

  it('returns null without credentials', () => expect(credentialFromHeaders({})).toBeNull());

  it.each([
    { authorization: 'Basic dXNlcjpwYXNz' },
    { authorization: 'Bearer' },
    { authorization: 'Bearer a b' },
    { 'x-api-key': 'not-a-key' },
    { 'x-api-key': [KEY, KEY] },
  ])('flags unusable headers: %j', (headers) => expect(credentialFromHeaders(headers)).toBe('invalid'));
});
