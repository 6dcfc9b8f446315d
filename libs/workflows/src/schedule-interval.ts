import { CronExpressionParser } from 'cron-parser';

/** Fires sampled at most, and the span after which sampling stops: a day boundary is crossed twice. */
const MAX_SAMPLED_FIRES = 500;
const MAX_SAMPLED_SPAN_MS = 2 * 86_400_000;

/**
 * The shortest time in ms between two consecutive fires of a cron expression, measured on its real
 * fire times (so `0,1 * * * *` counts as one minute although it fires only twice an hour). Stops as
 * soon as a gap under `stopBelowMs` is seen, or the finest gap the expression could have (1 s with a
 * seconds field, else 1 min). Null when the expression fires at most once.
 */
export function shortestCronGapMs(cron: string, timezone: string, stopBelowMs = 0, from = new Date()): number | null {
  const expression = CronExpressionParser.parse(cron, { tz: timezone, currentDate: from });
  const finest = cron.trim().split(/\s+/).length >= 6 ? 1_000 : 60_000;
  let shortest: number | null = null;
  let first: number | null = null;
  let previous: number | null = null;
  for (let i = 0; i < MAX_SAMPLED_FIRES && expression.hasNext(); i++) {
    const next = expression.next().getTime();
    first ??= next;
    if (previous !== null) shortest = Math.min(shortest ?? Infinity, next - previous);
    if (shortest !== null && (shortest < stopBelowMs || shortest <= finest)) break;
    if (next - first > MAX_SAMPLED_SPAN_MS) break;
    previous = next;
  }
  return shortest;
}
