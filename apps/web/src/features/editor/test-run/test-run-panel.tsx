import { Anchor, Box, Button, Group, JsonInput, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { keys } from '../../../api/keys';
import { ErrorState } from '../../../shared/ui/error-state';
import { StatusBadge } from '../../../shared/ui/status-badge';
import { ERROR_COLOR } from '../expressions/error-color';
import { useRunSampleContext } from '../expressions/use-run-sample';
import { DefinitionProblems } from './definition-problems';
import { canvasSteps, isFinal, runOrder, type TestRunStep } from './test-run-state';
import { TestRunSteps } from './test-run-steps';
import { TestRunRefusedError, useStartTestRun } from './use-start-test-run';
import { useFollowExecution } from './use-follow-execution';

export type { TestRunStep } from './test-run-state';

export interface TestRunPanelProps {
  /** The draft as the editor holds it, saved or not. */
  definition: unknown;
  /** Called with the steps map (by node id) whenever a step changes; `{}` when a new run starts. */
  onStepsChange(steps: Record<string, TestRunStep>): void;
  /** The saved workflow the run is listed under; defaults to the surrounding RunSampleProvider's. */
  workflowId?: string;
}

/** The trigger body a test run sends: valid JSON, or nothing typed (an empty object). */
function parseInput(text: string): { value: unknown; problem: string | null } {
  if (!text.trim()) return { value: {}, problem: null };
  try {
    return { value: JSON.parse(text), problem: null };
  } catch (error) {
    return { value: undefined, problem: `Not valid JSON: ${(error as Error).message}` };
  }
}

/** Runs the draft with a typed input and follows the run live (POST /workflows/test-runs, then its event stream). */
export function TestRunPanel({ definition, onStepsChange, workflowId }: TestRunPanelProps) {
  const runSample = useRunSampleContext();
  const queryClient = useQueryClient();
  const [inputText, setInputText] = useState('{}');
  const input = parseInput(inputText);
  const start = useStartTestRun();
  const [executionId, setExecutionId] = useState<string | null>(null);
  const [order, setOrder] = useState<string[]>([]);
  const run = useFollowExecution(executionId);
  const steps = useMemo(() => canvasSteps(run, order), [run, order]);
  const finished = Boolean(run && isFinal(run.status));

  const latestOnStepsChange = useRef(onStepsChange);
  useEffect(() => {
    latestOnStepsChange.current = onStepsChange;
  });
  useEffect(() => {
    latestOnStepsChange.current(steps);
  }, [steps]);

  const { noteTestRun } = runSample;
  useEffect(() => {
    if (!finished || !executionId) return;
    noteTestRun(executionId); // its data becomes the expression sample
    void queryClient.invalidateQueries({ queryKey: [...keys.executions.all, 'list'] });
  }, [finished, executionId, noteTestRun, queryClient]);

  const startRun = () => {
    if (input.problem) return;
    start.mutate(
      { definition, input: input.value, workflowId: workflowId ?? runSample.workflowId },
      {
        onSuccess: (started) => {
          setOrder(runOrder(definition)); // the order of the draft that runs, not of later edits
          setExecutionId(started.id);
        },
      },
    );
  };

  const refused = start.error instanceof TestRunRefusedError && start.error.problems.length ? start.error : null;
  return (
    <Stack component="section" aria-label="Test run" gap="sm">
      <Title order={2} size="h4">
        Test run
      </Title>
      <JsonInput
        label="Test input (the trigger body)"
        description="JSON; expressions read it as trigger.body"
        value={inputText}
        onChange={setInputText}
        error={input.problem}
        autosize
        minRows={3}
        maxRows={12}
        spellCheck={false}
      />
      <Group>
        <Button onClick={startRun} loading={start.isPending} disabled={Boolean(input.problem)}>
          Test run
        </Button>
        {executionId && (
          <Anchor component={Link} to={`/executions/${executionId}`} fz="sm">
            Open the execution
          </Anchor>
        )}
      </Group>
      {refused ? (
        <DefinitionProblems problems={refused.problems} />
      ) : (
        start.isError && <ErrorState error={start.error} onRetry={startRun} />
      )}
      {run && executionId === run.executionId && (
        <>
          <Group gap="sm" role="status" aria-label="Test run status">
            <StatusBadge status={run.status} />
            {finished ? (
              run.durationMs != null && <Text size="sm">{run.durationMs} ms</Text>
            ) : (
              <Loader size="xs" aria-label="Following the run" />
            )}
          </Group>
          {run.error != null && (
            <Text size="sm" c={ERROR_COLOR} style={{ whiteSpace: 'pre-wrap' }}>
              {String(run.error)}
            </Text>
          )}
          {run.streamError && (
            <Text size="sm" c="dimmed">
              {run.streamError}
            </Text>
          )}
          <Box>
            <TestRunSteps steps={steps} order={order} />
          </Box>
        </>
      )}
    </Stack>
  );
}
