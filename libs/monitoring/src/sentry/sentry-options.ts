import type { Breadcrumb, ErrorEvent, Event, NodeOptions } from '@sentry/nestjs';

/**
 * Sentry's options from the raw environment: instrument.ts runs this before the config is validated
 * (and before anything Sentry instruments is loaded). null when SENTRY_DSN is unset: Sentry stays off.
 * Kept free of Nest and of this library's other files so importing it loads nothing else.
 */
export function sentryOptions(env: NodeJS.ProcessEnv): NodeOptions | null {
  const dsn = env.SENTRY_DSN?.trim();
  if (!dsn) return null;
  const rate = Number(env.SENTRY_TRACES_SAMPLE_RATE ?? 0);
  return {
    dsn,
    environment: env.SENTRY_ENVIRONMENT?.trim() || env.NODE_ENV || 'development',
    release: env.APP_VERSION?.trim() || undefined,
    tracesSampleRate: Number.isFinite(rate) ? rate : 0,
    sendDefaultPii: false,
    // Request bodies are never attached (logins, secrets in workflow definitions, webhook payloads).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when Sentry is on
    integrations: [(require('@sentry/nestjs') as typeof import('@sentry/nestjs')).httpIntegration({ maxIncomingRequestBodySize: 'none' })],
    beforeSend: (event: ErrorEvent) => scrubEvent(event),
    beforeSendTransaction: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb: Breadcrumb) => scrubDeep(breadcrumb) as Breadcrumb,
  };
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-webhook-signature']);
/** Keys whose values are never sent, wherever they appear (contexts, extra, breadcrumbs, query strings). */
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|api[-_]?key|authori[sz]ation|cookie|session|credential|private[-_]?key|signature|hmac|dsn|encryption/i;
/** `password: "x"`, `token=x`, `"apiKey":"x"` inside messages (Prisma errors quote the query's arguments). */
const SECRET_IN_TEXT =
  /((?:pass(?:word|phrase)?\w*|secret\w*|token\w*|api[-_]?key|authorization|hmacSecret)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;}&]+)/gi;
const BEARER_IN_TEXT = /\b(Bearer|Basic)\s+[\w\-.~+/]+=*/g;
export const REDACTED = '[redacted]';

/** Strips credentials, bodies and secret-looking values from an event before it leaves the process. */
export function scrubEvent<E extends Event>(event: E): E {
  if (event.request) {
    delete event.request.data;
    delete event.request.cookies;
    if (event.request.headers)
      event.request.headers = Object.fromEntries(
        Object.entries(event.request.headers).filter(([name]) => !SECRET_HEADERS.has(name.toLowerCase())),
      );
    if (event.request.query_string) event.request.query_string = scrubDeep(event.request.query_string) as typeof event.request.query_string;
    if (event.request.url)
      event.request.url = scrubText(event.request.url.replace(/([?&][^=&]*(?:token|key|secret|signature)[^=&]*=)[^&]*/gi, `$1${REDACTED}`));
  }
  if (event.message) event.message = scrubText(event.message);
  for (const exception of event.exception?.values ?? []) if (exception.value) exception.value = scrubText(exception.value);
  if (event.extra) event.extra = scrubDeep(event.extra) as typeof event.extra;
  if (event.contexts) event.contexts = scrubDeep(event.contexts) as typeof event.contexts;
  if (event.breadcrumbs) event.breadcrumbs = scrubDeep(event.breadcrumbs) as typeof event.breadcrumbs;
  if (event.user) event.user = { id: event.user.id };
  return event;
}

export function scrubText(text: string): string {
  return text.replace(SECRET_IN_TEXT, `$1${REDACTED}`).replace(BEARER_IN_TEXT, `$1 ${REDACTED}`);
}

export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return value.map((item) =>
      Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && SECRET_KEY.test(item[0])
        ? [item[0], REDACTED]
        : scrubDeep(item, depth + 1),
    );
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? REDACTED : scrubDeep(inner, depth + 1)]),
  );
}
