/** The names an expression can start from: the run's scope is `{ trigger, nodes }`. */
const SCOPE_ROOTS = ['trigger', 'nodes'];
const BARE_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LITERALS = ['true', 'false', 'null'];
// Text the author probably meant literally: words and spaces, maybe punctuation, no operators or quotes.
const PLAIN_TEXT = /^[A-Za-z_][\w ,.!?'-]*$/;

interface JsonataError {
  message: string;
  position?: number;
  token?: unknown;
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** A JSONata compile error with where it happened and, for plain text, how to write it. */
export function syntaxProblem(source: string, error: unknown): string {
  const { message, position, token } = error as JsonataError;
  let where = '';
  if (typeof position === 'number') {
    where = ` at position ${position}`;
    if (token === '(end)') where += ' (the end of the expression)';
    else if (token !== undefined) where += ` near '${String(token)}'`;
  }
  const hint = PLAIN_TEXT.test(source.trim()) ? `; to use it as text, write a string literal in quotes: ${quoted(source.trim())}` : '';
  return `${message}${where}${hint}`;
}

/** A lone word other than a scope root is a path that never matches: almost always text missing its quotes. */
export function bareWordProblem(source: string): string | null {
  const word = source.trim();
  if (!BARE_WORD.test(word) || SCOPE_ROOTS.includes(word) || LITERALS.includes(word)) return null;
  return `"${word}" is a path that matches nothing (expressions read ${SCOPE_ROOTS.map((r) => `${r}.…`).join(' and ')}); to use it as text, write a string literal in quotes: ${quoted(word)}`;
}
