import { join } from 'node:path';
import { Piscina } from 'piscina';
import { NodeFailure } from '../node-types/node-type';

export interface ExpressionLimits {
  poolSize: number;
  memoryLimitMb: number;
  /** Upper bound of one node's expression batch; callers pass less when their own deadline is nearer. */
  timeoutMs: number;
  maxOutputBytes: number;
}

export type EvaluationResult = { value: unknown } | { error: string };

type WorkerAnswer = { results: EvaluationResult[] } | { limit: 'time' | 'memory' } | { outputBytesAtLeast: number };

/** An expression went over a platform limit: permanent, since running it again would do the same. */
export class ExpressionLimitError extends NodeFailure {
  constructor(message: string) {
    super(message, true);
    this.name = 'ExpressionLimitError';
  }
}

const WORKER_FILE = join(__dirname, 'expression.worker.js');

/**
 * JSONata evaluation in worker threads (piscina), where a runaway expression can be stopped: a
 * deadline aborts the task (piscina terminates the thread running it) and resourceLimits bound the
 * heap. The pool starts on first use, so processes that never evaluate start no threads.
 */
export class ExpressionPool {
  private pool?: Piscina;

  constructor(readonly limits: ExpressionLimits) {}

  /**
   * Evaluates the sources against one scope in one task. `timeLimitMs` (at most limits.timeoutMs)
   * ends it with ExpressionLimitError; `signal` (the node's own timeout) ends it with signal.reason.
   */
  async run(sources: string[], scope: object, timeLimitMs: number, signal?: AbortSignal): Promise<EvaluationResult[]> {
    const timer = AbortSignal.timeout(Math.max(timeLimitMs, 1));
    const task = {
      sources,
      scope,
      deadline: Date.now() + timeLimitMs,
      memoryLimitMb: this.limits.memoryLimitMb,
      maxOutputBytes: this.limits.maxOutputBytes,
    };
    let answer: WorkerAnswer;
    try {
      answer = await this.threads().run(task, { signal: signal ? AbortSignal.any([signal, timer]) : timer });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timer.aborted) throw this.timeExceeded(timeLimitMs);
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw this.memoryExceeded();
      throw new NodeFailure(`expressions could not be evaluated: ${(error as Error)?.message || 'the result is not plain data'}`, true);
    }
    if ('limit' in answer) throw answer.limit === 'time' ? this.timeExceeded(timeLimitMs) : this.memoryExceeded();
    if ('outputBytesAtLeast' in answer)
      throw new ExpressionLimitError(
        `output is at least ${answer.outputBytesAtLeast} bytes, over the platform limit of ${this.limits.maxOutputBytes} bytes`,
      );
    return answer.results;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private threads(): Piscina {
    const { poolSize, memoryLimitMb } = this.limits;
    // The in-thread guard enforces memoryLimitMb; V8's own limit sits well above it because one large
    // allocation past it aborts the whole process instead of failing the thread (nodejs/node#47224).
    this.pool ??= new Piscina({
      filename: WORKER_FILE,
      minThreads: poolSize,
      maxThreads: poolSize,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      resourceLimits: {
        maxOldGenerationSizeMb: memoryLimitMb * 2 + 64,
        maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.ceil(memoryLimitMb / 4))),
      },
    });
    return this.pool;
  }

  private timeExceeded(ms: number): ExpressionLimitError {
    return new ExpressionLimitError(`expression exceeded its time limit of ${ms} ms`);
  }

  private memoryExceeded(): ExpressionLimitError {
    return new ExpressionLimitError(`expression exceeded the memory limit of ${this.limits.memoryLimitMb} MB`);
  }
}
