import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { CronExpressionParser } from 'cron-parser';
import { AppConfig } from '@app/config';
import { BACKUP_CRON_JOB, SCHEDULE_SLOT_KEY } from '../backup.constants';
import { errorMessage } from '@app/common';
import { BackupBusyError } from '../backup.errors';
import { BackupService } from '../backup.service';
import { RedisLockService } from '../lock/redis-lock.service';

/** Replicas whose clocks agree within this much name the same slot for one cron tick. */
const CLOCK_TOLERANCE_MS = 1_000;
/** A claimed slot outlives any clock skew between replicas, then expires on its own. */
const SLOT_CLAIM_TTL_MS = 6 * 3_600_000;

export type ScheduledOutcome = 'disabled' | 'skipped' | 'ran' | 'failed';

/**
 * The nightly backup inside the API: a CronJob on BACKUP_CRON (UTC) registered in SchedulerRegistry
 * (a @Cron decorator cannot read the configuration at run time). Every replica ticks; the first to
 * claim the tick's slot in Redis runs the backup, the others skip — one backup per tick, not one per
 * replica. Without ScheduleModule (the CLI) nothing is scheduled.
 */
@Injectable()
export class BackupScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BackupScheduler.name);

  constructor(
    private readonly config: AppConfig,
    private readonly backups: BackupService,
    private readonly locks: RedisLockService,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const { BACKUP_ENABLED, BACKUP_CRON } = this.config.backup;
    if (!this.registry || !BACKUP_ENABLED) return;
    let job: CronJob;
    try {
      job = CronJob.from({ cronTime: BACKUP_CRON, onTick: () => void this.runScheduled(), timeZone: 'UTC', start: false });
    } catch (error) {
      throw new Error(`BACKUP_CRON "${BACKUP_CRON}" is not a valid cron expression: ${errorMessage(error)}`);
    }
    this.registry.addCronJob(BACKUP_CRON_JOB, job);
    job.start();
    this.logger.log({ cron: BACKUP_CRON, next: job.nextDate().toISO() }, 'Scheduled backups enabled (UTC)');
  }

  onModuleDestroy(): void {
    if (!this.registry?.doesExist('cron', BACKUP_CRON_JOB)) return;
    this.registry.getCronJob(BACKUP_CRON_JOB).stop();
    this.registry.deleteCronJob(BACKUP_CRON_JOB);
  }

  /** The cron handler; `now` is the tick time (tests pass it to fire two replicas "at the same moment"). */
  async runScheduled(now = new Date()): Promise<ScheduledOutcome> {
    if (!this.config.backup.BACKUP_ENABLED) return 'disabled';
    const slot = this.slotOf(now);
    try {
      if (!(await this.locks.claim(`${SCHEDULE_SLOT_KEY}${slot}`, SLOT_CLAIM_TTL_MS))) {
        this.logger.log({ slot }, 'Scheduled backup taken by another replica; skipping');
        return 'skipped';
      }
    } catch (error) {
      // Redis down: go ahead. The run fails at its lock with the cause and alerts, which beats silence.
      this.logger.warn({ slot, err: errorMessage(error) }, 'Could not claim the scheduled backup slot');
    }
    try {
      await this.backups.run('SCHEDULED');
      return 'ran';
    } catch (error) {
      if (error instanceof BackupBusyError) {
        this.logger.warn({ slot }, 'Scheduled backup skipped: another backup is still running');
        return 'skipped';
      }
      return 'failed'; // already recorded, logged and notified by the run
    }
  }

  /** The nominal time of the tick being handled, identical on every replica. */
  private slotOf(now: Date): string {
    const expression = CronExpressionParser.parse(this.config.backup.BACKUP_CRON, {
      currentDate: new Date(now.getTime() + CLOCK_TOLERANCE_MS),
      tz: 'UTC',
    });
    return expression.prev().toDate().toISOString();
  }
}
