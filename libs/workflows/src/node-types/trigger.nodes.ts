import { CronExpressionParser } from 'cron-parser';
import { NodeContext, NodeResult, NodeType } from './node-type';

const passTrigger = async ({ scope }: NodeContext): Promise<NodeResult> => ({ output: scope.trigger });

export const webhookTrigger: NodeType = {
  type: 'trigger.webhook',
  description: 'Starts the workflow on POST|GET|PUT /webhook/<path>; sync mode answers with flow.respond (or the last output), async with 202.',
  pure: true,
  trigger: true,
  paramsSchema: {
    type: 'object',
    required: ['path'],
    additionalProperties: false,
    properties: {
      path: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$', description: 'URL segment after /webhook/' },
      method: { enum: ['GET', 'POST', 'PUT'], default: 'POST' },
      mode: { enum: ['sync', 'async'], default: 'sync' },
      verifySignature: { type: 'boolean', default: false, description: 'Require an HMAC-SHA256 X-Webhook-Signature header' },
    },
  },
  run: passTrigger,
};

export const manualTrigger: NodeType = {
  type: 'trigger.manual',
  description: 'Starts the workflow from POST /workflows/:id/run; the request body is the trigger body.',
  pure: true,
  trigger: true,
  paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
  run: passTrigger,
};

export function cronProblem(cron: string, timezone: string): string | null {
  try {
    // An unknown time zone only fails when a date is computed, so compute the next one.
    CronExpressionParser.parse(cron, { tz: timezone }).next();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export const scheduleTrigger: NodeType = {
  type: 'trigger.schedule',
  description: 'Starts the workflow on a cron schedule (fires once per slot across all replicas).',
  pure: true,
  trigger: true,
  paramsSchema: {
    type: 'object',
    required: ['cron'],
    additionalProperties: false,
    properties: {
      cron: { type: 'string', minLength: 9, maxLength: 120, description: 'Five or six field cron expression' },
      timezone: { type: 'string', default: 'UTC', description: 'IANA time zone, e.g. Europe/Paris' },
    },
  },
  run: passTrigger,
};
