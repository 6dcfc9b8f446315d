import { newTimeOrderedId } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newTimeOrderedId', () => {
  it('makes RFC 9562 version 7 uuids carrying the current Unix millisecond, all distinct', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, () => newTimeOrderedId());
    const after = Date.now();
    expect(ids.filter((id) => !UUID_V7.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const millis = ids.map((id) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
    expect(Math.min(...millis)).toBeGreaterThanOrEqual(before);
    expect(Math.max(...millis)).toBeLessThanOrEqual(after);
  });

  it('orders ids of different milliseconds by time', async () => {
    const first = newTimeOrderedId();
    await new Promise((r) => setTimeout(r, 2));
    expect(newTimeOrderedId() > first).toBe(true);
  });

  it('spreads its random bits: every hex digit shows up in each random position', () => {
    const ids = Array.from({ length: 2_000 }, () => newTimeOrderedId().replaceAll('-', ''));
    for (const position of [13, 14, 15, 17, 18, 31]) expect(new Set(ids.map((id) => id[position])).size).toBe(16);
    expect(new Set(ids.map((id) => id[16]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });
});
