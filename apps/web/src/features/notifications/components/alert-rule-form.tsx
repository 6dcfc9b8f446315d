import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useWorkflows } from '../../workflows/api/use-workflows';
import type { AlertRule, CreateAlertRuleBody } from '../api/use-alert-rules';
import { READABLE } from './channel-form';
import { COMPARATOR_LABEL, METRIC_LABEL, options } from '../model/labels';

export interface AlertRuleFormProps {
  rule?: AlertRule;
  isAdmin: boolean;
  submitting: boolean;
  onSubmit: (body: CreateAlertRuleBody) => void;
  onCancel: () => void;
}

const WINDOWS = [
  { value: '300', label: '5 min' },
  { value: '900', label: '15 min' },
  { value: '3600', label: '1 h' },
  { value: '21600', label: '6 h' },
  { value: '86400', label: '24 h' },
];

const THRESHOLD_HINT: Record<string, string> = {
  EXECUTION_FAILURE_COUNT: 'Failed or timed-out executions in the window',
  EXECUTION_FAILURE_RATE: 'Share of finished executions that failed, 0 to 1 (0.2 = 20%)',
  P95_LATENCY_MS: '95th percentile of execution duration, in milliseconds',
  QUEUE_DEPTH: 'Executions waiting in the queue',
};

/** Metric, comparator, threshold, window and cooldown; optionally for one workflow. */
export function AlertRuleForm({ rule, isAdmin, submitting, onSubmit, onCancel }: AlertRuleFormProps) {
  const workflows = useWorkflows({});
  const [name, setName] = useState(rule?.name ?? '');
  const [metric, setMetric] = useState(rule?.metric ?? 'EXECUTION_FAILURE_COUNT');
  const [comparator, setComparator] = useState(rule?.comparator ?? 'GT');
  const [threshold, setThreshold] = useState<number | string>(rule?.threshold ?? 0);
  const [windowSeconds, setWindowSeconds] = useState(String(rule?.windowSeconds ?? 900));
  const [cooldownMinutes, setCooldownMinutes] = useState<number | string>((rule?.cooldownSeconds ?? 3600) / 60);
  const [workflowId, setWorkflowId] = useState<string | null>(rule?.workflowId ?? null);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const metrics = options(METRIC_LABEL).filter((m) => isAdmin || m.value !== 'QUEUE_DEPTH' || rule?.metric === 'QUEUE_DEPTH');
  const windowOptions = WINDOWS.some((w) => w.value === windowSeconds)
    ? WINDOWS
    : [...WINDOWS, { value: windowSeconds, label: `${windowSeconds} s` }];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      name,
      metric: metric as CreateAlertRuleBody['metric'],
      comparator: comparator as CreateAlertRuleBody['comparator'],
      threshold: Number(threshold),
      windowSeconds: Number(windowSeconds),
      cooldownSeconds: Math.max(1, Math.round(Number(cooldownMinutes) * 60)),
      enabled,
      ...(workflowId ? { workflowId } : {}),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label="Name" required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select label="Metric" data={metrics} value={metric} onChange={(v) => v && setMetric(v)} allowDeselect={false} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label="Comparator"
            data={options(COMPARATOR_LABEL)}
            value={comparator}
            onChange={(v) => v && setComparator(v)}
            allowDeselect={false}
          />
          <NumberInput
            label="Threshold"
            description={THRESHOLD_HINT[metric]}
            styles={READABLE}
            required
            min={0}
            max={metric === 'EXECUTION_FAILURE_RATE' ? 1 : undefined}
            step={metric === 'EXECUTION_FAILURE_RATE' ? 0.05 : 1}
            decimalScale={metric === 'EXECUTION_FAILURE_RATE' ? 2 : 0}
            value={threshold}
            onChange={setThreshold}
          />
          <Select
            label="Window"
            data={windowOptions}
            value={windowSeconds}
            onChange={(v) => v && setWindowSeconds(v)}
            allowDeselect={false}
          />
          <NumberInput
            label="Cooldown (minutes)"
            description="No repeat alert within this time"
            styles={READABLE}
            required
            min={1}
            max={43_200}
            value={cooldownMinutes}
            onChange={setCooldownMinutes}
          />
        </SimpleGrid>
        {metric !== 'QUEUE_DEPTH' && (
          <Select
            label="Workflow"
            placeholder="All my workflows"
            data={workflows.data?.items.map((w) => ({ value: w.id, label: w.name })) ?? []}
            value={workflowId}
            onChange={setWorkflowId}
            clearable
            searchable
          />
        )}
        <Switch label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <Group justify="end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            {rule ? 'Save rule' : 'Create rule'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
