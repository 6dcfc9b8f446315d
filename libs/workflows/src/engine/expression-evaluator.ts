import jsonata, { Expression } from 'jsonata';
import { ExpressionLimitError, ExpressionLimits, ExpressionPool } from './expression-pool';
import { FastExpression, fastExpression, NOT_SURE } from './expression-fast-path';
import { bareWordProblem, syntaxProblem } from './expression-problems';
import { runsOnMainThread } from './expression-safety';
// Plain CommonJS shared with the worker thread, so both measure outputs the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { jsonBytesAtLeast } = require('./expression.worker.js') as { jsonBytesAtLeast: (value: unknown, cap: number) => number };

const CACHE_LIMIT = 5_000;
/** Lets the node's own timer (TIMED_OUT) win when it, not the expression limit, is the nearer one. */
const NODE_TIMER_MARGIN_MS = 50;

export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(`Expression "${expression}": ${message}`);
    this.name = 'ExpressionError';
  }
}

/** What a node's run sees: expressions are evaluated in the sandbox, within the node's deadline. */
export interface Expressions {
  evaluate(source: string, scope: object): Promise<unknown>;
  /** Strings with `{{ expr }}` placeholders (URLs, headers, messages). */
  template(text: string, scope: object): Promise<string>;
}

export interface NodeBudget {
  /** Epoch ms when the node's time is up (its timeoutMs, capped by the execution deadline). */
  deadline: number;
  /** Aborted when the node times out. */
  signal?: AbortSignal;
}

interface Compiled {
  expression: Expression;
  /** Provably quick with bounded memory (expression-safety.ts): evaluated here, not in the pool. */
  mainThread: boolean;
  /** The commonest shapes, evaluated synchronously (expression-fast-path.ts). */
  fast?: FastExpression;
}

/**
 * JSONata (a maintained, side-effect-free expression language: no arbitrary code execution).
 * Compiling (save-time checks) stays on this thread: it is bounded by the source length. Evaluating
 * is not in general (recursion, ranges), so it runs in an ExpressionPool worker thread with time and
 * heap limits, except for expressions whose shape proves them quick (paths, arithmetic, literals...).
 */
export class ExpressionEvaluator {
  private readonly cache = new Map<string, Compiled>();
  private readonly pool: ExpressionPool;

  constructor(readonly limits: ExpressionLimits) {
    this.pool = new ExpressionPool(limits);
  }

  compile(source: string): Expression {
    return this.compiled(source).expression;
  }

  /** The compiled expression when it may run on this thread; undefined sends it to the pool. */
  mainThreadExpression(source: string): Compiled | undefined {
    try {
      const compiled = this.compiled(source);
      return compiled.mainThread ? compiled : undefined;
    } catch {
      return undefined; // the pool reports the syntax error as it always did
    }
  }

  private compiled(source: string): Compiled {
    let compiled = this.cache.get(source);
    if (compiled) return compiled;
    try {
      const expression = jsonata(source);
      const mainThread = runsOnMainThread(expression.ast());
      compiled = { expression, mainThread, fast: mainThread ? fastExpression(expression.ast()) : undefined };
    } catch (error) {
      throw new ExpressionError(source, syntaxProblem(source, error));
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(source, compiled);
    return compiled;
  }

  /** Problems compiling the expression, or null when it is valid. */
  check(source: string): string | null {
    try {
      this.compile(source);
    } catch (error) {
      return (error as Error).message;
    }
    const bareWord = bareWordProblem(source);
    return bareWord ? new ExpressionError(source, bareWord).message : null;
  }

  /** The evaluator one node run uses: its expressions share the node's deadline and are batched. */
  forNode(budget: NodeBudget): Expressions {
    return new NodeExpressions(this, this.pool, budget);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}

interface Batch {
  scope: object;
  sources: string[];
  settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void }[];
}

/**
 * Expressions a node asks for in the same tick (data.set's fields, a template's placeholders) go to
 * the pool as one task, so the scope crosses to the worker thread once.
 */
class NodeExpressions implements Expressions {
  private batch?: Batch;

  constructor(
    private readonly evaluator: ExpressionEvaluator,
    private readonly pool: ExpressionPool,
    private readonly budget: NodeBudget,
  ) {}

  evaluate(source: string, scope: object): Promise<unknown> {
    const here = this.evaluator.mainThreadExpression(source);
    if (here) {
      const value = here.fast ? here.fast(scope) : NOT_SURE;
      return value === NOT_SURE ? this.evaluateHere(here.expression, source, scope) : this.settled(value);
    }
    if (this.batch?.scope !== scope) {
      const batch: Batch = { scope, sources: [], settle: [] };
      this.batch = batch;
      queueMicrotask(() => this.flush(batch));
    }
    const batch = this.batch;
    return new Promise((resolve, reject) => {
      batch.sources.push(source);
      batch.settle.push({ resolve, reject });
    });
  }

  async template(text: string, scope: object): Promise<string> {
    const parts = text.split(/\{\{(.+?)\}\}/g);
    if (parts.length === 1) return text;
    const rendered = await Promise.all(parts.map((part, i) => (i % 2 ? this.evaluate(part.trim(), scope) : part)));
    return rendered.map((value) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value))).join('');
  }

  /** Same answers as the pool: errors as ExpressionError, the output limit, and a copy, not a reference into the scope. */
  private async evaluateHere(expression: Expression, source: string, scope: object): Promise<unknown> {
    let value: unknown;
    try {
      value = await expression.evaluate(scope);
    } catch (error) {
      throw new ExpressionError(source, (error as Error)?.message || String(error));
    }
    return this.limitedCopy(value);
  }

  private settled(value: unknown): Promise<unknown> {
    try {
      return Promise.resolve(this.limitedCopy(value));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private limitedCopy(value: unknown): unknown {
    const { maxOutputBytes } = this.pool.limits;
    const bytes = jsonBytesAtLeast(value, maxOutputBytes);
    if (bytes > maxOutputBytes)
      throw new ExpressionLimitError(`output is at least ${bytes} bytes, over the platform limit of ${maxOutputBytes} bytes`);
    return value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }

  private async flush(batch: Batch): Promise<void> {
    if (this.batch === batch) this.batch = undefined;
    const nodeLeftMs = Math.max(this.budget.deadline - Date.now(), 1);
    const timeLimitMs = Math.min(this.pool.limits.timeoutMs, nodeLeftMs + NODE_TIMER_MARGIN_MS);
    try {
      const results = await this.pool.run(batch.sources, batch.scope, timeLimitMs, this.budget.signal);
      results.forEach((result, i) =>
        'error' in result
          ? batch.settle[i].reject(new ExpressionError(batch.sources[i], result.error))
          : batch.settle[i].resolve(result.value),
      );
    } catch (error) {
      for (const { reject } of batch.settle) reject(error);
    }
  }
}

/** The expressions inside a `{{ expr }}` template, for checking on save. */
export function templateSources(text: string): string[] {
  return [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1].trim());
}
