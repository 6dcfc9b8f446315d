import { generateSecrets } from '@app/config';
import { waitStarted } from '../support/process-api';
import { AppProcess, freePort, waitFor } from '../support/processes';
import { testRawEnv } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';

const secrets = Object.fromEntries(generateSecrets().map((line) => line.split(/=(.*)/s).slice(0, 2)));

/** The compiled API as `npm start` runs it: idle after start, it gives back the heap its boot grew. */
describe('start-up heap trim (real process)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db?.drop());

  it('trims once the process is idle, and its resident memory drops', async () => {
    const port = await freePort();
    const api = AppProcess.spawn(
      'api',
      testRawEnv({
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_KEY_PREFIX: `wp-heap-trim-${port}:`,
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        ...secrets,
      }),
    );
    try {
      await waitStarted(api, `http://127.0.0.1:${port}`, 'api');
      await waitFor('the trim logged', async () => api.log.includes('Start-up heap trimmed'), 15_000);
      const trimmed = api.log
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
        .find((entry) => entry.msg === 'Start-up heap trimmed');
      expect(trimmed).toMatchObject({ context: 'Startup', rssBeforeMb: expect.any(Number), rssAfterMb: expect.any(Number) });
      // The young generation alone gives back ~30 MB; less than 10 would mean the grown spaces were kept.
      expect(trimmed.rssBeforeMb - trimmed.rssAfterMb).toBeGreaterThan(10);
    } finally {
      api.signal('SIGTERM');
      await api.exited;
    }
  }, 60_000);
});
