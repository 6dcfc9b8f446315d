import { Alert, List, UnstyledButton } from '@mantine/core';
import type { PlacedProblems } from '../model/problems';
import { problemLine } from '../model/problems';

export interface ProblemsListProps {
  problems: PlacedProblems;
  onSelectNode(nodeId: string): void;
}

/** Every problem of the last save attempt; a node's problem selects that node. */
export function ProblemsList({ problems, onSelectNode }: ProblemsListProps) {
  if (!problems.all.length && !problems.messages.length) return null;
  return (
    <Alert color="red" variant="light" title="The workflow was not saved: fix these problems" role="alert">
      <List size="sm" spacing={2}>
        {problems.all.map((problem, i) => (
          <List.Item key={i}>
            {problem.nodeId !== undefined ? (
              <UnstyledButton fz="sm" td="underline" onClick={() => onSelectNode(problem.nodeId!)}>
                {problem.nodeId}
              </UnstyledButton>
            ) : problem.edge ? (
              <b>
                {problem.edge.from} → {problem.edge.to}
              </b>
            ) : (
              <b>Workflow</b>
            )}
            : {problemLine(problem)}
          </List.Item>
        ))}
        {problems.messages.map((message) => (
          <List.Item key={message}>{message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
