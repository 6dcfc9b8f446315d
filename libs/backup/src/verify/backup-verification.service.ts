import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { errorMessage } from '@app/common';
import { BackupEvents } from '../events/backup-events.service';
import { ArtifactEntry, readManifest } from '../manifest/backup-manifest';
import { BackupRecordsService } from '../records/backup-records.service';
import { BackupCatalog } from '../storage/backup-catalog.service';
import { ArtifactVerifier } from './artifact-verifier.service';

export interface VerificationReport {
  id: string;
  dir: string;
  artifacts: ArtifactEntry[];
  problems: string[];
}

/**
 * `backup verify <id>`: re-checks a stored backup (fetched from S3 when it is not local). A backup that
 * fails is marked FAILED in backup_records (so retention no longer counts it as the last good one)
 * and announced like a failed run.
 */
@Injectable()
export class BackupVerificationService {
  constructor(
    private readonly catalog: BackupCatalog,
    private readonly verifier: ArtifactVerifier,
    private readonly records: BackupRecordsService,
    private readonly events: BackupEvents,
  ) {}

  async verify(id: string): Promise<VerificationReport> {
    const dir = await this.catalog.locate(id);
    let report: VerificationReport;
    try {
      const manifest = await readManifest(dir);
      report = { id, dir, artifacts: manifest.artifacts, problems: await this.verifier.verify(dir, manifest) };
    } catch (error) {
      report = { id, dir, artifacts: [], problems: [`manifest.json: ${errorMessage(error)}`] };
    }
    if (report.problems.length === 0) {
      await this.records.markVerified(id);
      return report;
    }
    await this.records.markVerificationFailed(id, report.problems.join('; '));
    await this.events.emitVerificationFailed({ id, host: hostname(), problems: report.problems, at: new Date() });
    return report;
  }
}
