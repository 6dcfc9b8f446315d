import { Server } from 'node:http';
import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';

export type AuthHeader = { Authorization: string };

export async function createWorkflow(server: Server, auth: AuthHeader, body: object): Promise<{ id: string; version: number }> {
  const res = await request(server).post('/workflows').set(auth).send(body);
  if (res.status !== 201) throw new Error(`createWorkflow: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function activate(server: Server, auth: AuthHeader, id: string): Promise<void> {
  const res = await request(server).post(`/workflows/${id}/activate`).set(auth);
  if (res.status !== 200) throw new Error(`activate: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface ExecutionView {
  id: string;
  status: string;
  output: unknown;
  error: string | null;
  attempt: number;
  workflowVersion: number;
  steps: { nodeId: string; status: string; attempt: number; output: unknown; error: string | null; sequence: number }[];
}

export async function getExecution(server: Server, auth: AuthHeader, id: string): Promise<ExecutionView> {
  const res = await request(server).get(`/executions/${id}`).set(auth);
  if (res.status !== 200) throw new Error(`getExecution: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

export async function waitForExecution(
  server: Server,
  auth: AuthHeader,
  id: string,
  statuses = FINAL,
  timeoutMs = 15_000,
): Promise<ExecutionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const execution = await getExecution(server, auth, id);
    if (statuses.includes(execution.status)) return execution;
    if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution.status} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

type ChainedNode = { id: string; type: string; params: object; [k: string]: unknown };

/** A minimal valid definition with a manual trigger followed by the given nodes in a chain. */
export function chain(...nodes: ChainedNode[]) {
  return chainFrom({ id: 'start', type: 'trigger.manual', params: {} }, ...nodes);
}

/** The given trigger (a webhook, a schedule) followed by the given nodes in a chain. */
export function chainFrom(trigger: ChainedNode, ...nodes: ChainedNode[]) {
  const all = [trigger, ...nodes];
  return { nodes: all, edges: all.slice(1).map((n, i) => ({ from: all[i].id, to: n.id })) };
}

/** POST /workflows/:id/run (manual trigger); expects 202 and returns the queued execution's id. */
export async function runWorkflow(server: Server, auth: AuthHeader, id: string, body: object = {}): Promise<string> {
  const res = await request(server).post(`/workflows/${id}/run`).set(auth).send(body);
  if (res.status !== 202) throw new Error(`runWorkflow: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Creates a workflow from a definition (a generated name), runs it once and waits for the end. */
export async function runOnce(
  server: Server,
  auth: AuthHeader,
  definition: object,
  body: object = {},
  timeoutMs?: number,
): Promise<ExecutionView> {
  const workflow = await createWorkflow(server, auth, { name: `wf-${Math.random().toString(36).slice(2, 8)}`, definition });
  return waitForExecution(server, auth, await runWorkflow(server, auth, workflow.id, body), undefined, timeoutMs);
}

/** Polls until the check passes (or throws after timeoutMs). */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}
