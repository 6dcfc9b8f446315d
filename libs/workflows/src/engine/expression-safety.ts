import type { ExprNode } from 'jsonata';

/**
 * Whether a compiled JSONata expression provably ends fast with bounded memory, so it may run on
 * the main thread instead of the worker pool. Conservative by construction: a whitelist of node
 * shapes (any key not listed makes the node unsafe), so unknown or future syntax goes to the pool.
 *
 * Why the allowed shapes are safe: without lambdas, bindings, ranges, regexes or callbacks nothing
 * loops except path steps, and a path of plain names (no computed steps, no predicates other than
 * a literal index) visits each input value at most once. Every other node is evaluated once, and
 * the whitelisted functions are linear in their input and take no size arguments. So the time is
 * O(nodes x input) and the input is bounded (WEBHOOK_BODY_LIMIT_BYTES, STEP_OUTPUT_MAX_BYTES).
 */
export const MAX_MAIN_THREAD_NODES = 64;

const BINARY_OPERATORS = new Set(['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '&', 'in']);

/**
 * Functions linear in their input, without function arguments or size arguments. The value is the
 * argument positions that must be string literals: those feed indexOf-style searches, whose cost
 * would otherwise grow with the product of two input sizes.
 */
const CHEAP_FUNCTIONS = new Map<string, number[]>([
  ['sum', []],
  ['count', []],
  ['max', []],
  ['min', []],
  ['average', []],
  ['string', []],
  ['length', []],
  ['substring', []],
  ['substringBefore', [1]],
  ['substringAfter', [1]],
  ['uppercase', []],
  ['lowercase', []],
  ['trim', []],
  ['contains', [1]],
  ['split', [1]],
  ['join', [1]],
  ['number', []],
  ['abs', []],
  ['floor', []],
  ['ceil', []],
  ['round', []],
  ['boolean', []],
  ['not', []],
  ['exists', []],
  ['type', []],
  ['keys', []],
  ['lookup', []],
  ['append', []],
  ['reverse', []],
  ['merge', []],
  ['now', []],
  ['millis', []],
  ['base64encode', []],
  ['base64decode', []],
  ['encodeUrlComponent', []],
  ['encodeUrl', []],
  ['decodeUrlComponent', []],
  ['decodeUrl', []],
]);

/** The AST loosely typed: jsonata's ExprNode type lists fewer node kinds and keys than the parser makes. */
type Node = { type?: string; value?: unknown } & Record<string, unknown>;

/** Keys every node may carry without changing what it does. */
const NEUTRAL_KEYS = new Set(['type', 'value', 'position']);

function onlyKeys(node: Node, ...allowed: string[]): boolean {
  return Object.keys(node).every((key) => NEUTRAL_KEYS.has(key) || allowed.includes(key) || node[key] === undefined);
}

/** `$` (current context) and `$$` (root): the only variables, since bindings are not allowed. */
const isContextVariable = (node: Node) => node.type === 'variable' && (node.value === '' || node.value === '$') && onlyKeys(node);

const isIndexPredicate = (stage: Node) => stage.type === 'filter' && onlyKeys(stage, 'expr') && (stage.expr as Node)?.type === 'number';

function isPlainStep(step: Node, index: number): boolean {
  if (index === 0 && isContextVariable(step)) return true;
  if (step.type !== 'name' && step.type !== 'wildcard') return false;
  if (!onlyKeys(step, 'stages', 'keepArray')) return false;
  const stages = (step.stages ?? []) as Node[];
  return stages.every(isIndexPredicate);
}

const isStringLiteral = (node: Node | undefined) => node === undefined || (node.type === 'string' && onlyKeys(node));

export function runsOnMainThread(ast: ExprNode): boolean {
  let nodes = 0;
  const safe = (node: Node | undefined): boolean => {
    if (!node || typeof node !== 'object' || ++nodes > MAX_MAIN_THREAD_NODES) return false;
    switch (node.type) {
      case 'string':
      case 'number':
      case 'value':
        return onlyKeys(node);
      case 'variable':
        return isContextVariable(node);
      case 'path': {
        const steps = (node.steps ?? []) as Node[];
        nodes += steps.length;
        return onlyKeys(node, 'steps', 'keepSingletonArray') && steps.length > 0 && steps.every(isPlainStep);
      }
      case 'binary':
        return (
          onlyKeys(node, 'lhs', 'rhs') && BINARY_OPERATORS.has(node.value as string) && safe(node.lhs as Node) && safe(node.rhs as Node)
        );
      case 'unary':
        if (node.value === '-') return onlyKeys(node, 'expression') && safe(node.expression as Node);
        if (node.value === '[') return onlyKeys(node, 'expressions', 'consarray') && ((node.expressions ?? []) as Node[]).every(safe);
        if (node.value === '{')
          return onlyKeys(node, 'lhs') && ((node.lhs ?? []) as Node[][]).every(([key, value]) => safe(key) && safe(value));
        return false;
      case 'condition':
        return (
          onlyKeys(node, 'condition', 'then', 'else') &&
          safe(node.condition as Node) &&
          safe(node.then as Node) &&
          (node.else === undefined || safe(node.else as Node))
        );
      case 'block':
        return onlyKeys(node, 'expressions') && ((node.expressions ?? []) as Node[]).every(safe);
      case 'function':
        return isCheapCall(node, safe);
      default:
        return false; // lambdas, bindings, ranges, regexes, sorts, groups, transforms, ~>, partial application...
    }
  };
  return safe(ast as unknown as Node);
}

function isCheapCall(node: Node, safe: (node: Node) => boolean): boolean {
  const procedure = node.procedure as Node | undefined;
  if (!onlyKeys(node, 'procedure', 'arguments') || procedure?.type !== 'variable' || !onlyKeys(procedure)) return false;
  const literalPositions = CHEAP_FUNCTIONS.get(procedure.value as string);
  if (!literalPositions) return false;
  const args = (node.arguments ?? []) as Node[];
  return literalPositions.every((i) => isStringLiteral(args[i])) && args.every(safe);
}
