import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('serves an entry until its time is up', () => {
    const cache = new TtlCache<string>(5_000, 10, clock);
    cache.set('a', 'A');
    now += 4_999;
    expect(cache.get('a')).toBe('A');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the oldest entry when full', () => {
    const cache = new TtlCache<number>(5_000, 2, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('restarts the clock of an entry that is set again', () => {
    const cache = new TtlCache<number>(5_000, 2, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    now += 3_000;
    cache.set('a', 10);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([10, undefined, 3]);
    now += 2_500;
    expect(cache.get('a')).toBe(10);
  });

  it('deletes by key and by predicate', () => {
    const cache = new TtlCache<{ id: string }>(5_000, 10, clock);
    cache.set('h1', { id: 'k1' });
    cache.set('h2', { id: 'k2' });
    cache.set('h3', { id: 'k3' });
    cache.delete('h1');
    cache.deleteWhere((value) => value.id === 'k2');
    expect([cache.get('h1'), cache.get('h2'), cache.get('h3')]).toEqual([undefined, undefined, { id: 'k3' }]);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
