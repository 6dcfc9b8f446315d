import { inputProblem } from './input-guard';

describe('inputProblem', () => {
  it('accepts ordinary text, emoji (paired surrogates) and moderate nesting', () => {
    expect(inputProblem({ a: ['x', { b: 'héllo 😀' }], n: 1, t: true, z: null }, 'body')).toBeNull();
  });
  it.each([
    ['a NUL', { a: 'x\u0000' }, 'body.a contains a NUL'],
    ['a lone high surrogate', { a: ['ok', '\ud800'] }, 'body.a[1] contains an unpaired'],
    ['a lone low surrogate', '\udc00x', 'body contains an unpaired'],
    ['a bad property name', { ['k\u0000']: 1 }, 'body: a property name contains a NUL'],
  ])('names %s', (_label, value, message) => expect(inputProblem(value, 'body')).toContain(message));
  it('refuses nesting past the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 65; i++) deep = { a: deep };
    expect(inputProblem(deep, 'body')).toBe(
      'body.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a is nested deeper than 64 levels',
    );
  });
});
