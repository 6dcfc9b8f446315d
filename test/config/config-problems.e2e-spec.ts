import { AppProcess } from '../support/processes';
import { testRawEnv } from '../support/test-config';

describe('configuration problems (cli config check, a real process)', () => {
  it('a bad number is reported once, with the range it must be in', async () => {
    const cli = AppProcess.spawn('cli', testRawEnv({ PORT: 'abc' }), ['config', 'check']);
    expect(await cli.exited).toBe(1);
    expect(cli.log.match(/PORT must/g)).toHaveLength(1);
    expect(cli.log).toContain('PORT must be a whole number from 0 to 65535');
    expect(cli.log).toContain('1 problem.');
  });

  it('production needs PUBLIC_BASE_URL, over https', async () => {
    const unset = AppProcess.spawn('cli', testRawEnv({ NODE_ENV: 'production' }), ['config', 'check']);
    expect(await unset.exited).toBe(1);
    expect(unset.log).toContain('PUBLIC_BASE_URL is not set');
    const plain = AppProcess.spawn('cli', testRawEnv({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://workflows.example.com' }), [
      'config',
      'check',
    ]);
    expect(await plain.exited).toBe(1);
    expect(plain.log).toContain('PUBLIC_BASE_URL must use https');
  });
});
