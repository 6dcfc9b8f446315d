import { CronExpressionParser } from 'cron-parser';
import { NodeContext, NodeResult, NodeType } from './node-type';

const passTrigger = async ({ scope }: NodeContext): Promise<NodeResult> => ({ output: scope.trigger });

export const webhookTrigger: NodeType = {
  type: 'trigger.webhook',
  description:
    'Starts the workflow on POST|GET|PUT /webhook/<path>; sync mode answers with flow.respond (or the last output), async with 202.',
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

// The aliases both cron-parser lines agree on (ours validates, BullMQ's fires the schedule).
const CRON_ALIASES = ['@yearly', '@monthly', '@weekly', '@daily', '@hourly'];

function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a schedule's cron or time zone, naming the param; null when both are fine. */
export function cronProblem(cron: string, timezone: string): string | null {
  if (!isTimeZone(timezone)) return `params.timezone: unknown time zone '${timezone}' (use an IANA name like Europe/Paris)`;
  const expression = cron.trim();
  const expected = `five or six cron fields, e.g. "*/5 * * * *", or one of ${CRON_ALIASES.join(', ')}`;
  if (expression.startsWith('@'))
    return CRON_ALIASES.includes(expression) ? null : `params.cron: '${expression}' is not a supported shorthand (expected ${expected})`;
  const fields = expression.split(/\s+/).length;
  if (fields < 5 || fields > 6) return `params.cron: '${expression}' has ${fields} field${fields === 1 ? '' : 's'} (expected ${expected})`;
  try {
    CronExpressionParser.parse(expression, { tz: timezone }).next();
    return null;
  } catch (error) {
    return `params.cron: ${(error as Error).message} (expected ${expected})`;
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
      cron: {
        type: 'string',
        minLength: 1,
        maxLength: 120,
        description: `Five or six field cron expression, or one of ${CRON_ALIASES.join(', ')}`,
      },
      timezone: { type: 'string', default: 'UTC', description: 'IANA time zone, e.g. Europe/Paris' },
    },
  },
  run: passTrigger,
};
