import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('flushes the items of one turn of the event loop together and merges the ones that arrive meanwhile', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const group = new GroupCommit<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
    }, 1);
    const first = [1, 2].map((n) => group.submit(n));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2]]);
    const rest = [3, 4, 5].map((n) => group.submit(n));
    release();
    await Promise.all([...first, ...rest]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('starts up to maxInFlight flushes, each with the items of its own turn', async () => {
    const batches: number[][] = [];
    const gates: (() => void)[] = [];
    const group = new GroupCommit<number>(async (items) => {
      batches.push(items);
      await new Promise<void>((r) => gates.push(r));
    }, 2);
    const turn = () => new Promise((r) => setImmediate(r));
    const submitted = [group.submit(1), group.submit(2)];
    await turn();
    submitted.push(group.submit(3));
    await turn();
    submitted.push(group.submit(4), group.submit(5));
    await turn();
    expect(batches).toEqual([[1, 2], [3]]);
    gates.forEach((open) => open());
    await turn();
    await turn();
    expect(batches).toEqual([[1, 2], [3], [4, 5]]);
    gates.forEach((open) => open());
    await Promise.all(submitted);
  });

  it('with process.nextTick, flushes the items of one promise chain drain at once, before the turn ends', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>(async (items) => void batches.push(items), 4, process.nextTick);
    const ended = Promise.resolve();
    // Items submitted from continuations of one settled promise, at different depths of its chains.
    const submitted = [
      ended.then(() => group.submit(1)),
      ended.then(() => Promise.resolve().then(() => group.submit(2))),
      ended.then(async () => {
        await null;
        await null;
        return group.submit(3);
      }),
    ];
    const turnEnded = new Promise((r) => setImmediate(() => r(batches.length)));
    await Promise.all(submitted);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await turnEnded).toBe(1); // flushed before setImmediate's callback
  });

  it('takes at most maxBatch items per flush and leaves the rest, in order, to the next ones', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>(async (items) => void batches.push(items), 1, setImmediate, 3);
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => group.submit(n)));
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('fills every flush in flight from a backlog, each with at most maxBatch items', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>(async (items) => void batches.push(items), 2, setImmediate, 2);
    const submitted = [1, 2, 3, 4, 5].map((n) => group.submit(n));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    await Promise.all(submitted);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('weighs items against maxBatch when told how, and still flushes an item heavier than maxBatch alone', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number>(
      async (items) => void batches.push(items),
      1,
      setImmediate,
      5,
      (n) => n,
    );
    await Promise.all([2, 3, 1, 9, 4, 4].map((n) => group.submit(n)));
    expect(batches).toEqual([[2, 3], [1], [9], [4], [4]]);
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
