import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { defaultMigrationsDir, MigrationModifiedError, MigrationRunner, readLocalMigrations } from '@app/database';
import { createTestDatabase } from '../support/test-database';

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migration runner', () => {
  it('applies every migration to an empty database and records it as Prisma Migrate does', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const applied = await new MigrationRunner({ databaseUrl: db.url }).migrate();
      const local = readLocalMigrations();
      expect(applied).toEqual(local.map((m) => m.name));
      const rows = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number; id: string }>(
        db.url,
        'SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows).toHaveLength(local.length);
      for (const [i, row] of rows.entries()) {
        const bytes = readFileSync(join(defaultMigrationsDir(), row.migration_name, 'migration.sql'));
        expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(row.migration_name).toBe(local[i].name);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(await new MigrationRunner({ databaseUrl: db.url }).migrate()).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('applies each migration exactly once when several runners start together', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => new MigrationRunner({ databaseUrl: db.url }).migrate()));
      const total = results.flat();
      expect(total).toEqual(readLocalMigrations().map((m) => m.name));
      const rows = await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM _prisma_migrations');
      expect(Number(rows[0].n)).toBe(readLocalMigrations().length);
    } finally {
      await db.drop();
    }
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const db = await createTestDatabase({ migrate: false });
    const dir = mkdtempSync(join(tmpdir(), 'wp-migrations-'));
    try {
      cpSync(defaultMigrationsDir(), dir, { recursive: true });
      await new MigrationRunner({ databaseUrl: db.url, migrationsDir: dir }).migrate();
      const [first] = readLocalMigrations(dir);
      writeFileSync(first.path, `${first.sql}\n-- edited afterwards\n`);
      const edited = new MigrationRunner({ databaseUrl: db.url, migrationsDir: dir });
      await expect(edited.migrate()).rejects.toThrow(MigrationModifiedError);
      await expect(edited.migrate()).rejects.toThrow(/was edited after it was applied/);
      await expect(edited.status()).rejects.toThrow(MigrationModifiedError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it('rolls back a failing migration completely and records nothing', async () => {
    const db = await createTestDatabase({ migrate: false });
    const dir = mkdtempSync(join(tmpdir(), 'wp-migrations-'));
    try {
      cpSync(defaultMigrationsDir(), dir, { recursive: true });
      const bad = join(dir, '29990101000000_broken');
      cpSync(join(dir, readLocalMigrations(dir)[0].name), bad, { recursive: true });
      writeFileSync(join(bad, 'migration.sql'), 'CREATE TABLE "half_done" (id INT);\nSELECT * FROM "no_such_table";\n');
      await expect(new MigrationRunner({ databaseUrl: db.url, migrationsDir: dir }).migrate()).rejects.toThrow(
        /29990101000000_broken.*rolled back/,
      );
      const rows = await query<{ migration_name: string }>(db.url, 'SELECT migration_name FROM _prisma_migrations');
      expect(rows.map((r) => r.migration_name)).not.toContain('29990101000000_broken');
      expect(await query(db.url, `SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
