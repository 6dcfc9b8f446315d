import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const MAX_INPUT_DEPTH = 64;

// A UTF-16 high surrogate not followed by a low one, or a low one without a high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return null;
}

/**
 * What PostgreSQL (text and jsonb) could not store, or what no route should take: NUL characters,
 * lone surrogates, nesting past maxDepth. Null when the value is fine; otherwise names the field.
 */
export function inputProblem(value: unknown, field: string, maxDepth = MAX_INPUT_DEPTH, depth = 0): string | null {
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    return problem ? `${field} ${problem}` : null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (depth >= maxDepth) return `${field} is nested deeper than ${maxDepth} levels`;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = stringProblem(key);
    if (keyProblem) return `${field}: a property name ${keyProblem}`;
    const problem = inputProblem(item, Array.isArray(value) ? `${field}[${key}]` : `${field}.${key}`, maxDepth, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function requestProblem(request: FastifyRequest): string | null {
  // The path is checked raw too: a param that fails to decode stays percent-encoded in request.params.
  const decodedPath = safeDecode(request.url.split('?')[0]);
  if (decodedPath !== null) {
    const problem = stringProblem(decodedPath);
    if (problem) return `the URL path ${problem}`;
  }
  // Headers need no check: Node's HTTP parser refuses NUL and decodes header bytes as latin1, so neither NUL
  // nor a surrogate can reach a header value.
  return inputProblem(request.params, 'path parameter') ?? inputProblem(request.query, 'query') ?? inputProblem(request.body, 'body');
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * One edge check for every route, before any handler, guard or pipe runs: input the database cannot
 * store is refused with a 400 that says where, instead of failing later (after side effects) with a 500.
 */
export function installInputGuard(instance: FastifyInstance): void {
  instance.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const problem = requestProblem(request);
    if (problem) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `Invalid input: ${problem}` });
  });
}
