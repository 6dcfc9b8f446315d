interface Waiter<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a flush runs are merged into the next flush, with at most
 * `maxInFlight` flushes at once. Under load, N concurrent callers cost about N / batch round trips.
 * A flush starts at the end of the event loop's current turn (setImmediate, as ioredis's auto-pipeline
 * does), so the items of every request handled in that turn share it: no timer, and idle an item waits
 * only for the turn's other callbacks. A flush takes items up to `maxBatch` of their weight (`weigh`: 1
 * each by default; at least one item), the rest wait for the next: a backlog (the sink slow for a while)
 * never becomes one unbounded call. A failed batch is retried item by item, so one bad item cannot fail
 * its neighbours. Hand-written: no maintained library does this for arbitrary async sinks (dataloader
 * batches per tick, not per in-flight flush).
 */
export class GroupCommit<T, R = void> {
  private readonly pending: Waiter<T, R>[] = [];
  private inFlight = 0;
  private pumpScheduled = false;

  /**
   * `defer` schedules a flush: setImmediate (the end of the turn) by default; process.nextTick for items
   * that all come from one callback's promise chains (the runs one grouped commit ended), which then share
   * a flush without waiting for the turn's other callbacks.
   */
  constructor(
    private readonly flush: (items: T[]) => Promise<R[] | void>,
    private readonly maxInFlight: number,
    private readonly defer: (run: () => void) => void = setImmediate,
    private readonly maxBatch = Infinity,
    private readonly weigh: (item: T) => number = () => 1,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedulePump();
    });
  }

  private schedulePump(): void {
    if (this.pumpScheduled || !this.pending.length || this.inFlight >= this.maxInFlight) return;
    this.pumpScheduled = true;
    this.defer(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.pending.length) {
      const batch = this.pending.splice(0, this.batchLength());
      this.inFlight++;
      this.run(batch).finally(() => {
        this.inFlight--;
        this.schedulePump();
      });
    }
  }

  /** How many of the pending items the next flush takes. */
  private batchLength(): number {
    if (this.maxBatch === Infinity) return this.pending.length;
    let weight = this.weigh(this.pending[0].item);
    let length = 1;
    while (length < this.pending.length && (weight += this.weigh(this.pending[length].item)) <= this.maxBatch) length++;
    return length;
  }

  private async run(batch: Waiter<T, R>[]): Promise<void> {
    try {
      const results = await this.flush(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve((results ? results[i] : undefined) as R));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const waiter of batch) await this.run([waiter]);
    }
  }
}
