import type { ExprNode } from 'jsonata';

/** Returned when the fast path cannot be sure of JSONata's answer: the expression is evaluated by JSONata. */
export const NOT_SURE = Symbol('not sure');

/** Evaluates synchronously, or answers NOT_SURE. */
export type FastExpression = (scope: object) => unknown;

type Node = { type?: string; value?: unknown } & Record<string, unknown>;

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

const hasOnly = (node: Node, ...keys: string[]) =>
  Object.keys(node).every((key) => key === 'type' || key === 'value' || key === 'position' || keys.includes(key));

/**
 * The commonest expressions — field paths (`trigger.body.id`), number literals and arithmetic on them
 * (`trigger.body.a + trigger.body.b`) — evaluated without JSONata's asynchronous evaluator, whose
 * promises (and the async hooks each one runs) cost more than the work itself. Anything where
 * JSONata's own rules could differ (arrays, which paths map over; non-numbers in arithmetic, which
 * are errors; results out of range) answers NOT_SURE, so JSONata decides. Undefined for other shapes.
 */
export function fastExpression(ast: ExprNode): FastExpression | undefined {
  const node = ast as unknown as Node;
  if (node.type === 'number' && hasOnly(node)) return () => node.value;
  if (node.type === 'string' && hasOnly(node)) return () => node.value;
  if (node.type === 'path') return fastPath(node);
  if (node.type === 'binary' && hasOnly(node, 'lhs', 'rhs') && ARITHMETIC[node.value as string]) {
    const operate = ARITHMETIC[node.value as string];
    const [lhs, rhs] = [fastExpression(node.lhs as ExprNode), fastExpression(node.rhs as ExprNode)];
    if (!lhs || !rhs) return undefined;
    return (scope) => {
      const [a, b] = [lhs(scope), rhs(scope)];
      if (a === NOT_SURE || b === NOT_SURE) return NOT_SURE;
      if (a === undefined || b === undefined) return typeof a === 'number' || typeof b === 'number' ? undefined : NOT_SURE;
      if (typeof a !== 'number' || typeof b !== 'number') return NOT_SURE;
      const result = operate(a, b);
      return Number.isFinite(result) ? result : NOT_SURE;
    };
  }
  return undefined;
}

/** A path of plain field names: each step reads an own property of a plain object. */
function fastPath(node: Node): FastExpression | undefined {
  const steps = node.steps as Node[] | undefined;
  if (!hasOnly(node, 'steps') || !steps?.length) return undefined;
  if (!steps.every((step) => step.type === 'name' && typeof step.value === 'string' && hasOnly(step))) return undefined;
  const names = steps.map((step) => step.value as string);
  return (scope) => {
    let value: unknown = scope;
    for (const name of names) {
      if (Array.isArray(value)) return NOT_SURE;
      if (value === null || typeof value !== 'object') return undefined;
      if (!Object.prototype.hasOwnProperty.call(value, name)) return name in value ? NOT_SURE : undefined;
      value = (value as Record<string, unknown>)[name];
    }
    return Array.isArray(value) || typeof value === 'function' ? NOT_SURE : value;
  };
}
