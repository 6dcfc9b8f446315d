import { ChildRunResult } from '../execution-port';
import { NodeFailure, NodeType } from '../node-type';
import { CALLED_WORKFLOW_PROPERTIES, callProblem, childFailure, requireLink } from './run-link';

export const MAX_FOR_EACH_ITEMS = 1000;
export const MAX_FOR_EACH_CONCURRENCY = 20;

interface ItemResult {
  index: number;
  executionId: string;
  status: ChildRunResult['status'];
  output: unknown;
  error: string | null;
}

export const flowForEach: NodeType = {
  type: 'flow.forEach',
  description:
    'Runs a body workflow (one of yours, pinned version or current) once per item of an array, each item a child execution ' +
    'linked to this one with trigger body { item, index }. At most `concurrency` at once and `maxItems` in all; outputs ' +
    '{ results (outputs in item order), items: [{ index, executionId, status, output, error }], failed }. ' +
    'onItemError "fail" (default) fails the node at the first failed item; "collect" records it and goes on (its result is null).',
  paramsSchema: {
    type: 'object',
    required: ['items', 'workflowId'],
    additionalProperties: false,
    properties: {
      items: {
        type: 'string',
        minLength: 1,
        description: 'JSONata expression giving the array (a single value counts as one item, null as none).',
      },
      ...CALLED_WORKFLOW_PROPERTIES,
      concurrency: { type: 'integer', minimum: 1, maximum: MAX_FOR_EACH_CONCURRENCY, default: 1 },
      maxItems: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_FOR_EACH_ITEMS,
        default: 100,
        description: 'More items than this fails the node before any runs.',
      },
      onItemError: { enum: ['fail', 'collect'], default: 'fail' },
    },
  },
  example: {
    items: 'trigger.body.orders',
    workflowId: '3f1c2a9e-5b7d-4c1e-9a2f-0d8e6b4c3a21',
    concurrency: 4,
    maxItems: 100,
    onItemError: 'collect',
  },
  expressionsOf: (params) => [params.items as string],
  async run({ params, scope, expressions, run, signal }) {
    const link = requireLink('flow.forEach', run);
    const workflowId = params.workflowId as string;
    const problem = callProblem(link, workflowId);
    if (problem) throw new NodeFailure(problem, true);
    const value = await expressions.evaluate(params.items as string, scope);
    const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    const maxItems = (params.maxItems as number | undefined) ?? 100;
    if (items.length > maxItems) throw new NodeFailure(`flow.forEach: ${items.length} items is over maxItems (${maxItems})`, true);
    const collect = params.onItemError === 'collect';
    const results: ItemResult[] = new Array(items.length);
    let next = 0;
    let failure: ItemResult | undefined;
    const worker = async () => {
      while (next < items.length && !failure && !signal.aborted) {
        const index = next++;
        const child = await link.port.runChild(link, {
          workflowId,
          version: params.version as number | undefined,
          input: { item: items[index], index },
        });
        results[index] = { index, ...child };
        if (child.status !== 'SUCCEEDED' && !collect) failure ??= results[index];
      }
    };
    const concurrency = Math.min((params.concurrency as number | undefined) ?? 1, Math.max(items.length, 1));
    await Promise.all(Array.from({ length: concurrency }, worker));
    // Permanent: items that succeeded had their effects; a node retry would run them all again.
    if (failure) throw new NodeFailure(childFailure(`flow.forEach: item ${failure.index}`, failure), true);
    return {
      output: {
        results: results.map((r) => (r.status === 'SUCCEEDED' ? r.output : null)),
        items: results,
        failed: results.filter((r) => r.status !== 'SUCCEEDED').length,
      },
    };
  },
};
