import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { SecretCipher, TtlCache } from '@app/common';
import { HttpMethod, PrismaService, UserTier, WebhookMode } from '@app/database';
import { RunPlan, RunPlanCache, WorkflowEvents, WorkflowVersionsService } from '@app/workflows';

export interface WebhookEntry {
  path: string;
  method: HttpMethod;
  mode: WebhookMode;
  workflowId: string;
  userId: string;
  tier: UserTier;
  versionId: string;
  plan: RunPlan;
  signingSecret: string | null;
}

const TTL_MS = 2_000;
// Unknown paths are cached too (as null): the bound keeps requests for random paths from growing it.
const MAX_ENTRIES = 10_000;

/**
 * Active webhooks by path, cached briefly: the hot path does no lookup query most of the time.
 * Changes made on this replica invalidate at once; other replicas see them within TTL_MS.
 */
@Injectable()
export class WebhookRegistry {
  private readonly cache = new TtlCache<WebhookEntry | null>(TTL_MS, MAX_ENTRIES);
  /**
   * Loads under way: the requests in flight when an entry expires share one (each ran its own, four
   * queries, before: ~40 loads per expiry at 50 concurrent requests).
   */
  private readonly loading = new Map<string, Promise<WebhookEntry | null>>();

  private readonly hits: Counter.Internal;
  private readonly misses: Counter.Internal;

  constructor(
    private readonly prisma: PrismaService,
    private readonly plans: RunPlanCache,
    private readonly cipher: SecretCipher,
    private readonly workflowVersions: WorkflowVersionsService,
    events: WorkflowEvents,
    @InjectMetric('cache_operations_total') cacheOps: Counter<'operation' | 'result'>,
  ) {
    // A load under way is forgotten too: what it read may predate the change.
    events.onTriggersChanged((event) => {
      for (const path of event.webhookPaths) {
        this.cache.delete(path);
        this.loading.delete(path);
      }
    });
    this.hits = cacheOps.labels({ operation: 'webhook_lookup', result: 'hit' });
    this.misses = cacheOps.labels({ operation: 'webhook_lookup', result: 'miss' });
  }

  async lookup(path: string): Promise<WebhookEntry | null> {
    const cached = this.cache.get(path); // null is a cached answer too: no such webhook
    const found = cached !== undefined ? cached : this.loading.get(path);
    if (found !== undefined) {
      this.hits.inc();
      return found;
    }
    this.misses.inc();
    const load: Promise<WebhookEntry | null> = this.load(path).then((entry) => {
      if (this.loading.get(path) === load) this.cache.set(path, entry); // the TTL counts from the end of the load
      return entry;
    });
    this.loading.set(path, load);
    void load.finally(() => this.loading.get(path) === load && this.loading.delete(path)).catch(() => undefined);
    return load;
  }

  private async load(path: string): Promise<WebhookEntry | null> {
    const webhook = await this.prisma.webhook.findUnique({
      where: { path },
      include: {
        workflow: {
          select: {
            id: true,
            userId: true,
            status: true,
            deletedAt: true,
            currentVersion: true,
            user: { select: { tier: true, disabledAt: true } },
          },
        },
      },
    });
    const workflow = webhook?.workflow;
    if (!webhook?.active || !workflow || workflow.status !== 'ACTIVE' || workflow.deletedAt || workflow.user.disabledAt) return null;
    const version = await this.workflowVersions.current(workflow);
    return {
      path,
      method: webhook.method,
      mode: webhook.mode,
      workflowId: workflow.id,
      userId: workflow.userId,
      tier: workflow.user.tier,
      versionId: version.id,
      plan: this.plans.get(version.id, version.definition),
      signingSecret: webhook.hmacSecret ? this.cipher.decrypt(webhook.hmacSecret) : null,
    };
  }
}
