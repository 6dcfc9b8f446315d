/**
 * A node's abort signal, made only when the node reads it: most nodes (data, branching, inline
 * expressions) never do, and an AbortController per node was ~1 % of a sync webhook's CPU.
 */
export class LazyAbort {
  private controller?: AbortController;
  private aborted = false;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }

  abort(): void {
    this.aborted = true;
    this.controller?.abort();
  }
}
