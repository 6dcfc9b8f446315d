import { Alert, Button, Select, Stack, Text, Title } from '@mantine/core';
import type { Dispatch } from 'react';
import { edgeKey, type WorkflowEdge } from '../model/definition';
import type { EditorAction } from '../model/editor-history';

export interface EdgePanelProps {
  edge: WorkflowEdge;
  branches: string[] | null;
  problems: string[] | undefined;
  dispatch: Dispatch<EditorAction>;
}

/** The selected edge: its `when` (out of logic.if / logic.switch) and a delete button. */
export function EdgePanel({ edge, branches, problems, dispatch }: EdgePanelProps) {
  const key = edgeKey(edge);
  return (
    <Stack gap="sm" component="section" aria-label={`Edge ${edge.from} to ${edge.to}`}>
      <Title order={2} size="h4">
        Edge {edge.from} → {edge.to}
      </Title>
      {problems && (
        <Alert color="red" variant="light" title="Problems" role="alert">
          {problems.map((p) => (
            <Text size="sm" key={p}>
              {p}
            </Text>
          ))}
        </Alert>
      )}
      {branches ? (
        <Select
          label="Taken when"
          data={branches}
          value={edge.when ?? null}
          onChange={(when) => when && dispatch({ type: 'setEdgeWhen', key, when })}
          allowDeselect={false}
        />
      ) : (
        <Text size="sm">Always taken once {edge.from} succeeds.</Text>
      )}
      <Button color="red" variant="light" onClick={() => dispatch({ type: 'remove', nodeIds: [], edgeKeys: [key] })}>
        Delete edge
      </Button>
    </Stack>
  );
}
