import { NodeFailure, NodeType } from '../node-type';
import { requireLink } from './run-link';

export const MAX_CALLBACK_WAIT_SECONDS = 30 * 24 * 3600;

/**
 * First run: registers a one-time callback URL and pauses the execution (RUNNING, its step RUNNING, no job
 * held). POST /callbacks/:token, or the timeout job, resolves it and queues a resume; the resumed run runs
 * this node again, which now outputs the resolution (or fails, as configured).
 */
export const flowWaitForCallback: NodeType = {
  type: 'flow.waitForCallback',
  description:
    "Pauses the execution until its one-time callback URL (in this step's output while waiting: callbackUrl) is called with " +
    'POST {"decision": "approve" | "reject", "data": {...}}, or until timeoutSeconds pass. No worker is held while waiting. ' +
    'Then outputs { decision, approved, data, resolvedAt }; onReject / onTimeout "fail" fail the node instead.',
  paramsSchema: {
    type: 'object',
    required: ['timeoutSeconds'],
    additionalProperties: false,
    properties: {
      timeoutSeconds: { type: 'integer', minimum: 1, maximum: MAX_CALLBACK_WAIT_SECONDS },
      onReject: { enum: ['continue', 'fail'], default: 'continue' },
      onTimeout: { enum: ['continue', 'fail'], default: 'fail' },
    },
  },
  example: { timeoutSeconds: 86400, onReject: 'continue', onTimeout: 'fail' },
  async run({ params, run, nodeId }) {
    const link = requireLink('flow.waitForCallback', run);
    const callback = await link.port.callback(link, nodeId, (params.timeoutSeconds as number) * 1000);
    if (callback.state === 'waiting')
      return { output: { status: 'waiting', callbackUrl: callback.callbackUrl, expiresAt: callback.expiresAt }, waitForCallback: true };
    const { decision, data, resolvedAt } = callback;
    if (decision === 'reject' && params.onReject === 'fail') throw new NodeFailure('flow.waitForCallback: the callback rejected', true);
    if (decision === 'timeout' && params.onTimeout !== 'continue')
      throw new NodeFailure(`flow.waitForCallback: no callback within ${params.timeoutSeconds} s`, true);
    return { output: { decision, approved: decision === 'approve', data: data ?? null, resolvedAt } };
  },
};
