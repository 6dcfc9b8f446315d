/**
 * What a workflow may put into a webhook answer (flow.respond). The answer comes from the platform's
 * own origin, so it must not set cookies, loosen CORS or CSP, or break HTTP framing.
 */

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
// Visible ASCII, space and tab: no CR/LF (header injection), NUL or characters Node refuses to send.
const HEADER_VALUE = /^[\t\x20-\x7e]{0,4000}$/;
export const MAX_RESPONSE_HEADERS = 50;

const HOP_BY_HOP_AND_FRAMING = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
  'host',
  'date',
]);
const PLATFORM_OWNED = new Set([
  'set-cookie',
  'set-cookie2',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-content-type-options',
  'x-frame-options',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'strict-transport-security',
  'clear-site-data',
  'x-execution-id',
  'x-request-id',
]);

/** Why this header cannot be part of a webhook answer, or null when it can. */
export function responseHeaderProblem(name: string, value: unknown): string | null {
  if (!HEADER_NAME.test(name)) return `header name "${printable(name)}" is not a valid HTTP header name`;
  const lower = name.toLowerCase();
  if (HOP_BY_HOP_AND_FRAMING.has(lower))
    return `header "${name}" is set by the server (hop-by-hop or message framing) and cannot be set by a workflow`;
  if (PLATFORM_OWNED.has(lower) || lower.startsWith('access-control-'))
    return `header "${name}" cannot be set by a workflow (cookies, CORS and security policy are the platform's)`;
  if (typeof value !== 'string') return `header "${name}" must be a string`;
  if (!HEADER_VALUE.test(value))
    return `header "${name}" value must be at most 4000 visible ASCII characters (no CR, LF or other control characters)`;
  return null;
}

/** A status a webhook may answer with: 1xx (and 101 Switching Protocols) would leave the connection hanging. */
export function responseStatusProblem(status: unknown): string | null {
  return Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599
    ? null
    : `status must be an integer from 200 to 599 (got ${JSON.stringify(status)})`;
}

/** Save-time problems of flow.respond params, each prefixed with "params...". */
export function flowRespondProblems(params: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (params.status !== undefined) {
    const problem = responseStatusProblem(params.status);
    if (problem) problems.push(`params.${problem}`);
  }
  const headers = (params.headers ?? {}) as Record<string, unknown>;
  if (Object.keys(headers).length > MAX_RESPONSE_HEADERS) problems.push(`params.headers: at most ${MAX_RESPONSE_HEADERS} headers`);
  for (const [name, value] of Object.entries(headers)) {
    const problem = responseHeaderProblem(name, value);
    if (problem) problems.push(`params.headers: ${problem}`);
  }
  return problems;
}

/** Run-time guard for definitions saved before these rules: refused headers are dropped, a bad status becomes 200. */
export function sanitizeWebhookResponse<T extends { status: unknown; headers?: unknown }>(
  respond: T,
): T & { status: number; headers: Record<string, string> } {
  const given = respond.headers && typeof respond.headers === 'object' ? (respond.headers as Record<string, unknown>) : {};
  const headers = Object.fromEntries(
    Object.entries(given).filter(([name, value]) => responseHeaderProblem(name, value) === null),
  ) as Record<string, string>;
  return { ...respond, status: responseStatusProblem(respond.status) ? 200 : (respond.status as number), headers };
}

function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1).slice(0, 100);
}
