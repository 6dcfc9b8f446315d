import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { OPENAPI_FILES, renderOpenApi } from '../../apps/api/src/openapi/render-openapi';
import { ApiWithUser, startApiWithUser } from '../support/test-app';

const ROOT = join(__dirname, '../..');
const REGENERATE = 'run `npm run openapi` and commit openapi.json and apps/web/src/api/schema.d.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

const committed = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const document = () => JSON.parse(committed(OPENAPI_FILES.document)) as { paths: Record<string, Record<string, Operation>> };
const operations = () =>
  Object.entries(document().paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, path, op })),
  );

/** The line numbers and texts where two renderings first differ, for a readable failure. */
function firstDifference(expected: string, actual: string): string {
  const [a, b] = [expected.split('\n'), actual.split('\n')];
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at])}, code gives ${JSON.stringify(b[at])}`;
}

const PUBLIC_ROUTES = ['/health', '/auth/register', '/auth/login', '/webhook/', '/callbacks/'];
const isPublicRoute = (path: string) =>
  PUBLIC_ROUTES.some((prefix) => path === prefix || (prefix.endsWith('/') && path.startsWith(prefix)) || path.startsWith(`${prefix}/`));

describe('OpenAPI contract (openapi.json + apps/web/src/api/schema.d.ts)', () => {
  let ctx: ApiWithUser;
  const http = () => request(ctx.server);

  beforeAll(async () => {
    ctx = await startApiWithUser();
  });
  afterAll(() => ctx?.api.close());

  it('the committed files are exactly what the code renders', async () => {
    const rendered = await renderOpenApi(ROOT);
    for (const kind of ['document', 'types'] as const) {
      const file = OPENAPI_FILES[kind];
      const current = committed(file);
      if (current !== rendered[kind]) throw new Error(`${file} is stale (${firstDifference(current, rendered[kind])}): ${REGENERATE}`);
    }
  });

  it('the running API serves the committed document at /docs-json', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    expect(body).toEqual(document());
  });

  it('gives every operation a summary, a tag and a typed 2xx answer', () => {
    const incomplete = operations().filter(({ op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      const typed = success.every(
        ([status, response]) => status === '204' || Object.values(response.content ?? {}).some((media) => media.schema),
      );
      return !op.summary || !op.tags?.length || !success.length || !typed;
    });
    expect(incomplete.map(({ id }) => id)).toEqual([]);
  });

  it('documents 4xx/5xx answers with the shared error body', () => {
    const untyped = operations().flatMap(({ id, path, op }) =>
      Object.entries(op.responses)
        // Probes answer 503 with their own check result, not an error body.
        .filter(([status]) => /^[45]\d\d$/.test(status) && !path.startsWith('/health'))
        .filter(([, response]) => response.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorResponseDto')
        .map(([status]) => `${id} ${status}`),
    );
    expect(untyped).toEqual([]);
    expect(
      operations()
        .filter(({ path, op }) => !path.startsWith('/health') && !Object.keys(op.responses).some((s) => /^4\d\d$/.test(s)))
        .map(({ id }) => id),
    ).toEqual([]);
  });

  it('marks public routes `security: []` and leaves the others to bearer or API key', () => {
    const publicOps = operations().filter(({ op }) => Array.isArray(op.security) && op.security.length === 0);
    expect(publicOps.map(({ id }) => id)).toEqual(
      expect.arrayContaining([
        'GET /health/ready',
        'POST /auth/register',
        'POST /auth/login',
        'POST /webhook/{path}',
        'POST /callbacks/{token}',
      ]),
    );
    expect(publicOps.filter(({ path }) => !isPublicRoute(path) && !path.startsWith('/auth/')).map(({ id }) => id)).toEqual([]);
    expect((document() as unknown as { security: unknown }).security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
  });

  it('documents the webhook answers the API really gives (200/202/4xx, never 201)', async () => {
    for (const method of ['get', 'post', 'put']) {
      const statuses = Object.keys(document().paths['/webhook/{path}'][method].responses);
      expect(statuses).toEqual(expect.arrayContaining(['200', '202', '404', '429']));
      expect(statuses).not.toContain('201');
    }
    const res = await http().post('/webhook/no-such-hook').send({ a: 1 }).expect(404);
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message', 'statusCode']);
  });

  it('answers bad input with the documented error body', async () => {
    const res = await http().get('/workflows/not-a-uuid').set(ctx.auth).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
    expect(document().paths['/workflows/{id}'].get.responses['400']).toBeDefined();
  });
});
