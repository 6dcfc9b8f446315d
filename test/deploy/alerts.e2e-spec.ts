import { findManifest, loadManifests } from './support/manifests';
import { runPromtool } from './support/promtool';

/**
 * Each alert expression of deploy/k8s/monitoring.yaml evaluated by `promtool test rules` on
 * synthetic series: it must match on the bad case and stay empty on the good one. (`for:` is not
 * exercised here: only whether the condition holds.)
 */
const rule = findManifest(loadManifests(), 'PrometheusRule', 'workflow-platform');
const groups = rule.spec.groups as { rules: { alert?: string; expr: string }[] }[];
const alertExpr = (alert: string): string => {
  const found = groups.flatMap((g) => g.rules).find((r) => r.alert === alert);
  if (!found) throw new Error(`no alert ${alert} in the PrometheusRule`);
  return found.expr;
};

/** A series of the namespace: `ns('up', 'pod="a"')` -> up{namespace="workflow-platform",pod="a"}. */
const ns = (metric: string, labels = '') => `${metric}{namespace="workflow-platform"${labels ? `,${labels}` : ''}}`;

interface Scenario {
  series: Record<string, string>;
  /** Evaluation time, promtool duration syntax. */
  at: string;
  interval?: string;
}

const http = (errorsPerMin: number, okPerMin: number): Scenario => ({
  series: { [ns('http_requests_total', 'status="500"')]: `0+${errorsPerMin}x30`, [ns('http_requests_total', 'status="200"')]: `0+${okPerMin}x30` },
  at: '20m',
});
const latency = (fastPerMin: number, slowPerMin: number): Scenario => ({
  series: {
    [ns('http_request_duration_seconds_bucket', 'le="0.25"')]: `0+${fastPerMin}x30`,
    [ns('http_request_duration_seconds_bucket', 'le="1"')]: `0+${fastPerMin}x30`,
    [ns('http_request_duration_seconds_bucket', 'le="2.5"')]: `0+${fastPerMin + slowPerMin}x30`,
    [ns('http_request_duration_seconds_bucket', 'le="+Inf"')]: `0+${fastPerMin + slowPerMin}x30`,
  },
  at: '20m',
});
const gauge = (series: Record<string, string>, at = '20m', interval?: string): Scenario => ({ series, at, interval });

const CASES: [alert: string, situation: string, fires: boolean, scenario: Scenario][] = [
  ['WorkflowPlatformHighErrorRate', 'half of the requests fail', true, http(60, 60)],
  ['WorkflowPlatformHighErrorRate', '0.2% of the requests fail', false, http(1, 600)],
  ['WorkflowPlatformHighErrorRate', 'all of very few requests fail', false, http(6, 0)],
  ['WorkflowPlatformHighLatency', 'requests take 1-2.5s', true, latency(0, 10)],
  ['WorkflowPlatformHighLatency', 'requests take under 250ms', false, latency(10, 0)],
  ['WorkflowPlatformQueueBacklog', '1500 jobs wait', true, gauge({ [ns('workflow_queue_jobs', 'state="waiting",pod="api-1"')]: '1500x30' })],
  ['WorkflowPlatformQueueBacklog', 'few wait, many run', false, gauge({ [ns('workflow_queue_jobs', 'state="waiting"')]: '10x30', [ns('workflow_queue_jobs', 'state="active"')]: '5000x30' })],
  ['WorkflowPlatformPodNotReady', 'an api pod is unready', true, gauge({ [ns('kube_pod_status_ready', 'condition="false",pod="workflow-platform-api-7d9f8-x2x4q"')]: '1x30' })],
  ['WorkflowPlatformPodNotReady', 'only a backup Job pod is unready', false, gauge({ [ns('kube_pod_status_ready', 'condition="false",pod="workflow-platform-backup-29000000-x2x4q"')]: '1x30' })],
  ['WorkflowPlatformTargetDown', 'a target does not answer', true, gauge({ [ns('up', 'pod="a"')]: '0x30' })],
  ['WorkflowPlatformTargetDown', 'every target answers', false, gauge({ [ns('up', 'pod="a"')]: '1x30' })],
  ['WorkflowPlatformBackupFailed', 'the last backup failed', true, gauge({ [ns('backup_last_status')]: '0x30' })],
  ['WorkflowPlatformBackupFailed', 'a run failed within the hour', true, gauge({ [ns('backup_last_status')]: '1x30', [ns('backup_runs_total', 'status="failed"')]: '0x10 1x20' })],
  ['WorkflowPlatformBackupFailed', 'backups succeed', false, gauge({ [ns('backup_last_status')]: '1x30', [ns('backup_runs_total', 'status="failed"')]: '0x30', [ns('backup_runs_total', 'status="success"')]: '0+1x30' })],
  ['WorkflowPlatformBackupJobFailed', 'a backup Job failed', true, gauge({ [ns('kube_job_status_failed', 'job_name="workflow-platform-backup-29000000"')]: '1x30' })],
  ['WorkflowPlatformBackupJobFailed', 'only the migrate Job failed', false, gauge({ [ns('kube_job_status_failed', 'job_name="workflow-platform-migrate"')]: '1x30' })],
  // interval 1h: at 27h, time() is 97200s.
  ['WorkflowPlatformBackupTooOld', 'the last success is 27h old', true, gauge({ [ns('backup_last_success_timestamp_seconds')]: '0x30' }, '27h', '1h')],
  ['WorkflowPlatformBackupTooOld', 'the last success is 2h old', false, gauge({ [ns('backup_last_success_timestamp_seconds')]: '90000x30' }, '27h', '1h')],
  ['WorkflowPlatformBackupMetricMissing', 'no backup metric at all', true, gauge({ [ns('up', 'pod="a"')]: '1x30' })],
  ['WorkflowPlatformBackupMetricMissing', 'the metric is there', false, gauge({ [ns('backup_last_success_timestamp_seconds')]: '0x30' })],
];

describe('alert rules', () => {
  it('covers every alert of the PrometheusRule', () => {
    const alerts = groups.flatMap((g) => g.rules.map((r) => r.alert).filter(Boolean));
    expect(new Set(CASES.map(([alert]) => alert))).toEqual(new Set(alerts));
  });

  it.each(CASES)('%s: %s -> fires %s', (alert, _situation, fires, { series, at, interval = '1m' }) => {
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval,
          input_series: Object.entries(series).map(([name, values]) => ({ series: name, values })),
          // sgn(count(...)): 1 when the condition holds for any series, empty when it holds for none.
          promql_expr_test: [{ expr: `sgn(count((${alertExpr(alert)})))`, eval_time: at, exp_samples: fires ? [{ labels: '{}', value: 1 }] : [] }],
        },
      ],
    };
    const result = runPromtool(['test', 'rules'], { 'rules.yaml': { groups }, 'tests.yaml': tests }, ['tests.yaml']);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
