import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface LocalMigration {
  name: string;
  path: string;
  sql: string;
  /** Prisma Migrate's rule: SHA-256 of the migration.sql bytes, lower-case hex. */
  checksum: string;
}

/** prisma/migrations of the project, found upwards from this file (works from src/ and from dist/). */
export function defaultMigrationsDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`No prisma/migrations folder above ${__dirname}`);
}

/** Migrations in Prisma Migrate's layout: <dir>/<timestamp>_<name>/migration.sql, in name order. */
export function readLocalMigrations(dir = defaultMigrationsDir()): LocalMigration[] {
  if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const path = join(dir, name, 'migration.sql');
      const bytes = readFileSync(path);
      return { name, path, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}
