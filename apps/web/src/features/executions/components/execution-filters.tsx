import { Select, SimpleGrid } from '@mantine/core';
import { useWorkflows } from '../../workflows/api/use-workflows';
import { TimeRangeFilter } from './time-range-filter';

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
const TRIGGERS = ['WEBHOOK', 'MANUAL', 'SCHEDULE', 'RETRY', 'WORKFLOW', 'TEST'];
const any = (values: string[]) => [{ value: '', label: 'Any' }, ...values.map((value) => ({ value, label: value }))];

export type ExecutionFilterName = 'workflowId' | 'status' | 'trigger' | 'from' | 'to';

export interface ExecutionFiltersProps {
  values: Record<ExecutionFilterName, string>;
  onChange: (values: Partial<Record<ExecutionFilterName, string>>) => void;
}

/** Workflow, status, trigger and time range; the values live in the URL. */
export function ExecutionFilters({ values, onChange }: ExecutionFiltersProps) {
  const workflows = useWorkflows({});
  const options = (workflows.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }));
  if (values.workflowId && !options.some((o) => o.value === values.workflowId))
    options.push({ value: values.workflowId, label: `Workflow ${values.workflowId.slice(0, 8)}` });
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
      <Select
        label="Workflow"
        placeholder="Any"
        data={options}
        value={values.workflowId || null}
        onChange={(value) => onChange({ workflowId: value ?? '' })}
        searchable
        clearable
        nothingFoundMessage="No such workflow"
      />
      <Select
        label="Status"
        data={any(STATUSES)}
        value={values.status}
        onChange={(value) => onChange({ status: value ?? '' })}
        allowDeselect={false}
      />
      <Select
        label="Trigger"
        data={any(TRIGGERS)}
        value={values.trigger}
        onChange={(value) => onChange({ trigger: value ?? '' })}
        allowDeselect={false}
      />
      <TimeRangeFilter from={values.from} to={values.to} onChange={onChange} />
    </SimpleGrid>
  );
}
