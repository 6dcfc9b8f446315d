/**
 * JSON text for a jsonb column. PostgreSQL refuses \u0000 and unpaired surrogates in jsonb, which a node
 * can produce (an upstream body, a JSONata string): NULs are dropped and lone surrogates become U+FFFD,
 * so the step is stored instead of the whole write failing. JSON.stringify escapes exactly those
 * surrogates (paired ones stay literal), so every unescaped \uD800-\uDFFF escape is a lone one.
 */
export function jsonbText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  let text = JSON.stringify(value);
  if (!text.includes('\\u')) return text;
  text = text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1');
  return text.replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/gi, '$1\\ufffd');
}

/** Text columns refuse NUL too (lone surrogates are replaced by the driver's UTF-8 encoding). */
export function plainText(value: string | null | undefined): string | null {
  return value == null ? null : value.replaceAll('\u0000', '');
}
