import '../../api/src/instrument';
import { Command } from 'commander';
import { backupCommand } from './commands/backup.command';
import { configCommand } from './commands/config.command';
import { credentialsCommand } from './commands/credentials.command';
import { migrateCommand } from './commands/migrate.command';
import { seedCommand } from './commands/seed.command';

// Commands print their own results; their logs are for warnings and errors unless LOG_LEVEL asks for
// more (set after instrument has read .env, so a LOG_LEVEL there still counts).
process.env.LOG_LEVEL ??= 'warn';

const program = new Command('workflow-platform')
  .description('One-shot operator commands (they read the same validated configuration as the apps)')
  .showHelpAfterError()
  .addCommand(configCommand())
  .addCommand(migrateCommand())
  .addCommand(seedCommand())
  .addCommand(backupCommand())
  .addCommand(credentialsCommand());

program.parseAsync(process.argv).catch((error: Error) => {
  // Operator-facing: the message says what failed; a stack trace would only bury it.
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(1);
});
