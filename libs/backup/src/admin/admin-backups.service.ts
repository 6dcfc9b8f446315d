import { ConflictException, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { errorMessage } from '@app/common';
import { BackupBusyError } from '../backup.errors';
import { BackupService } from '../backup.service';
import { BackupRunFailedError } from '../records/backup-reporter.service';
import { BackupRecordsService } from '../records/backup-records.service';
import { BackupVerificationService } from '../verify/backup-verification.service';
import { toBackupResponse } from './backup.mapper';

/** The admin routes' side of backups: history, "back up now" (under the cron's lock), verification. Restore stays in the CLI. */
@Injectable()
export class AdminBackupsService {
  private readonly logger = new Logger(AdminBackupsService.name);

  constructor(
    private readonly backups: BackupService,
    private readonly records: BackupRecordsService,
    private readonly verification: BackupVerificationService,
  ) {}

  async list(limit = 50) {
    return { items: (await this.records.list(limit)).map(toBackupResponse) };
  }

  /** Answers once the run lock is held; the run goes on in the background and ends in backup_records. */
  async start(): Promise<{ id: string; status: 'RUNNING' }> {
    let started;
    try {
      started = await this.backups.start('MANUAL');
    } catch (error) {
      if (error instanceof BackupBusyError) throw new ConflictException(error.message);
      if (error instanceof BackupRunFailedError) throw new ServiceUnavailableException(`Backup could not start: ${error.reason}`);
      throw error;
    }
    // Already recorded, logged and announced by the run; nothing is waiting for this promise.
    started.done.catch((error) => this.logger.debug({ backupId: started.id, err: errorMessage(error) }, 'Manual backup ended FAILED'));
    return { id: started.id, status: 'RUNNING' };
  }

  /** Re-checks the stored artifacts against the manifest (fetched from S3 when not local) and records the result. */
  async verify(id: string) {
    const record = await this.records.find(id);
    if (!record || record.deletedAt) throw new NotFoundException(`Backup ${id} not found${record ? ' (deleted by retention)' : ''}`);
    if (record.status === 'RUNNING') throw new ConflictException(`Backup ${id} is still running; verify it once it has finished`);
    if (!record.manifest) throw new ConflictException(`Backup ${id} failed before it was stored: there is nothing to verify`);
    let report;
    try {
      report = await this.verification.verify(id);
    } catch (error) {
      throw new NotFoundException(`Backup ${id} cannot be verified: ${errorMessage(error)}`);
    }
    return {
      id,
      status: report.problems.length ? ('FAILED' as const) : ('PASSED' as const),
      problems: report.problems,
      artifacts: report.artifacts,
      checkedAt: new Date(),
    };
  }
}
