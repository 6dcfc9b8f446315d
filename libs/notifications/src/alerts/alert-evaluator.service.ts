import { Injectable, Logger } from '@nestjs/common';
import { AlertRule, PrismaService } from '@app/database';
import { EventNotifier } from '../dispatch/event-notifier.service';
import { errorMessage } from '@app/common';
import { breaches } from './alert-condition.util';
import { AlertMetrics } from './alert-metrics.service';

export interface AlertEvaluation {
  ruleId: string;
  value: number | null;
  breached: boolean;
  fired: boolean;
}

/**
 * Checks alert rules and fires ALERT_FIRED. Firing claims the rule in one conditional UPDATE of its
 * lastTriggeredAt: however many evaluators race (replicas, overlapping runs), one wins per cooldown.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: AlertMetrics,
    private readonly notifier: EventNotifier,
  ) {}

  async evaluateAll(): Promise<AlertEvaluation[]> {
    const rules = await this.prisma.alertRule.findMany({ where: { enabled: true, user: { disabledAt: null } }, orderBy: { id: 'asc' } });
    const results: AlertEvaluation[] = [];
    for (const rule of rules) {
      try {
        results.push(await this.evaluate(rule));
      } catch (error) {
        this.logger.warn({ ruleId: rule.id, err: errorMessage(error) }, 'Alert rule evaluation failed');
      }
    }
    return results;
  }

  async evaluate(rule: AlertRule): Promise<AlertEvaluation> {
    const value = await this.metrics.measure(rule);
    if (value === null) return { ruleId: rule.id, value, breached: false, fired: false };
    const breached = breaches(value, rule.comparator, rule.threshold);
    const firedAt = breached ? await this.claim(rule.id, value) : null;
    if (!firedAt) {
      await this.prisma.$executeRaw`UPDATE "alert_rules" SET "lastValue" = ${value} WHERE "id" = ${rule.id}::uuid`;
      return { ruleId: rule.id, value, breached, fired: false };
    }
    this.logger.log({ ruleId: rule.id, metric: rule.metric, value, threshold: rule.threshold }, 'Alert fired');
    await this.notifier.alertFired({ ...rule, lastTriggeredAt: firedAt, lastValue: value }, value, firedAt);
    return { ruleId: rule.id, value, breached, fired: true };
  }

  /** The firing time when this evaluator won the rule's cooldown slot, null when it is still cooling down. */
  private async claim(ruleId: string, value: number): Promise<Date | null> {
    const rows = await this.prisma.$queryRaw<{ lastTriggeredAt: Date }[]>`
      UPDATE "alert_rules" SET "lastTriggeredAt" = now(), "lastValue" = ${value}
      WHERE "id" = ${ruleId}::uuid AND "enabled"
        AND ("lastTriggeredAt" IS NULL OR "lastTriggeredAt" <= now() - make_interval(secs => "cooldownSeconds"))
      RETURNING "lastTriggeredAt"`;
    return rows.length ? new Date(rows[0].lastTriggeredAt) : null;
  }
}
