import { Server } from 'node:http';
import request from 'supertest';
import { startApiWithUser, TestApi } from '../support/test-app';
import { AuthHeader, chain } from '../support/workflows';

const manual = { id: 'start', type: 'trigger.manual', params: {} };
const set = (id: string) => ({ id, type: 'data.set', params: { fields: { a: '1' } } });

describe('workflow definition validation', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  const save = (definition: object, extra: object = {}) =>
    request(server)
      .post('/workflows')
      .set(auth)
      .send({ name: 'v', definition, ...extra });

  /** 400 whose message lists problems; every expected fragment appears in some problem. */
  async function expectProblems(definition: object, ...fragments: string[]): Promise<string[]> {
    const res = await save(definition);
    expect(res.status).toBe(400);
    expect(Array.isArray(res.body.message)).toBe(true);
    for (const fragment of fragments) expect(res.body.message.some((m: string) => m.includes(fragment))).toBe(true);
    return res.body.message;
  }

  it('accepts a valid definition: 201 with version 1 and the definition', async () => {
    const definition = chain(set('a'), { id: 'b', type: 'data.transform', params: { expression: 'nodes.a.a + 1' } });
    const res = await save(definition, { description: 'd', tags: ['x'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'v', version: 1, status: 'DRAFT', active: false, tags: ['x'], definition });
  });

  it('refuses a cycle, naming the nodes in it', async () => {
    const definition = {
      nodes: [manual, set('a'), set('b')],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    };
    const [problem] = await expectProblems(definition, 'cycle');
    expect(problem).toContain('"a"');
    expect(problem).toContain('"b"');
  });

  it('refuses zero and two triggers', async () => {
    await expectProblems({ nodes: [set('a')], edges: [] }, 'exactly one trigger node is required (found 0)');
    const two = { nodes: [manual, { id: 'hook', type: 'trigger.webhook', params: { path: 'two-triggers' } }], edges: [] };
    await expectProblems(two, 'found 2: start, hook');
  });

  it('refuses an unknown node type', () =>
    expectProblems(chain({ id: 'x', type: 'no.such', params: {} }), 'node "x": unknown node type "no.such"'));

  it.each([
    ['data.set without fields', { id: 'n', type: 'data.set', params: {} }, "must have required property 'fields'"],
    [
      'data.set with an unknown param',
      { id: 'n', type: 'data.set', params: { fields: { a: '1' }, extra: 1 } },
      'additional properties (extra)',
    ],
    ['data.transform without expression', { id: 'n', type: 'data.transform', params: {} }, "required property 'expression'"],
    ['logic.if without condition', { id: 'n', type: 'logic.if', params: {} }, "required property 'condition'"],
    ['http.request without url', { id: 'n', type: 'http.request', params: {} }, "required property 'url'"],
    [
      'http.request with a bad method',
      { id: 'n', type: 'http.request', params: { url: 'https://example.com', method: 'TRACE' } },
      'params.method',
    ],
    ['flow.fail without message', { id: 'n', type: 'flow.fail', params: {} }, "required property 'message'"],
    ['flow.delay with a negative ms', { id: 'n', type: 'flow.delay', params: { ms: -1 } }, 'params.ms'],
    ['flow.respond with status 42', { id: 'n', type: 'flow.respond', params: { status: 42 } }, 'params.status'],
  ])('refuses bad params: %s', (_label, node, fragment) => expectProblems(chain(node), `node "n": `, fragment));

  it('refuses a trigger.webhook with a bad path and a trigger.manual with params', async () => {
    await expectProblems(
      { nodes: [{ id: 'hook', type: 'trigger.webhook', params: { path: '../x' } }], edges: [] },
      'node "hook": params.path',
    );
    await expectProblems(
      { nodes: [{ id: 'm', type: 'trigger.manual', params: { x: 1 } }], edges: [] },
      'node "m": params must NOT have additional properties',
    );
  });

  it('refuses invalid JSONata in each kind of expression, naming the node', async () => {
    const problems = await expectProblems(
      chain(
        { id: 'set', type: 'data.set', params: { fields: { a: '1 +' } } },
        { id: 'tr', type: 'data.transform', params: { expression: '$$$(' } },
        { id: 'cond', type: 'logic.if', params: { condition: '(' } },
        { id: 'call', type: 'http.request', params: { url: 'https://example.com/{{ ) }}' } },
        { id: 'fail', type: 'flow.fail', params: { message: 'x {{ [ }}' } },
      ),
      'node "set": Expression "1 +"',
      'node "tr": Expression',
      'node "cond": Expression',
      'node "call": Expression',
      'node "fail": Expression',
    );
    expect(problems.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a node the trigger cannot reach', () =>
    expectProblems(
      { nodes: [manual, set('a'), set('lonely')], edges: [{ from: 'start', to: 'a' }] },
      'node "lonely": unreachable from the trigger "start"',
    ));

  it('refuses edges to or from unknown nodes', () =>
    expectProblems(
      {
        nodes: [manual, set('a')],
        edges: [
          { from: 'start', to: 'a' },
          { from: 'a', to: 'ghost' },
          { from: 'phantom', to: 'a' },
        ],
      },
      'unknown target node "ghost"',
      'unknown source node "phantom"',
    ));

  it('refuses `when` on an edge not out of logic.if, and a logic.if edge without it', () =>
    expectProblems(
      {
        nodes: [manual, { id: 'check', type: 'logic.if', params: { condition: 'true' } }, set('a')],
        edges: [
          { from: 'start', to: 'check', when: 'true' },
          { from: 'check', to: 'a' },
        ],
      },
      'edge start -> check: "when" is only allowed on edges out of logic.if or logic.switch',
      'edge check -> a: edges out of logic.if need when "true" or "false"',
    ));

  it('refuses duplicate node ids and self edges, listing every problem at once', async () => {
    const problems = await expectProblems(
      {
        nodes: [manual, set('a'), set('a')],
        edges: [
          { from: 'start', to: 'a' },
          { from: 'a', to: 'a' },
        ],
      },
      'node "a": duplicate id',
      'edge a -> a: a node cannot feed itself',
    );
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a bad cron and an unknown time zone on trigger.schedule; accepts a good one', async () => {
    await expectProblems(
      { nodes: [{ id: 'cron', type: 'trigger.schedule', params: { cron: '61 * * * *' } }], edges: [] },
      'node "cron": params.cron: Constraint error, got value 61 expected range 0-59',
    );
    await expectProblems(
      { nodes: [{ id: 'cron', type: 'trigger.schedule', params: { cron: 'not a cron at all' } }], edges: [] },
      'node "cron": params.cron: ',
    );
    await expectProblems(
      { nodes: [{ id: 'cron', type: 'trigger.schedule', params: { cron: '0 * * * *', timezone: 'Nowhere/City' } }], edges: [] },
      'node "cron": params.timezone: unknown time zone \'Nowhere/City\' (use an IANA name like Europe/Paris)',
    );
    const ok = await save({
      nodes: [{ id: 'cron', type: 'trigger.schedule', params: { cron: '*/5 * * * *', timezone: 'Europe/Paris' } }],
      edges: [],
    });
    expect(ok.status).toBe(201);
  });

  it('refuses unknown top-level and node fields (whitelist) and malformed shapes', async () => {
    const definition = chain(set('a'));
    const top = await save(definition, { extra: 1 });
    expect(top.status).toBe(400);
    expect(top.body.message).toEqual(expect.arrayContaining([expect.stringContaining('extra')]));
    expect((await save({ ...definition, extra: true })).status).toBe(400);
    expect((await save({ nodes: [{ ...manual, color: 'red' }], edges: [] })).status).toBe(400);
    expect((await save({ nodes: [], edges: [] })).status).toBe(400);
    expect((await save({ nodes: [manual], edges: [{ from: 'start', to: 'start', when: 'maybe' }] })).status).toBe(400);
    expect((await request(server).post('/workflows').set(auth).send({ definition })).status).toBe(400); // no name
  });

  it('validates PATCHed definitions the same way and keeps the old version', async () => {
    const created = await save(chain(set('a')));
    const res = await request(server)
      .patch(`/workflows/${created.body.id}`)
      .set(auth)
      .send({ definition: chain({ id: 'x', type: 'nope', params: {} }) });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['node "x": unknown node type "nope"']);
    const current = await request(server).get(`/workflows/${created.body.id}`).set(auth);
    expect(current.body).toMatchObject({ version: 1, definition: chain(set('a')) });
  });

  it('requires authentication', async () => {
    expect(
      (
        await request(server)
          .post('/workflows')
          .send({ name: 'v', definition: chain(set('a')) })
      ).status,
    ).toBe(401);
  });
});
