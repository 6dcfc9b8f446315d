import request from 'supertest';
import { WebhookRegistry } from '../../libs/webhooks/src/webhook-registry.service';
import { parseExposition, total } from '../metrics/exposition';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { activate, createWorkflow, eventually } from '../support/workflows';

describe('webhook registry (the cache of active webhooks by path)', () => {
  let setup: ApiWithUser;

  beforeAll(async () => (setup = await startApiWithUser()));
  afterAll(() => setup?.api.close());

  const lookups = async (result: 'hit' | 'miss') =>
    total(parseExposition((await request(setup.server).get('/metrics')).text), 'cache_operations_total', {
      operation: 'webhook_lookup',
      result,
    });

  it('requests that arrive together while a path is not cached share one load', async () => {
    const { server, auth } = setup;
    const { id } = await createWorkflow(server, auth, {
      name: 'registry',
      definition: { nodes: [{ id: 'hook', type: 'trigger.webhook', params: { path: 'registry-burst' } }], edges: [] },
    });
    await activate(server, auth, id); // activation forgets the path on this replica
    const [missesBefore, hitsBefore] = [await lookups('miss'), await lookups('hit')];
    // The load is held until all 30 requests have asked for the path, however slowly they arrive.
    const registry = setup.api.app.get(WebhookRegistry);
    const lookup = jest.spyOn(registry, 'lookup');
    const loadOf = registry as unknown as { load: (path: string) => Promise<unknown> };
    const realLoad = loadOf.load.bind(registry);
    let letLoad!: () => void;
    const held = new Promise<void>((resolve) => (letLoad = resolve));
    const load = jest.spyOn(loadOf, 'load').mockImplementation(async (path) => held.then(() => realLoad(path)));
    try {
      const answered = Promise.all(Array.from({ length: 30 }, () => request(server).post('/webhook/registry-burst').send({})));
      await eventually('30 lookups', () => lookup.mock.calls.filter(([path]) => path === 'registry-burst').length === 30);
      letLoad();
      const answers = await answered;
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      lookup.mockRestore();
      load.mockRestore();
    }
    expect((await lookups('miss')) - missesBefore).toBe(1);
    expect((await lookups('hit')) - hitsBefore).toBe(29);
  });

  it('unknown paths are remembered (as unknown) up to a bound: random paths cannot grow the cache without end', async () => {
    const registry = setup.api.app.get(WebhookRegistry);
    const cache = (registry as unknown as { cache: Map<string, unknown> }).cache;
    // The database is not what this checks: every load answers "no such webhook" at once.
    const load = jest.spyOn(registry as unknown as { load: () => Promise<null> }, 'load').mockResolvedValue(null);
    try {
      for (let i = 0; i < 10_050; i++) expect(await registry.lookup(`no-such-path-${i}`)).toBeNull();
      expect(load).toHaveBeenCalledTimes(10_050);
      expect(cache.size).toBeLessThanOrEqual(10_000);
      expect(await registry.lookup('no-such-path-10049')).toBeNull();
      expect(load).toHaveBeenCalledTimes(10_050); // the newest is still cached
    } finally {
      load.mockRestore();
    }
  });
});
