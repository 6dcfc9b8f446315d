import { Stack } from '@mantine/core';
import { ReactFlowProvider } from '@xyflow/react';
import { useParams } from 'react-router';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useNodeTypes } from '../api/use-node-types';
import { useWorkflow } from '../api/use-workflow';
import { RunSampleScope } from '../components/editor-run-tools';
import { WorkflowEditor } from '../components/workflow-editor';

/** /workflows/new and /workflows/:id: loads the workflow and the node types, then the editor. */
export function EditorPage() {
  const { id } = useParams();
  const workflow = useWorkflow(id, { fresh: true });
  const nodeTypes = useNodeTypes();
  const failed = (id && workflow.isError ? workflow : null) ?? (nodeTypes.isError ? nodeTypes : null);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if ((id && !(workflow.data && workflow.isFetchedAfterMount)) || !nodeTypes.data)
    return (
      <Stack>
        <TableSkeleton rows={6} />
      </Stack>
    );
  return (
    <ReactFlowProvider key={id ?? 'new'}>
      <RunSampleScope workflowId={id}>
        <WorkflowEditor workflow={id ? workflow.data : undefined} nodeTypes={nodeTypes.data.items} nodeTypesByType={nodeTypes.byType} />
      </RunSampleScope>
    </ReactFlowProvider>
  );
}
