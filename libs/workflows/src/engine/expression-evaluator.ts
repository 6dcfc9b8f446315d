import jsonata, { Expression } from 'jsonata';

const CACHE_LIMIT = 5_000;

export class ExpressionError extends Error {
  constructor(readonly expression: string, message: string) {
    super(`Expression "${expression}": ${message}`);
    this.name = 'ExpressionError';
  }
}

/**
 * JSONata (a maintained, side-effect-free expression language: no arbitrary code execution).
 * Compiling dominates the cost of small expressions, so compiled ones are cached by source text.
 */
export class ExpressionEvaluator {
  private readonly cache = new Map<string, Expression>();

  compile(source: string): Expression {
    let compiled = this.cache.get(source);
    if (compiled) return compiled;
    try {
      compiled = jsonata(source);
    } catch (error) {
      throw new ExpressionError(source, (error as Error).message);
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(source, compiled);
    return compiled;
  }

  /** Problems compiling the expression, or null when it is valid. */
  check(source: string): string | null {
    try {
      this.compile(source);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  async evaluate(source: string, context: object): Promise<unknown> {
    const expression = this.compile(source);
    try {
      return await expression.evaluate(context);
    } catch (error) {
      throw new ExpressionError(source, (error as Error).message);
    }
  }

  /** Strings with `{{ expr }}` placeholders (URLs, headers, messages). */
  async template(text: string, context: object): Promise<string> {
    const parts = text.split(/\{\{(.+?)\}\}/g);
    if (parts.length === 1) return text;
    const rendered = await Promise.all(parts.map((part, i) => (i % 2 ? this.evaluate(part.trim(), context) : part)));
    return rendered.map((value) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value))).join('');
  }
}

/** The expressions inside a `{{ expr }}` template, for checking on save. */
export function templateSources(text: string): string[] {
  return [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1].trim());
}
