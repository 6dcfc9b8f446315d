import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { SecretCipher } from '@app/common';
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
const MAX_ENTRIES = 10_000;

interface CachedEntry {
  entry: Promise<WebhookEntry | null>;
  expiresAt: number;
}

/**
 * Active webhooks by path, cached briefly: the hot path does no lookup query most of the time.
 * Changes made on this replica invalidate at once; other replicas see them within TTL_MS.
 */
@Injectable()
export class WebhookRegistry {
  private readonly cache = new Map<string, CachedEntry>();

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
    events.onTriggersChanged((event) => event.webhookPaths.forEach((path) => this.cache.delete(path)));
    this.hits = cacheOps.labels({ operation: 'webhook_lookup', result: 'hit' });
    this.misses = cacheOps.labels({ operation: 'webhook_lookup', result: 'miss' });
  }

  async lookup(path: string): Promise<WebhookEntry | null> {
    const cached = this.cache.get(path);
    if (cached && cached.expiresAt > Date.now()) {
      this.hits.inc();
      return cached.entry;
    }
    this.misses.inc();
    // The load itself is cached: the requests in flight when an entry expires share one load (each ran
    // its own, four queries, before: ~40 loads per expiry at 50 concurrent requests). It stays shared
    // until it is done; the TTL counts from then.
    const entry = this.load(path);
    const loading: CachedEntry = { entry, expiresAt: Number.POSITIVE_INFINITY };
    this.remember(path, loading);
    entry.then(
      () => (loading.expiresAt = Date.now() + TTL_MS),
      () => this.cache.get(path) === loading && this.cache.delete(path), // a failed load is not remembered
    );
    return entry;
  }

  /** Unknown paths are cached too (as null), so the map is bounded: requests for random paths cannot grow it. */
  private remember(path: string, cached: CachedEntry): void {
    if (this.cache.size >= MAX_ENTRIES) {
      const now = Date.now();
      for (const [key, { expiresAt }] of this.cache) if (expiresAt <= now) this.cache.delete(key);
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    }
    this.cache.set(path, cached);
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
