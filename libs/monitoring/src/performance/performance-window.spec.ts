import { WINDOWS, windowSlots } from './performance-window';

describe('windowSlots', () => {
  const now = Date.UTC(2026, 0, 1, 12, 30, 15);

  it('uses minute slots up to 2 h, ending with the current minute', () => {
    const { res, slots, from, seconds } = windowSlots(WINDOWS['15m'], now);
    expect(res).toBe('m');
    expect(slots).toHaveLength(15);
    expect(slots[14]).toBe(Math.floor(now / 60_000));
    expect(from.toISOString()).toBe('2026-01-01T12:16:00.000Z');
    expect(seconds).toBe(14 * 60 + 15);
  });

  it('uses hour slots for 24 h', () => {
    const { res, slots, from } = windowSlots(WINDOWS['24h'], now);
    expect(res).toBe('h');
    expect(slots).toHaveLength(24);
    expect(from.toISOString()).toBe('2025-12-31T13:00:00.000Z');
  });
});
