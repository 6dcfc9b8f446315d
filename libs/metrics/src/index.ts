export { MetricsModule } from './metrics.module';
export { type CacheResult, type ErrorType, METRIC, UNMATCHED_ROUTE } from './metric-names';
export { countError } from './error-counter';
export { type AnswerOrigin, markWorkflowAnswer } from './answer-origin';
export { registerOwn, ScrapeCache, unregisterOwn } from './scrape-cache';
export { OptionalGauge } from './optional-gauge';
export { LiveStreams } from './live-streams.service';
