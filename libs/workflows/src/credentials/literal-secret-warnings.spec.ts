import { literalSecretWarnings } from './literal-secret-warnings';

const node = (params: object) => ({ nodes: [{ id: 'n', type: 'http.request', params }], edges: [] });

describe('literalSecretWarnings', () => {
  it.each([
    [{ headers: { Authorization: 'Bearer abcdefghijkl' } }, 'params.headers.Authorization'],
    [{ headers: { 'x-api-key': 'k-123' } }, 'params.headers.x-api-key'],
    [{ url: 'https://api.test/?key=sk_live_abcdefgh12345678' }, 'params.url'],
    [{ body: '{ "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig" }' }, 'params.body'],
  ])('warns about %j', (params, path) => {
    expect(literalSecretWarnings(node(params) as never)).toEqual([expect.stringContaining(`node "n" ${path} looks like a literal secret`)]);
  });

  it('says nothing of expressions, plain values or empty secrets', () => {
    expect(
      literalSecretWarnings(
        node({
          url: 'https://api.test/items',
          headers: { Authorization: '{{ trigger.body.token }}', accept: 'application/json', token: '' },
        }) as never,
      ),
    ).toEqual([]);
  });
});
