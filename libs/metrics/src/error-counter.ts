import { Counter, register } from 'prom-client';
import { ErrorType, METRIC } from './metric-names';

/**
 * For code outside dependency injection (the global exception filter): counts on errors_total when
 * MetricsModule created it in this process, and does nothing elsewhere (the CLI).
 */
export function countError(type: ErrorType): void {
  (register.getSingleMetric(METRIC.errors) as Counter<'type'> | undefined)?.inc({ type });
}
