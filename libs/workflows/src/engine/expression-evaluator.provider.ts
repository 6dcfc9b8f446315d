import { Provider } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ExpressionEvaluator } from './expression-evaluator';

export const expressionEvaluatorProvider: Provider = {
  provide: ExpressionEvaluator,
  inject: [AppConfig],
  useFactory: ({ execution: e }: AppConfig) =>
    new ExpressionEvaluator({
      poolSize: e.EXPRESSION_POOL_SIZE,
      memoryLimitMb: e.EXPRESSION_MEMORY_LIMIT_MB,
      timeoutMs: e.EXPRESSION_TIMEOUT_MS,
      maxOutputBytes: e.STEP_OUTPUT_MAX_BYTES,
    }),
};
