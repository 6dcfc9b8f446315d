import { Alert, List } from '@mantine/core';
import type { DefinitionProblem } from './use-start-test-run';

/** Where a problem is: its node (and param path) or edge, as the API placed it. */
export function problemPlace(problem: DefinitionProblem): string {
  if (problem.nodeId !== undefined) return `Node ${problem.nodeId}${problem.path ? ` · ${problem.path}` : ''}`;
  if (problem.edge) return `Edge ${problem.edge.from} → ${problem.edge.to}`;
  return 'Workflow';
}

/** The API's 400 for an invalid draft: every problem, each with the node or edge it concerns. */
export function DefinitionProblems({ problems }: { problems: DefinitionProblem[] }) {
  return (
    <Alert variant="default" color="red" title="The draft cannot run: fix these problems first" role="alert">
      <List size="sm" spacing={4}>
        {problems.map((problem, i) => (
          <List.Item key={i}>
            <strong>{problemPlace(problem)}</strong>: {problem.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
