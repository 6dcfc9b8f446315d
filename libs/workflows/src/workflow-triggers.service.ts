import { ConflictException, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SecretCipher } from '@app/common';
import { Prisma } from '@app/database';
import { WorkflowDefinition } from './definition/workflow-definition';
import { ScheduleTrigger, TriggersChanged } from './workflow-events';

type Tx = Prisma.TransactionClient;

interface WebhookParams {
  path: string;
  method?: 'GET' | 'POST' | 'PUT';
  mode?: 'sync' | 'async';
  verifySignature?: boolean;
}

/** Keeps the Webhook and Schedule rows in step with the active version's trigger node. */
@Injectable()
export class WorkflowTriggersService {
  constructor(private readonly cipher: SecretCipher) {}

  async sync(tx: Tx, workflowId: string, definition: WorkflowDefinition, active: boolean): Promise<TriggersChanged> {
    const existing = await tx.webhook.findMany({ where: { workflowId }, select: { path: true, id: true, hmacSecret: true } });
    const stalePaths = existing.map((w) => w.path);
    const trigger = definition.nodes.find((n) => n.type.startsWith('trigger.'));
    const webhook = active && trigger?.type === 'trigger.webhook' ? (trigger.params as unknown as WebhookParams) : undefined;
    const schedules: ScheduleTrigger[] =
      active && trigger?.type === 'trigger.schedule'
        ? [{ nodeId: trigger.id, cron: trigger.params.cron as string, timezone: (trigger.params.timezone as string) ?? 'UTC' }]
        : [];

    if (webhook) {
      // Case-insensitive, like the unique index on lower(path): /webhook/Orders and /webhook/orders are one path.
      const owner = await tx.webhook.findFirst({
        where: { path: { equals: webhook.path, mode: 'insensitive' }, NOT: { workflowId } },
        select: { path: true },
      });
      if (owner)
        throw new ConflictException(
          `Webhook path "${webhook.path}" is already used by another active workflow${owner.path === webhook.path ? '' : ` (as "${owner.path}"; paths are case-insensitive)`}`,
        );
      const keep = existing[0];
      const hmacSecret = webhook.verifySignature ? (keep?.hmacSecret ?? this.cipher.encrypt(randomBytes(32).toString('base64url'))) : null;
      await tx.webhook.deleteMany({ where: { workflowId, NOT: { path: webhook.path } } });
      const data = {
        path: webhook.path,
        method: webhook.method ?? 'POST',
        mode: webhook.mode === 'async' ? ('ASYNC' as const) : ('SYNC' as const),
        active: true,
        hmacSecret,
      };
      await tx.webhook.upsert({ where: { path: webhook.path }, create: { workflowId, ...data }, update: data });
    } else {
      await tx.webhook.deleteMany({ where: { workflowId } });
    }

    await tx.schedule.deleteMany({ where: { workflowId, nodeId: { notIn: schedules.map((s) => s.nodeId) } } });
    for (const s of schedules)
      await tx.schedule.upsert({
        where: { workflowId_nodeId: { workflowId, nodeId: s.nodeId } },
        create: { workflowId, nodeId: s.nodeId, cron: s.cron, timezone: s.timezone, active: true },
        update: { cron: s.cron, timezone: s.timezone, active: true },
      });
    return { workflowId, active, schedules, webhookPaths: [...new Set([...stalePaths, ...(webhook ? [webhook.path] : [])])] };
  }
}
