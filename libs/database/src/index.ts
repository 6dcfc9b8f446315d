export { DatabaseModule } from './database.module';
export { PrismaService, type QueryObserver } from './prisma.service';
export { MigrationStatusService, type SchemaState } from './migration-status.service';
export { MIGRATION_LOCK_KEY, MigrationRunner, type MigrationRunnerOptions, type MigrationStatus } from './migrations/migration-runner';
export { MigrationApplyError, MigrationFailedEarlierError, MigrationModifiedError } from './migrations/migration-errors';
export { ensureDatabaseExists } from './migrations/ensure-database';
export { defaultMigrationsDir, type LocalMigration, readLocalMigrations } from './migrations/local-migrations';
export {
  $Enums,
  AlertComparator,
  AlertMetric,
  type AlertRule,
  type ApiKey,
  ApiKeyScope,
  type AuditLog,
  type BackupRecord,
  BackupStatus,
  BackupTrigger,
  type Credential,
  type Execution,
  ExecutionStatus,
  type ExecutionStep,
  type FileUpload,
  HttpMethod,
  type Notification,
  type NotificationChannel,
  NotificationChannelType,
  NotificationEvent,
  NotificationStatus,
  type NotificationSubscription,
  type PerformanceSnapshot,
  type PushSubscription,
  Prisma,
  PrismaClient,
  type Schedule,
  StepStatus,
  TriggerType,
  type User,
  UserRole,
  UserTier,
  type Webhook,
  WebhookMode,
  type Workflow,
  WorkflowStatus,
  type WorkflowVersion,
} from './generated/prisma/client';
export { prepareDatabase } from './prepare-database';
export { isRecordNotFound, isUniqueViolation } from './prisma-errors';
export { SqlPool } from './sql-pool.service';
