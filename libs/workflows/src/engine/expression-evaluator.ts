import jsonata, { Expression } from 'jsonata';
import { ExpressionLimits, ExpressionPool } from './expression-pool';
import { bareWordProblem, syntaxProblem } from './expression-problems';

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

/**
 * JSONata (a maintained, side-effect-free expression language: no arbitrary code execution).
 * Compiling (save-time checks) stays on this thread: it is bounded by the source length. Evaluating
 * is not (recursion, ranges), so it runs in an ExpressionPool worker thread with time and heap limits.
 */
export class ExpressionEvaluator {
  private readonly cache = new Map<string, Expression>();
  private readonly pool: ExpressionPool;

  constructor(readonly limits: ExpressionLimits) {
    this.pool = new ExpressionPool(limits);
  }

  compile(source: string): Expression {
    let compiled = this.cache.get(source);
    if (compiled) return compiled;
    try {
      compiled = jsonata(source);
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
    return new NodeExpressions(this.pool, budget);
  }

  evaluate(source: string, scope: object): Promise<unknown> {
    return this.forNode({ deadline: Date.now() + this.limits.timeoutMs }).evaluate(source, scope);
  }

  template(text: string, scope: object): Promise<string> {
    return this.forNode({ deadline: Date.now() + this.limits.timeoutMs }).template(text, scope);
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
    private readonly pool: ExpressionPool,
    private readonly budget: NodeBudget,
  ) {}

  evaluate(source: string, scope: object): Promise<unknown> {
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
