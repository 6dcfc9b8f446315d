import type { Breadcrumb, ErrorEvent } from '@sentry/react';

/*
 * The browser's events are scrubbed like the API's (libs/monitoring/src/sentry/sentry-options.ts): no
 * tokens, no Authorization or cookies, no request bodies, no token-like query parameters.
 */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-session']);
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|api[-_]?key|authori[sz]ation|cookie|session|credential|private[-_]?key|signature|hmac|dsn|encryption|^auth$|p256dh/i;
const SECRET_IN_TEXT =
  /((?:pass(?:word|phrase)?\w*|secret\w*|token\w*|api[-_]?key|authorization|hmacSecret)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;}&]+)/gi;
const BEARER_IN_TEXT = /\b(Bearer|Basic)\s+[\w\-.~+/]+=*/g;
const JWT_IN_TEXT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const SECRET_QUERY_PARAM = /([?&#][^=&#]*(?:token|key|secret|signature|code|password|auth)[^=&#]*=)[^&#]*/gi;
export const REDACTED = '[redacted]';

export function scrubText(text: string): string {
  return text.replace(SECRET_IN_TEXT, `$1${REDACTED}`).replace(BEARER_IN_TEXT, `$1 ${REDACTED}`).replace(JWT_IN_TEXT, REDACTED);
}

export function scrubUrl(url: string): string {
  return scrubText(url.replace(SECRET_QUERY_PARAM, `$1${REDACTED}`));
}

export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return /^(https?:)?\/\//.test(value) || value.startsWith('/') ? scrubUrl(value) : scrubText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? REDACTED : scrubDeep(inner, depth + 1)]),
  );
}

export function scrubEvent(event: ErrorEvent): ErrorEvent {
  if (event.request) {
    delete event.request.data;
    delete event.request.cookies;
    if (event.request.headers)
      event.request.headers = Object.fromEntries(
        Object.entries(event.request.headers).filter(([name]) => !SECRET_HEADERS.has(name.toLowerCase())),
      );
    if (event.request.url) event.request.url = scrubUrl(event.request.url);
    if (event.request.query_string) event.request.query_string = scrubDeep(event.request.query_string) as typeof event.request.query_string;
  }
  if (event.message) event.message = scrubText(event.message);
  for (const exception of event.exception?.values ?? []) if (exception.value) exception.value = scrubText(exception.value);
  if (event.extra) event.extra = scrubDeep(event.extra) as typeof event.extra;
  if (event.contexts) event.contexts = scrubDeep(event.contexts) as typeof event.contexts;
  if (event.tags) event.tags = scrubDeep(event.tags) as typeof event.tags;
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb);
  if (event.user) event.user = event.user.id ? { id: event.user.id } : {};
  return event;
}

export function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  return {
    ...breadcrumb,
    message: breadcrumb.message ? scrubText(breadcrumb.message) : breadcrumb.message,
    data: breadcrumb.data ? (scrubDeep(breadcrumb.data) as Breadcrumb['data']) : breadcrumb.data,
  };
}
