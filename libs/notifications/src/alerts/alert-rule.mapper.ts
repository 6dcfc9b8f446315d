import { AlertRule } from '@app/database';

export function toAlertRuleResponse(rule: AlertRule) {
  return {
    id: rule.id,
    name: rule.name,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold: rule.threshold,
    windowSeconds: rule.windowSeconds,
    cooldownSeconds: rule.cooldownSeconds,
    workflowId: rule.workflowId,
    enabled: rule.enabled,
    lastTriggeredAt: rule.lastTriggeredAt,
    lastValue: rule.lastValue,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
}
