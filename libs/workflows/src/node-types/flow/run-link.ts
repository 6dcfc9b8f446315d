import { ChildRunResult, MAX_CALL_DEPTH, RunLink } from '../execution-port';
import { NodeFailure } from '../node-type';

/** The node's execution, or a permanent failure when the run has none (it was not started by a queued job). */
export function requireLink(type: string, link: RunLink | undefined): RunLink {
  if (!link) throw new NodeFailure(`${type} needs a queued execution (this run has no execution record to link to)`, true);
  return link;
}

/** Depth limit and cycle refusal, before a child execution of `workflowId` is created. */
export function callProblem(link: RunLink, workflowId: string): string | null {
  if (link.callChain.includes(workflowId))
    return `calling workflow ${workflowId} would form a cycle (${[...link.callChain, workflowId].join(' -> ')})`;
  if (link.callChain.length >= MAX_CALL_DEPTH)
    return `call depth limit of ${MAX_CALL_DEPTH} nested executions reached (${link.callChain.join(' -> ')})`;
  return null;
}

export const childFailure = (what: string, child: ChildRunResult) =>
  `${what}: child execution ${child.executionId} ended ${child.status}: ${child.error ?? 'no error message'}`;

/** Params shared by workflow.call and flow.forEach: which workflow runs, at which version. */
export const CALLED_WORKFLOW_PROPERTIES = {
  workflowId: {
    type: 'string',
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    description: 'One of your workflows (its id).',
  },
  version: { type: 'integer', minimum: 1, description: 'A pinned version number; omitted = the version the workflow runs now.' },
} as const;
