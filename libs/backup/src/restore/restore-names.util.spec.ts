import { defaultRestoreDatabaseName, defaultRestoreUploadDir } from './restore-names.util';

describe('default restore targets', () => {
  it('sit beside the live database and uploads, named after the backup', () => {
    expect(defaultRestoreDatabaseName('workflow_platform', '2026-11-25T02-00-03-045Z')).toBe(
      'workflow_platform_restore_20261125t020003045z',
    );
    expect(defaultRestoreUploadDir('/data/uploads/', '2026-11-25T02-00-03-045Z')).toBe('/data/uploads-restore-2026-11-25T02-00-03-045Z');
  });

  it('fit PostgreSQL 63-character identifiers', () => {
    expect(defaultRestoreDatabaseName('x'.repeat(80), '2026-11-25T02-00-03-045Z')).toHaveLength(63);
  });
});
