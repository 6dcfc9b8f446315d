import { parseTrustProxy } from './fastify-adapter.factory';

describe('parseTrustProxy', () => {
  it.each([
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
  ])('%s', (value, expected) => expect(parseTrustProxy(value)).toEqual(expected));
});
