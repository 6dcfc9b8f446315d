import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';
import type { components } from '../../../api/schema';
import { scopeFromExecution, type ExpressionScope } from './expression-scope';

type Execution = components['schemas']['ExecutionResponseDto'];

/** How many of the workflow's latest runs the picker offers. */
const RECENT_RUNS = 10;
const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

export interface RunSample {
  workflowId?: string;
  /** The workflow's latest executions, test runs included, newest first. */
  runs: Execution[];
  runsLoading: boolean;
  /** The run the user picked, else the last test run started here, else the newest finished run. */
  selectedRunId: string | null;
  selectRun(id: string | null): void;
  /** The expression scope `{ trigger, nodes }` of the selected run, once loaded. */
  sample: ExpressionScope | undefined;
  /** A test run of a workflow that is not saved yet is listed under no workflow: the panel names it here. */
  noteTestRun(id: string): void;
}

const RunSampleContext = createContext<RunSample | null>(null);

const NO_SAMPLE: RunSample = {
  runs: [],
  runsLoading: false,
  selectedRunId: null,
  selectRun: () => undefined,
  sample: undefined,
  noteTestRun: () => undefined,
};

/** Real runs and test runs are two lists in the API (test runs are left out by default): both, merged. */
async function recentRuns(workflowId: string, signal: AbortSignal): Promise<Execution[]> {
  const page = (test: boolean) => unwrap(api.GET('/executions', { params: { query: { workflowId, test, limit: RECENT_RUNS } }, signal }));
  const [runs, tests] = await Promise.all([page(false), page(true)]);
  return [...runs.items, ...tests.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, RECENT_RUNS);
}

/** The runs to pick a sample from and the picked run's expression scope (GET /executions, GET /executions/{id}). */
export function useRunSample(workflowId?: string): RunSample {
  const [picked, setPicked] = useState<string | null>(null);
  const [noted, setNoted] = useState<string | null>(null);
  const runsQuery = useQuery({
    // Under ['executions', 'list'], so the live execution stream refreshes it as runs start and end.
    queryKey: [...keys.executions.all, 'list', { workflowId, sample: true }],
    queryFn: ({ signal }) => recentRuns(workflowId!, signal),
    enabled: Boolean(workflowId),
  });
  const runs = useMemo(() => runsQuery.data ?? [], [runsQuery.data]);
  const selectedRunId = picked ?? noted ?? (runs.find((run) => FINAL.includes(run.status)) ?? runs[0])?.id ?? null;
  const detail = useQuery({
    queryKey: keys.executions.detail(selectedRunId ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/executions/{id}', { params: { path: { id: selectedRunId! } }, signal })),
    enabled: Boolean(selectedRunId),
  });
  const sample = useMemo(() => (detail.data ? scopeFromExecution(detail.data) : undefined), [detail.data]);
  const noteTestRun = useCallback((id: string) => {
    setNoted(id);
    setPicked(null); // a new test run becomes the sample, as the newest run would
  }, []);
  const runsLoading = runsQuery.isPending && Boolean(workflowId);
  return useMemo(
    () => ({ workflowId, runs, runsLoading, selectedRunId, selectRun: setPicked, sample, noteTestRun }),
    [workflowId, runs, runsLoading, selectedRunId, sample, noteTestRun],
  );
}

export function RunSampleProvider({ workflowId, children }: { workflowId?: string; children: ReactNode }) {
  const value = useRunSample(workflowId);
  return <RunSampleContext.Provider value={value}>{children}</RunSampleContext.Provider>;
}

/** The surrounding RunSampleProvider's state; without one, no runs and no sample. */
export function useRunSampleContext(): RunSample {
  return useContext(RunSampleContext) ?? NO_SAMPLE;
}

export interface RunSamplePickerProps {
  /** Only used without a RunSampleProvider around the picker. */
  workflowId?: string;
}

/** A Select of the workflow's recent runs; the picked run's data feeds every expression preview. */
export function RunSamplePicker({ workflowId }: RunSamplePickerProps) {
  const shared = useContext(RunSampleContext);
  return shared ? <Picker sample={shared} /> : <StandalonePicker workflowId={workflowId} />;
}

function StandalonePicker({ workflowId }: RunSamplePickerProps) {
  return <Picker sample={useRunSample(workflowId)} />;
}

function Picker({ sample }: { sample: RunSample }) {
  const options = sample.runs.map((run) => ({ value: run.id, label: runLabel(run) }));
  if (sample.selectedRunId && !options.some((o) => o.value === sample.selectedRunId))
    options.unshift({ value: sample.selectedRunId, label: `Test run ${sample.selectedRunId.slice(0, 8)}` });
  const none = !sample.runsLoading && options.length === 0;
  return (
    <Select
      label="Sample data for previews"
      description={
        none ? 'No runs yet: run the workflow (or a test run) to preview with its data' : "A run's trigger input and step outputs"
      }
      placeholder={sample.runsLoading ? 'Loading runs…' : none ? 'No runs yet' : 'Pick a run'}
      data={options}
      value={sample.selectedRunId}
      onChange={(id) => sample.selectRun(id)}
      disabled={none}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function runLabel(run: Execution): string {
  const created = new Date(run.createdAt);
  const today = created.toDateString() === new Date().toDateString();
  const when = created.toLocaleString(undefined, today ? { timeStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'short' });
  const kind = run.trigger === 'TEST' ? 'Test run' : run.trigger.charAt(0) + run.trigger.slice(1).toLowerCase();
  return `${kind} · ${run.status.toLowerCase()} · ${when}`;
}
