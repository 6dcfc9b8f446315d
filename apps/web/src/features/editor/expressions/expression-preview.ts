import jsonata from 'jsonata';
import type { ExpressionScope } from './expression-scope';

export type Preview =
  { state: 'value'; value: unknown; text: string } | { state: 'error'; message: string } | { state: 'timeout'; afterMs: number };

/** Runs allow EXPRESSION_TIMEOUT_MS (5 s by default); a preview gives up sooner, since it blocks the tab while it works. */
export const PREVIEW_TIMEOUT_MS = 1_000;
/** Previews show this much of a result's JSON. */
export const PREVIEW_MAX_CHARS = 10_000;

const TIMEOUT_CODE = 'D1012';
const PLACEHOLDER = /\{\{(.+?)\}\}/g;

class PreviewTimeout extends Error {}

/**
 * Evaluates an expression the way the engine does: jsonata 2.2.2 with the scope as the input document
 * and no bindings.
 *
 * The time guard, and its limits. jsonata's evaluate is async, but it only awaits its own promises:
 * a long evaluation is one unbroken chain of microtasks, so a setTimeout raced against it cannot fire
 * until it ends. What stops it is jsonata's `timeout` option, checked before every evaluation step
 * (error D1012); the race only covers an evaluation that waits on something else. Neither interrupts a
 * single built-in call (allocating a 1e7-item range, $sort of a huge array, a backtracking regex), so
 * the tab can still stall for that call's duration, and memory is not bounded. The API evaluates in a
 * worker thread with time and heap limits, so such an expression fails there rather than hangs.
 */
export async function previewExpression(source: string, scope: ExpressionScope, timeoutMs = PREVIEW_TIMEOUT_MS): Promise<Preview> {
  try {
    const value = await evaluate(source, scope, timeoutMs);
    return { state: 'value', value, text: previewText(value) };
  } catch (error) {
    return failed(error, timeoutMs);
  }
}

/**
 * Renders `{{ expr }}` placeholders as the engine's template() does: strings as they are, nothing for
 * no match, other values as JSON.
 */
export async function previewTemplate(text: string, scope: ExpressionScope, timeoutMs = PREVIEW_TIMEOUT_MS): Promise<Preview> {
  const parts = text.split(PLACEHOLDER);
  try {
    const deadline = Date.now() + timeoutMs;
    const rendered: string[] = [];
    for (const [i, part] of parts.entries()) {
      if (i % 2 === 0) rendered.push(part);
      else {
        const value = await evaluate(part.trim(), scope, Math.max(deadline - Date.now(), 1));
        rendered.push(typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
      }
    }
    const value = rendered.join('');
    return { state: 'value', value, text: clip(value) };
  } catch (error) {
    return failed(error, timeoutMs);
  }
}

async function evaluate(source: string, scope: ExpressionScope, timeoutMs: number): Promise<unknown> {
  const expression = jsonata(source, { timeout: timeoutMs });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PreviewTimeout()), timeoutMs);
  });
  try {
    return storable(await Promise.race([expression.evaluate(scope), timeout]));
  } finally {
    clearTimeout(timer);
  }
}

function failed(error: unknown, timeoutMs: number): Preview {
  if (error instanceof PreviewTimeout || (error as { code?: string })?.code === TIMEOUT_CODE)
    return { state: 'timeout', afterMs: timeoutMs };
  return { state: 'error', message: (error as Error)?.message || String(error) };
}

/** Functions cannot be stored in a step's output: the engine turns a lambda result into undefined. */
function storable(value: unknown): unknown {
  const isFunction =
    typeof value === 'function' ||
    (value !== null && typeof value === 'object' && ('_jsonata_lambda' in value || '_jsonata_function' in value));
  return isFunction ? undefined : value;
}

/** The preview as JSON; undefined (no match) is spelled out, since the run stores it as nothing. */
export function previewText(value: unknown): string {
  if (value === undefined) return 'undefined (nothing matched)';
  return clip(JSON.stringify(value, null, 2));
}

function clip(text: string): string {
  return text.length > PREVIEW_MAX_CHARS
    ? `${text.slice(0, PREVIEW_MAX_CHARS)}\n… (${text.length - PREVIEW_MAX_CHARS} more characters)`
    : text;
}
