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

/**
 * A series of the app as the shipped ServiceMonitor labels it: job = the Service's name. No namespace
 * label on purpose: the rules must not depend on one (`extra` adds labels, a namespace among them).
 */
const app = (metric: string, labels = '', job = 'workflow-platform-api') => `${metric}{job="${job}"${labels ? `,${labels}` : ''}}`;
/** A kube-state-metrics series: the object's namespace, and KSM's own job label. */
const ksm = (metric: string, labels: string) => `${metric}{job="kube-state-metrics",namespace="workflow-platform",${labels}}`;

interface Scenario {
  series: Record<string, string>;
  /** Evaluation time, promtool duration syntax. */
  at: string;
  interval?: string;
}

/** Requests per minute by status, "500:w" for an answer a workflow chose (origin="workflow"). */
const http = (perMinute: Record<string, number>, extra = ''): Scenario => ({
  series: Object.fromEntries(
    Object.entries(perMinute).map(([key, rate]) => {
      const [status, by] = key.split(':');
      return [app('http_requests_total', `status="${status}",origin="${by === 'w' ? 'workflow' : 'platform'}"${extra}`), `0+${rate}x30`];
    }),
  ),
  at: '20m',
});
const latency = (fastPerMin: number, slowPerMin: number, origin = 'platform'): Scenario => ({
  series: {
    [app('http_request_duration_seconds_bucket', `origin="${origin}",le="0.25"`)]: `0+${fastPerMin}x30`,
    [app('http_request_duration_seconds_bucket', `origin="${origin}",le="1"`)]: `0+${fastPerMin}x30`,
    [app('http_request_duration_seconds_bucket', `origin="${origin}",le="2.5"`)]: `0+${fastPerMin + slowPerMin}x30`,
    [app('http_request_duration_seconds_bucket', `origin="${origin}",le="+Inf"`)]: `0+${fastPerMin + slowPerMin}x30`,
  },
  at: '20m',
});
/** Executions finished per minute by status. */
const executions = (perMinute: Record<string, number>): Scenario => ({
  series: Object.fromEntries(
    Object.entries(perMinute).map(([status, rate]) => [
      app('workflow_executions_total', `status="${status}",trigger="webhook"`, 'workflow-platform-worker'),
      `0+${rate}x30`,
    ]),
  ),
  at: '20m',
});
const gauge = (series: Record<string, string>, at = '20m', interval?: string): Scenario => ({ series, at, interval });

/** kube-state-metrics series of one Job: started at `start` (s), owned by `owner` (a CronJob name, or none). */
const job = (
  name: string,
  { failed, podFailures = failed ? 3 : 0, start, owner }: { failed: boolean; podFailures?: number; start: number; owner?: string },
) => ({
  [ksm(
    'kube_job_owner',
    `job_name="${name}",owner_kind="${owner ? 'CronJob' : '<none>'}",owner_name="${owner ?? '<none>'}",owner_is_controller="${owner ? 'true' : '<none>'}"`,
  )]: '1x30',
  [ksm('kube_job_failed', `job_name="${name}",condition="true"`)]: `${failed ? 1 : 0}x30`,
  [ksm('kube_job_failed', `job_name="${name}",condition="false"`)]: `${failed ? 0 : 1}x30`,
  [ksm('kube_job_status_failed', `job_name="${name}"`)]: `${podFailures}x30`,
  [ksm('kube_job_status_start_time', `job_name="${name}"`)]: `${start}x30`,
});
const BACKUP = 'workflow-platform-backup';

const CASES: [alert: string, situation: string, fires: boolean, scenario: Scenario][] = [
  ['WorkflowPlatformHighErrorRate', 'half of the requests fail', true, http({ 500: 60, 200: 60 })],
  [
    'WorkflowPlatformHighErrorRate',
    'half fail, scraped with namespace and pod labels',
    true,
    http({ 500: 60, 200: 60 }, ',namespace="prod",pod="api-1"'),
  ],
  ['WorkflowPlatformHighErrorRate', '0.2% of the requests fail', false, http({ 500: 1, 200: 600 })],
  ['WorkflowPlatformHighErrorRate', 'all of very few requests fail', false, http({ 500: 6 })],
  ['WorkflowPlatformHighErrorRate', 'a workflow answers 500 to every webhook call (flow.respond)', false, http({ '500:w': 60, 200: 60 })],
  [
    'WorkflowPlatformHighErrorRate',
    'the same, scraped with a namespace label',
    false,
    http({ '500:w': 60, 200: 60 }, ',namespace="workflow-platform"'),
  ],
  [
    'WorkflowPlatformHighErrorRate',
    'platform 5xx among many workflow answers',
    true,
    http({ '500:w': 600, '200:w': 600, 503: 60, 200: 60 }),
  ],
  [
    'WorkflowPlatformHighErrorRate',
    'another application fails',
    false,
    gauge({ 'http_requests_total{job="other",status="500"}': '0+60x30' }),
  ],
  ['WorkflowPlatformHighLatency', 'requests take 1-2.5s', true, latency(0, 10)],
  ['WorkflowPlatformHighLatency', 'requests take under 250ms', false, latency(10, 0)],
  ['WorkflowPlatformHighLatency', 'only sync webhooks wait 1-2.5s for their workflows', false, latency(0, 10, 'workflow')],
  [
    'WorkflowPlatformUnhandledErrors',
    'an unexpected exception every minute',
    true,
    gauge({ [app('errors_total', 'type="unhandled"')]: '0+1x30' }),
  ],
  [
    'WorkflowPlatformUnhandledErrors',
    'many 4xx, no unexpected exception',
    false,
    gauge({ [app('errors_total', 'type="client"')]: '0+100x30', [app('errors_total', 'type="unhandled"')]: '0x30' }),
  ],
  [
    'WorkflowPlatformRateLimitFallback',
    'Redis is unreachable: hits counted in memory',
    true,
    gauge({ [app('rate_limit_fallbacks_total')]: '0+5x30' }),
  ],
  ['WorkflowPlatformRateLimitFallback', 'Redis answers', false, gauge({ [app('rate_limit_fallbacks_total')]: '3x30' })],
  ['WorkflowPlatformExecutionFailureRate', 'half of the executions fail', true, executions({ failed: 30, succeeded: 30 })],
  ['WorkflowPlatformExecutionFailureRate', 'a third time out', true, executions({ timed_out: 20, succeeded: 40 })],
  ['WorkflowPlatformExecutionFailureRate', '2% fail', false, executions({ failed: 1, succeeded: 60 })],
  ['WorkflowPlatformExecutionFailureRate', 'all of very few fail', false, executions({ failed: 1 })],
  [
    'WorkflowPlatformQueueBacklog',
    '1500 jobs wait',
    true,
    gauge({ [app('workflow_queue_jobs', 'state="waiting",pod="api-1"')]: '1500x30' }),
  ],
  [
    'WorkflowPlatformQueueBacklog',
    'few wait, many run',
    false,
    gauge({ [app('workflow_queue_jobs', 'state="waiting"')]: '10x30', [app('workflow_queue_jobs', 'state="active"')]: '5000x30' }),
  ],
  [
    'WorkflowPlatformPodNotReady',
    'an api pod is unready',
    true,
    gauge({ [ksm('kube_pod_status_ready', 'condition="false",pod="workflow-platform-api-7d9f8-x2x4q"')]: '1x30' }),
  ],
  [
    'WorkflowPlatformPodNotReady',
    'only a backup Job pod is unready',
    false,
    gauge({ [ksm('kube_pod_status_ready', 'condition="false",pod="workflow-platform-backup-29000000-x2x4q"')]: '1x30' }),
  ],
  ['WorkflowPlatformTargetDown', 'a target does not answer', true, gauge({ [app('up', 'pod="a"')]: '0x30' })],
  ['WorkflowPlatformTargetDown', 'every target answers', false, gauge({ [app('up', 'pod="a"')]: '1x30' })],
  ['WorkflowPlatformBackupFailed', 'the last backup failed', true, gauge({ [app('backup_last_status')]: '0x30' })],
  [
    'WorkflowPlatformBackupFailed',
    'a run failed within the hour',
    true,
    gauge({ [app('backup_last_status')]: '1x30', [app('backup_runs_total', 'status="failed"')]: '0x10 1x20' }),
  ],
  [
    'WorkflowPlatformBackupFailed',
    'backups succeed',
    false,
    gauge({
      [app('backup_last_status')]: '1x30',
      [app('backup_runs_total', 'status="failed"')]: '0x30',
      [app('backup_runs_total', 'status="succeeded"')]: '0+1x30',
    }),
  ],
  [
    'WorkflowPlatformBackupJobFailed',
    'the scheduled backup Job failed',
    true,
    gauge(job(`${BACKUP}-29000000`, { failed: true, start: 1000, owner: BACKUP })),
  ],
  [
    'WorkflowPlatformBackupJobFailed',
    'a manual run named as the CronJob comment once said failed',
    true,
    gauge(job('backup-manual-1736000000', { failed: true, start: 1000, owner: BACKUP })),
  ],
  [
    'WorkflowPlatformBackupJobFailed',
    'the first pod failed, the retry succeeded',
    false,
    gauge(job(`${BACKUP}-29000000`, { failed: false, podFailures: 1, start: 1000, owner: BACKUP })),
  ],
  [
    'WorkflowPlatformBackupJobFailed',
    'an older run failed, the newest succeeded',
    false,
    gauge({
      ...job(`${BACKUP}-29000000`, { failed: true, start: 1000, owner: BACKUP }),
      ...job(`${BACKUP}-29001440`, { failed: false, start: 87400, owner: BACKUP }),
    }),
  ],
  [
    'WorkflowPlatformBackupJobFailed',
    'only the migrate Job failed',
    false,
    gauge(job('workflow-platform-migrate', { failed: true, start: 1000 })),
  ],
  // interval 1h: at 27h, time() is 97200s.
  [
    'WorkflowPlatformBackupTooOld',
    'the last success is 27h old',
    true,
    gauge({ [app('backup_last_success_timestamp_seconds')]: '0x30' }, '27h', '1h'),
  ],
  [
    'WorkflowPlatformBackupTooOld',
    'the last success is 2h old',
    false,
    gauge({ [app('backup_last_success_timestamp_seconds')]: '90000x30' }, '27h', '1h'),
  ],
  ['WorkflowPlatformBackupMetricMissing', 'no backup metric at all', true, gauge({ [app('up', 'pod="a"')]: '1x30' })],
  ['WorkflowPlatformBackupMetricMissing', 'the metric is there', false, gauge({ [app('backup_last_success_timestamp_seconds')]: '0x30' })],
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
          promql_expr_test: [
            { expr: `sgn(count((${alertExpr(alert)})))`, eval_time: at, exp_samples: fires ? [{ labels: '{}', value: 1 }] : [] },
          ],
        },
      ],
    };
    const result = runPromtool(['test', 'rules'], { 'rules.yaml': { groups }, 'tests.yaml': tests }, ['tests.yaml']);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
