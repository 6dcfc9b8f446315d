import request from 'supertest';
import { startTestApi, TestApi } from '../support/test-app';

describe('health probes (real PostgreSQL and Redis)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  const http = () => request(api.app.getHttpServer());

  it('GET /health reports status, version and uptime', async () => {
    const { body } = await http().get('/health').expect(200);
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });

  it('GET /health/live answers without touching dependencies', () => http().get('/health/live').expect(200));

  it('GET /health/ready checks PostgreSQL, Redis and migrations', async () => {
    const { body } = await http().get('/health/ready').expect(200);
    expect(body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
      lifecycle: { status: 'up' },
    });
  });

  it('GET /health/startup is 200 once config, migrations, queue and schedules are ready', async () => {
    const { body } = await http().get('/health/startup').expect(200);
    expect(body.steps).toEqual({ config: true, migrations: true, queue: true, schedules: true });
  });

  it('serves the OpenAPI document and UI', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    expect(body.paths['/health/ready']).toBeDefined();
    await http().get('/docs').expect(200);
  });

  it('answers unknown routes with a JSON 404 and a request id', async () => {
    const res = await http().get('/no-such-route').set('X-Request-Id', 'trace-42').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
    expect(res.headers['x-request-id']).toBe('trace-42');
  });

  it('answers malformed JSON with a 400 JSON body, not a 500', async () => {
    const res = await http().post('/health').set('Content-Type', 'application/json').send('{"broken":');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ statusCode: res.status, error: expect.any(String), message: expect.anything() });
  });
});
