import { Card, Stack } from '@mantine/core';
import { RunSamplePicker, RunSampleProvider, useRunSampleContext } from '../expressions/use-run-sample';
import type { WorkflowDefinition } from '../model/definition';
import type { StepView } from '../model/to-flow';
import { TestRunPanel } from '../test-run/test-run-panel';

/*
 * Where the editor meets the test-run and expression features (features/editor/test-run, /expressions):
 * the test-run panel, the run-sample picker and the sample that expression previews evaluate against.
 */

export const RunSampleScope = RunSampleProvider;

export function useExpressionSample(): unknown {
  return useRunSampleContext().sample;
}

export interface EditorRunToolsProps {
  workflowId?: string;
  definition: WorkflowDefinition;
  onStepsChange(steps: Record<string, StepView>): void;
}

export function EditorRunTools({ workflowId, definition, onStepsChange }: EditorRunToolsProps) {
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        <TestRunPanel definition={definition} onStepsChange={onStepsChange} workflowId={workflowId} />
        <RunSamplePicker workflowId={workflowId} />
      </Stack>
    </Card>
  );
}
