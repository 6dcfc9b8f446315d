import { NodeFailure, NodeType } from '../node-type';
import { CALLED_WORKFLOW_PROPERTIES, callProblem, childFailure, requireLink } from './run-link';

export const workflowCall: NodeType = {
  type: 'workflow.call',
  description:
    'Runs another of your workflows (a pinned version or the current one) with an input and outputs { executionId, output }. ' +
    'The child is an execution of its own, linked to this one (parentExecutionId); calls nest at most 5 deep and never in a cycle.',
  paramsSchema: {
    type: 'object',
    required: ['workflowId'],
    additionalProperties: false,
    properties: {
      ...CALLED_WORKFLOW_PROPERTIES,
      input: { type: 'string', minLength: 1, description: 'JSONata expression: the child trigger body (default: trigger.body).' },
    },
  },
  example: { workflowId: '3f1c2a9e-5b7d-4c1e-9a2f-0d8e6b4c3a21', version: 2, input: '{ "orderId": trigger.body.id }' },
  expressionsOf: (params) => (typeof params.input === 'string' ? [params.input] : []),
  async run({ params, scope, expressions, run }) {
    const link = requireLink('workflow.call', run);
    const workflowId = params.workflowId as string;
    const problem = callProblem(link, workflowId);
    if (problem) throw new NodeFailure(problem, true);
    const input = await expressions.evaluate((params.input as string | undefined) ?? 'trigger.body', scope);
    const child = await link.port.runChild(link, { workflowId, version: params.version as number | undefined, input: input ?? null });
    // Permanent: the child's side effects happened; a node retry would run it all again.
    if (child.status !== 'SUCCEEDED') throw new NodeFailure(childFailure('workflow.call', child), true);
    return { output: { executionId: child.executionId, output: child.output } };
  },
};
