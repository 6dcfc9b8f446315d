import { scrubBreadcrumb, scrubEvent } from './sentry-scrub';

interface ConsoleConfig {
  sentry: { dsn: string; environment: string | null; release: string | null } | null;
}

let sentry: typeof import('@sentry/react') | null = null;

/**
 * Browser Sentry, only when the API names a web DSN (/app/config.json: index.html has no inline script).
 * The SDK is a chunk of its own, loaded only then.
 */
export async function startBrowserSentry(): Promise<void> {
  try {
    const res = await fetch('/app/config.json', { cache: 'no-store' });
    const config = res.ok ? ((await res.json()) as ConsoleConfig) : null;
    if (!config?.sentry?.dsn) return;
    const Sentry = await import('@sentry/react');
    Sentry.init({
      dsn: config.sentry.dsn,
      environment: config.sentry.environment ?? undefined,
      release: config.sentry.release ?? undefined,
      beforeSend: scrubEvent,
      beforeBreadcrumb: scrubBreadcrumb,
    });
    sentry = Sentry;
  } catch {
    // Offline, or the SDK chunk could not load: the console works without it.
  }
}

/** An error an error boundary caught (React does not pass those to window.onerror). */
export function reportError(error: unknown, extra: { componentStack?: string; requestId?: string | null } = {}): void {
  sentry?.captureException(error, {
    contexts: { react: { componentStack: extra.componentStack ?? null } },
    tags: { requestId: extra.requestId ?? undefined },
  });
}
