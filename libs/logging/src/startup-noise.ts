import type { LogFn, Logger } from 'pino';

/** Nest's own start-up chatter: one line per module, controller and route (~100 lines for the API). */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);
const INFO = 30;

/**
 * A pino logMethod hook that writes those lines at debug instead of info: LOG_LEVEL=debug still shows
 * them; at info the start-up summary (libs/http) says what matters.
 */
export function demoteStartupNoise(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
  const first = args[0] as { context?: unknown } | undefined;
  if (level === INFO && typeof first?.context === 'string' && STARTUP_CONTEXTS.has(first.context)) {
    if (this.isLevelEnabled('debug')) this.debug(...(args as [object, string]));
    return;
  }
  method.apply(this, args);
}
