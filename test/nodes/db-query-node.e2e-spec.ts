import { Client } from 'pg';
import request from 'supertest';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { chain, createWorkflow, runOnce } from '../support/workflows';

// The test database trusts loopback connections: any password is accepted, so this one only has to stay out of step data.
const PASSWORD = 'pg-secret-never-in-steps-7c1d';

/** A postgres credential for this file's own test database, reached on loopback. */
async function createPgCredential(ctx: ApiWithUser, host = '127.0.0.1'): Promise<string> {
  const url = new URL(ctx.api.config.database.DATABASE_URL);
  const data = {
    host,
    port: Number(url.port || 5432),
    database: url.pathname.slice(1),
    user: decodeURIComponent(url.username) || 'postgres',
    password: PASSWORD,
    ssl: false,
  };
  const res = await request(ctx.server)
    .post('/credentials')
    .set(ctx.auth)
    .send({ name: `pg-${host}`, type: 'postgres', data })
    .expect(201);
  return res.body.id;
}

const query = (credentialId: string, extra: object) => ({ id: 'q', type: 'db.query', params: { credentialId, ...extra } });

describe('db.query node', () => {
  let ctx: ApiWithUser;
  let credentialId: string;

  beforeAll(async () => {
    ctx = await startApiWithUser({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' });
    credentialId = await createPgCredential(ctx);
    const db = new Client({ connectionString: ctx.api.config.database.DATABASE_URL });
    await db.connect();
    await db.query('CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, country text NOT NULL)');
    await db.query(
      "INSERT INTO customers SELECT n, 'customer ' || n, CASE WHEN n % 2 = 0 THEN 'DE' ELSE 'FR' END FROM generate_series(1, 50) n",
    );
    await db.end();
  });
  afterAll(() => ctx?.api.close());

  it('runs a parameterised query with values from expressions and returns the rows; secrets stay out of step data', async () => {
    const definition = chain(
      query(credentialId, {
        sql: 'SELECT id, name FROM customers WHERE country = $1 AND id <= $2 ORDER BY id',
        parameters: ['trigger.body.country', 'trigger.body.upTo'],
      }),
    );
    const execution = await runOnce(ctx.server, ctx.auth, definition, { country: 'DE', upTo: 6 });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.steps.find((s) => s.nodeId === 'q')!.output).toEqual({
      rows: [
        { id: 2, name: 'customer 2' },
        { id: 4, name: 'customer 4' },
        { id: 6, name: 'customer 6' },
      ],
      rowCount: 3,
      truncated: false,
      fields: ['id', 'name'],
    });
    expect(JSON.stringify(execution)).not.toContain(PASSWORD);
  });

  it('an SQL injection attempt through a parameter stays data', async () => {
    const definition = chain(
      query(credentialId, { sql: 'SELECT count(*)::int AS n FROM customers WHERE name = $1', parameters: ['trigger.body.name'] }),
    );
    const execution = await runOnce(ctx.server, ctx.auth, definition, { name: "x' OR '1'='1'; DROP TABLE customers; --" });
    expect(execution.status).toBe('SUCCEEDED');
    expect((execution.steps[1].output as { rows: unknown[] }).rows).toEqual([{ n: 0 }]);
    const count = await runOnce(ctx.server, ctx.auth, chain(query(credentialId, { sql: 'SELECT count(*)::int AS n FROM customers' })));
    expect((count.steps[1].output as { rows: unknown[] }).rows).toEqual([{ n: 50 }]);
  });

  it('returns at most maxRows rows and says it truncated', async () => {
    const execution = await runOnce(
      ctx.server,
      ctx.auth,
      chain(query(credentialId, { sql: 'SELECT id FROM customers ORDER BY id;', maxRows: 5 })),
    );
    const output = execution.steps[1].output as { rows: { id: number }[]; truncated: boolean; rowCount: number };
    expect(output.rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(output).toMatchObject({ rowCount: 5, truncated: true });
  });

  it('stops a statement at statementTimeoutMs', async () => {
    const started = Date.now();
    const execution = await runOnce(
      ctx.server,
      ctx.auth,
      chain(query(credentialId, { sql: 'SELECT pg_sleep(5)', statementTimeoutMs: 300 })),
    );
    expect(execution.status).toBe('FAILED');
    expect(execution.steps[1].error).toMatch(/statement timeout.*57014/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('is read-only by default and writes only with readOnly: false; a second statement is refused', async () => {
    const insert = { sql: "INSERT INTO customers VALUES ($1, 'new', 'IT') RETURNING id, country", parameters: ['1000'] };
    const refused = await runOnce(ctx.server, ctx.auth, chain(query(credentialId, insert)));
    expect(refused.status).toBe('FAILED');
    expect(refused.steps[1].error).toMatch(/read-only transaction.*25006/);
    const written = await runOnce(ctx.server, ctx.auth, chain(query(credentialId, { ...insert, readOnly: false })));
    expect(written.status).toBe('SUCCEEDED');
    expect(written.steps[1].output).toMatchObject({ rows: [{ id: 1000, country: 'IT' }], rowCount: 1 });
    const stacked = await runOnce(
      ctx.server,
      ctx.auth,
      chain(query(credentialId, { sql: 'SELECT 1; DELETE FROM customers', readOnly: false })),
    );
    expect(stacked.status).toBe('FAILED');
    expect(stacked.steps[1].error).toContain('cannot insert multiple commands');
  });

  it('refuses a loopback database host unless HTTP_NODE_ALLOWED_HOSTS allows it', async () => {
    const strict = await startApiWithUser();
    try {
      const id = await createPgCredential(strict, 'localhost');
      const execution = await runOnce(strict.server, strict.auth, chain(query(id, { sql: 'SELECT 1 AS one' })));
      expect(execution.status).toBe('FAILED');
      expect(execution.steps[1].error).toMatch(/localhost resolves to .*loopback.*HTTP_NODE_ALLOWED_HOSTS/);
    } finally {
      await strict.api.close();
    }
  });

  it('refuses on save, naming the node: templated SQL, a bad expression, a missing credential, limits out of range', async () => {
    const save = (params: object) =>
      request(ctx.server)
        .post('/workflows')
        .set(ctx.auth)
        .send({ name: 'bad-db', definition: chain({ id: 'lookup', type: 'db.query', params }) });
    const templated = await save({ credentialId, sql: "SELECT * FROM customers WHERE name = '{{ trigger.body.name }}'" }).expect(400);
    expect(JSON.stringify(templated.body)).toMatch(/lookup.*params.sql is never templated/);
    const badExpression = await save({ credentialId, sql: 'SELECT $1', parameters: ['trigger.body.('] }).expect(400);
    expect(JSON.stringify(badExpression.body)).toContain('lookup');
    const limits = await save({ credentialId, sql: 'SELECT 1', maxRows: 10_001, statementTimeoutMs: 60_001 }).expect(400);
    expect(JSON.stringify(limits.body)).toMatch(/lookup.*params.maxRows must be <= 10000/);
    expect(JSON.stringify(limits.body)).toContain('params.statementTimeoutMs must be <= 60000');
    const missing = await save({ sql: 'SELECT 1' }).expect(400);
    expect(JSON.stringify(missing.body)).toMatch(/lookup.*credentialId/);
  });

  it('is listed by GET /node-types with its schema, description and example', async () => {
    const res = await request(ctx.server).get('/node-types').set(ctx.auth).expect(200);
    const type = res.body.items.find((t: { type: string }) => t.type === 'db.query');
    expect(type.paramsSchema.required).toEqual(['credentialId', 'sql']);
    expect(type.description).toContain('never templated');
    expect(type.example.sql).toContain('$1');
    const { id } = await createWorkflow(ctx.server, ctx.auth, {
      name: 'example-db',
      definition: chain({ id: 'q', type: 'db.query', params: { ...type.example, credentialId } }),
    });
    expect(id).toBeDefined();
  });
});
