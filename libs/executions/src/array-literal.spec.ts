import { plainArray } from './array-literal';

describe('plainArray', () => {
  it('writes uuids, integers, ISO timestamps and NULLs as one PostgreSQL array literal', () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(plainArray([id, null, 42, new Date('2026-12-06T01:02:03.004Z')])).toBe(`{${id},NULL,42,2026-12-06T01:02:03.004Z}`);
  });

  it('writes an empty array as {}', () => {
    expect(plainArray([])).toBe('{}');
  });
});
