import { Command } from 'commander';
import { formatConfigOk, formatSetupGuide, generateSecrets, validateEnvironment } from '@app/config';

/** `config check` and `config secrets`: no Nest, no connections; they only read the environment. */
export function configCommand(): Command {
  const config = new Command('config').description('Check the environment or generate secrets');
  config
    .command('check')
    .description('Validate the environment with the same rules the apps apply at boot (exit 1 when refused)')
    .action(() => {
      const { problems } = validateEnvironment(process.env);
      const nodeEnv = process.env.NODE_ENV ?? 'development';
      if (problems.length) {
        process.stderr.write(`${formatSetupGuide(problems, nodeEnv)}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${formatConfigOk(nodeEnv)}\n`);
    });
  config
    .command('secrets')
    .description('Print freshly generated secure values for every secret (and a VAPID key pair for Web Push), as NAME=value lines')
    .action(() => {
      process.stdout.write(`${generateSecrets().join('\n')}\n`);
    });
  return config;
}
