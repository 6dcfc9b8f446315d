import { backupIdFor, backupTime, isBackupId } from './backup-id.util';

describe('backup ids', () => {
  it('name a backup by its UTC start time, safe as a folder and S3 key, and parse back', () => {
    const at = new Date('2026-11-25T02:00:03.045Z');
    expect(backupIdFor(at)).toBe('2026-11-25T02-00-03-045Z');
    expect(backupTime(backupIdFor(at))).toEqual(at);
  });

  it('sort as text in time order', () => {
    const ids = [new Date('2027-01-01T00:00:00Z'), new Date('2026-12-31T23:59:59.999Z'), new Date('2026-02-01T00:00:00Z')].map(backupIdFor);
    expect([...ids].sort()).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('reject anything else (retention never touches what it cannot name)', () => {
    for (const name of ['2026-11-25T02-00-03-045Z.partial', 'backups', '2026-13-45T99-00-00-000Z', '../2026-11-25T02-00-03-045Z', ''])
      expect(isBackupId(name)).toBe(false);
  });
});
