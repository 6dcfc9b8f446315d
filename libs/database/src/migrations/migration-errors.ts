export class MigrationModifiedError extends Error {
  constructor(
    readonly migration: string,
    applied: string,
    local: string,
  ) {
    super(
      `Migration "${migration}" was edited after it was applied (checksum in the database ${applied.slice(0, 12)}…, ` +
        `file ${local.slice(0, 12)}…). Applied migrations are immutable: restore the original migration.sql ` +
        `and put the change in a new migration folder.`,
    );
    this.name = 'MigrationModifiedError';
  }
}

export class MigrationFailedEarlierError extends Error {
  constructor(readonly migration: string) {
    super(
      `Migration "${migration}" started earlier but never finished (a row in _prisma_migrations without finished_at). ` +
        `Check the database, then mark it rolled back (UPDATE _prisma_migrations SET rolled_back_at = now() ` +
        `WHERE migration_name = '${migration}') and run the migrations again.`,
    );
    this.name = 'MigrationFailedEarlierError';
  }
}

export class MigrationApplyError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration "${migration}" failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationApplyError';
  }
}
