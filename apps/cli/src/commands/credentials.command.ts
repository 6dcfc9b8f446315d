import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@app/config';
import { CredentialsRotationService } from '@app/credentials';
import { CredentialsCliModule } from '../credentials-cli.module';

/** `credentials rotate`: after a new key is put first in CREDENTIALS_KEYS; then the old key can be dropped. */
export function credentialsCommand(): Command {
  const command = new Command('credentials').description('Credentials vault maintenance');
  command
    .command('rotate')
    .description('Re-encrypt every credential under the current (first) key of CREDENTIALS_KEYS')
    .action(async () => {
      const config = loadConfigOrExit();
      const app = await NestFactory.createApplicationContext(CredentialsCliModule.register(config), { bufferLogs: true });
      app.useLogger(app.get(Logger));
      try {
        const result = await app.get(CredentialsRotationService).rotate();
        console.log(`Credentials: ${result.rotated} re-encrypted, ${result.alreadyCurrent} already under key "${result.currentKeyId}"`);
      } finally {
        await app.close();
      }
    });
  return command;
}
