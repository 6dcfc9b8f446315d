import '../../api/src/instrument';
import { Command } from 'commander';
import { backupCommand } from './commands/backup.command';
import { configCommand } from './commands/config.command';
import { migrateCommand } from './commands/migrate.command';
import { seedCommand } from './commands/seed.command';

const program = new Command('workflow-platform')
  .description('One-shot operator commands (they read the same validated configuration as the apps)')
  .showHelpAfterError()
  .addCommand(configCommand())
  .addCommand(migrateCommand())
  .addCommand(seedCommand())
  .addCommand(backupCommand());

program.parseAsync(process.argv).catch((error: Error) => {
  // Operator-facing: the message says what failed; a stack trace would only bury it.
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(1);
});
