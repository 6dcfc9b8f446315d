/**
 * http_requests_total{origin}: "platform" when the platform chose the status code, "workflow" when a
 * workflow did (a sync webhook answering with flow.respond or with its execution's outcome). A
 * workflow's own 500 is its author's business, not a platform fault, and must not trip platform alerts.
 */
export type AnswerOrigin = 'platform' | 'workflow';

const WORKFLOW_ANSWERS = new WeakSet<object>();

/** Marks a Fastify reply whose status a workflow decided; the metrics hook reads it when the reply is sent. */
export function markWorkflowAnswer(reply: object): void {
  WORKFLOW_ANSWERS.add(reply);
}

export function answerOrigin(reply: object): AnswerOrigin {
  return WORKFLOW_ANSWERS.has(reply) ? 'workflow' : 'platform';
}
