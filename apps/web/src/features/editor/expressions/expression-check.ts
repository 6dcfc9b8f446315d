import jsonata from 'jsonata';

/** Something that makes the API refuse a save: the wording follows the API's (engine/expression-problems.ts). */
export interface ExpressionProblem {
  message: string;
  /** Character offset in the field's text where the parser stopped, when it says. */
  position?: number;
}

const SCOPE_ROOTS = ['trigger', 'nodes'];
const BARE_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LITERALS = ['true', 'false', 'null'];
const PLAIN_TEXT = /^[A-Za-z_][\w ,.!?'-]*$/;
const PLACEHOLDER = /\{\{(.+?)\}\}/g;

interface JsonataError {
  message?: string;
  position?: number;
  token?: unknown;
}

/** The first problem of a JSONata expression, or null when the API would accept it. Empty text is left to the form's own rules. */
export function checkExpression(source: string): ExpressionProblem | null {
  if (!source.trim()) return null;
  try {
    jsonata(source);
  } catch (error) {
    return syntaxProblem(source, error as JsonataError);
  }
  return bareWordProblem(source);
}

/** The first problem among a template's `{{ expr }}` placeholders (URLs, headers, messages), positioned in the whole text. */
export function checkTemplate(text: string): ExpressionProblem | null {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const inner = match[1];
    const source = inner.trim();
    const problem = checkExpression(source) ?? (source ? null : { message: 'An empty {{ }} placeholder' });
    if (!problem) continue;
    const start = (match.index ?? 0) + 2 + inner.indexOf(source);
    return { message: `In {{ ${source} }}: ${problem.message}`, position: start + (problem.position ?? 0) };
  }
  return null;
}

function syntaxProblem(source: string, error: JsonataError): ExpressionProblem {
  const { position, token } = error;
  let where = '';
  if (typeof position === 'number') {
    where = ` at position ${position}`;
    if (token === '(end)') where += ' (the end of the expression)';
    else if (token !== undefined) where += ` near '${String(token)}'`;
  }
  const text = source.trim();
  const hint = PLAIN_TEXT.test(text) ? `; to use it as text, write a string literal in quotes: ${JSON.stringify(text)}` : '';
  return { message: `${error.message ?? String(error)}${where}${hint}`, position: typeof position === 'number' ? position : undefined };
}

/** A lone word other than a scope root is a path that never matches: almost always text missing its quotes. */
function bareWordProblem(source: string): ExpressionProblem | null {
  const word = source.trim();
  if (!BARE_WORD.test(word) || SCOPE_ROOTS.includes(word) || LITERALS.includes(word)) return null;
  return {
    message: `"${word}" is a path that matches nothing (expressions read trigger.… and nodes.…); to use it as text, write a string literal in quotes: ${JSON.stringify(word)}`,
  };
}
