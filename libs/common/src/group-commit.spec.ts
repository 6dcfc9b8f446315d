import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('flushes the first item at once and merges the ones that arrive meanwhile', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const group = new GroupCommit<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
    }, 1);
    const first = group.submit(1);
    const rest = [2, 3, 4].map((n) => group.submit(n));
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('returns per-item results and isolates a failing item', async () => {
    const group = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('unlucky');
      return items.map((n) => n * 2);
    }, 1);
    const results = await Promise.allSettled([group.submit(1), group.submit(13), group.submit(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<number>).value).toBe(6);
  });
});
