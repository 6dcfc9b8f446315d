import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const RATE_LIMIT_FALLBACKS = 'rate_limit_fallbacks_total';
export const RATE_LIMIT_REJECTIONS = 'rate_limit_rejections_total';

export const throttlingMetricProviders = [
  makeCounterProvider({ name: RATE_LIMIT_FALLBACKS, help: 'Rate-limit hits counted in per-process memory because Redis was unreachable' }),
  makeCounterProvider({ name: RATE_LIMIT_REJECTIONS, help: 'Requests refused with 429, by limiter', labelNames: ['limiter'] }),
];
