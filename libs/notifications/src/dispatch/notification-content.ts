import type { BackupFinishedEvent } from '@app/backup';
import { AlertComparator, AlertMetric, AlertRule, NotificationEvent } from '@app/database';
import type { ExecutionFinished } from '@app/executions';

/** What one event says, whichever channel carries it; `occurrence` makes the dedup key. */
export interface NotificationMessage {
  event: NotificationEvent;
  occurrence: string;
  title: string;
  body: string;
  payload: Record<string, unknown>;
}

const TITLE_MAX = 300;
const ERROR_MAX = 1_000;

export function executionMessage(event: NotificationEvent, e: ExecutionFinished, workflowName: string): NotificationMessage {
  const outcome = e.status === 'SUCCEEDED' ? 'succeeded' : e.status === 'TIMED_OUT' ? 'timed out' : 'failed';
  const duration = e.durationMs === null ? '' : ` after ${formatMs(e.durationMs)}`;
  const error = e.error ? `: ${clip(e.error, ERROR_MAX)}` : '';
  return {
    event,
    occurrence: e.executionId,
    title: clip(`Workflow "${workflowName}" ${outcome}`, TITLE_MAX),
    body: `Execution ${e.executionId} (${e.trigger.toLowerCase()} trigger) ${outcome}${duration}${error}`,
    payload: {
      executionId: e.executionId,
      workflowId: e.workflowId,
      workflowName,
      status: e.status,
      trigger: e.trigger,
      durationMs: e.durationMs,
      error: e.error,
    },
  };
}

export function deactivatedMessage(workflow: { id: string; name: string; updatedAt: Date; deletedAt: Date | null }): NotificationMessage {
  const what = workflow.deletedAt ? 'deleted' : 'deactivated';
  return {
    event: 'WORKFLOW_DEACTIVATED',
    occurrence: `${workflow.id}:${workflow.updatedAt.getTime()}`,
    title: clip(`Workflow "${workflow.name}" was ${what}`, TITLE_MAX),
    body: `Workflow ${workflow.id} was ${what}: its webhooks and schedules no longer trigger runs.`,
    payload: { workflowId: workflow.id, workflowName: workflow.name, deleted: workflow.deletedAt !== null, at: workflow.updatedAt },
  };
}

export function backupMessage(e: BackupFinishedEvent): NotificationMessage {
  const ok = e.status === 'SUCCEEDED';
  const where = [e.location, e.s3Uri].filter(Boolean).join(' and ');
  return {
    event: ok ? 'BACKUP_SUCCEEDED' : 'BACKUP_FAILED',
    occurrence: e.id,
    title: `Backup ${e.id} ${ok ? 'succeeded' : 'FAILED'} on ${e.host}`,
    body: ok
      ? `Backup ${e.id} (${e.trigger.toLowerCase()}) succeeded in ${formatMs(e.durationMs)}: ${e.sizeBytes ?? 0} bytes stored in ${where}.`
      : `Backup ${e.id} (${e.trigger.toLowerCase()}) failed after ${formatMs(e.durationMs)}: ${clip(e.error ?? 'unknown error', ERROR_MAX)}`,
    payload: {
      backupId: e.id,
      status: e.status,
      trigger: e.trigger,
      host: e.host,
      durationMs: e.durationMs,
      sizeBytes: e.sizeBytes,
      location: e.location,
      s3Uri: e.s3Uri,
      error: e.error,
    },
  };
}

const METRIC_LABELS: Record<AlertMetric, string> = {
  EXECUTION_FAILURE_COUNT: 'failed executions',
  EXECUTION_FAILURE_RATE: 'execution failure rate',
  P95_LATENCY_MS: 'p95 execution duration (ms)',
  QUEUE_DEPTH: 'executions waiting in the queue',
};

const COMPARATOR_SYMBOLS: Record<AlertComparator, string> = { GT: '>', GTE: '>=', LT: '<', LTE: '<=' };

export function alertMessage(rule: AlertRule, value: number, firedAt: Date): NotificationMessage {
  const scope = rule.workflowId ? ` for workflow ${rule.workflowId}` : '';
  return {
    event: 'ALERT_FIRED',
    occurrence: `${rule.id}:${firedAt.getTime()}`,
    title: clip(`Alert "${rule.name}" fired`, TITLE_MAX),
    body: `${METRIC_LABELS[rule.metric]} is ${round(value)}${scope} over the last ${rule.windowSeconds} s (threshold ${COMPARATOR_SYMBOLS[rule.comparator]} ${rule.threshold}). Next alert for this rule after ${rule.cooldownSeconds} s at the earliest.`,
    payload: {
      ruleId: rule.id,
      ruleName: rule.name,
      metric: rule.metric,
      comparator: rule.comparator,
      threshold: rule.threshold,
      value,
      windowSeconds: rule.windowSeconds,
      workflowId: rule.workflowId,
      firedAt,
    },
  };
}

function formatMs(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');
}

/** Titles become email subjects: one line, bounded. */
function clip(text: string, max: number): string {
  const line = text.replace(/[\r\n]+/g, ' ');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
