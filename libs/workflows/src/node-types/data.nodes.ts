import { templateSources } from '../engine/expression-evaluator';
import { NodeFailure, NodeType } from './node-type';
import { flowRespondProblems } from './webhook-response.rules';

type Fields = Record<string, string>;

export const dataSet: NodeType = {
  type: 'data.set',
  description: 'Outputs an object whose fields are JSONata expressions over { trigger, nodes }.',
  pure: true,
  paramsSchema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: { fields: { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1 } },
  },
  expressionsOf: (params) => Object.values(params.fields as Fields),
  async run({ params, scope, expressions }) {
    const entries = Object.entries(params.fields as Fields);
    const values = await Promise.all(entries.map(([, source]) => expressions.evaluate(source, scope)));
    return { output: Object.fromEntries(entries.map(([name], i) => [name, values[i]])) };
  },
};

export const dataTransform: NodeType = {
  type: 'data.transform',
  description: 'Outputs the result of one JSONata expression over { trigger, nodes }.',
  pure: true,
  paramsSchema: {
    type: 'object',
    required: ['expression'],
    additionalProperties: false,
    properties: { expression: { type: 'string', minLength: 1 } },
  },
  expressionsOf: (params) => [params.expression as string],
  async run({ params, scope, expressions }) {
    return { output: await expressions.evaluate(params.expression as string, scope) };
  },
};

export const logicIf: NodeType = {
  type: 'logic.if',
  description: 'Evaluates a JSONata condition; edges with when "true" or "false" follow the result.',
  pure: true,
  paramsSchema: {
    type: 'object',
    required: ['condition'],
    additionalProperties: false,
    properties: { condition: { type: 'string', minLength: 1 } },
  },
  expressionsOf: (params) => [params.condition as string],
  async run({ params, scope, expressions }) {
    const result = Boolean(await expressions.evaluate(params.condition as string, scope));
    return { output: { result }, branch: result ? 'true' : 'false' };
  },
};

export const flowRespond: NodeType = {
  type: 'flow.respond',
  description: 'Sets the status, headers and body (a JSONata expression) a synchronous webhook answers with.',
  pure: true,
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'integer', minimum: 200, maximum: 599, default: 200 },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      body: { type: 'string', description: 'JSONata expression; omitted = empty body' },
    },
  },
  expressionsOf: (params) => (typeof params.body === 'string' ? [params.body] : []),
  paramsProblems: flowRespondProblems,
  async run({ params, scope, expressions }) {
    const body = typeof params.body === 'string' ? await expressions.evaluate(params.body, scope) : null;
    const respond = {
      status: (params.status as number) ?? 200,
      headers: (params.headers as Record<string, string>) ?? {},
      body: body ?? null,
    };
    return { output: respond, respond };
  },
};

export const flowFail: NodeType = {
  type: 'flow.fail',
  description: 'Fails the execution with a message ({{ expr }} placeholders allowed).',
  pure: true,
  paramsSchema: {
    type: 'object',
    required: ['message'],
    additionalProperties: false,
    properties: { message: { type: 'string', minLength: 1, maxLength: 2000 } },
  },
  expressionsOf: (params) => templateSources(params.message as string),
  async run({ params, scope, expressions }) {
    throw new NodeFailure(await expressions.template(params.message as string, scope));
  },
};

export const MAX_DELAY_MS = 30 * 24 * 3_600_000;

export const flowDelay: NodeType = {
  type: 'flow.delay',
  description: 'Waits, then continues: the run resumes from a delayed queue job (no worker sleeps).',
  pure: true,
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ms: { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS },
      seconds: { type: 'number', minimum: 0, maximum: MAX_DELAY_MS / 1000 },
    },
    oneOf: [{ required: ['ms'] }, { required: ['seconds'] }],
  },
  async run({ params }) {
    const delayMs = (params.ms as number | undefined) ?? Math.round(((params.seconds as number | undefined) ?? 0) * 1000);
    return { output: { delayedMs: delayMs, resumeAt: new Date(Date.now() + delayMs).toISOString() }, delayMs };
  },
};
