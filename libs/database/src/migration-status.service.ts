import { Injectable } from '@nestjs/common';
import { LocalMigration, readLocalMigrations } from './migrations/local-migrations';
import { PrismaService } from './prisma.service';

export interface SchemaState {
  upToDate: boolean;
  pending: string[];
  modified: string[];
}

/** Answers "is the schema up to date?" for readiness and startup probes, over the Prisma pool. */
@Injectable()
export class MigrationStatusService {
  private readonly local: LocalMigration[] = readLocalMigrations();

  constructor(private readonly prisma: PrismaService) {}

  async state(): Promise<SchemaState> {
    const rows = await this.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const pending = this.local.filter((m) => !applied.has(m.name)).map((m) => m.name);
    const modified = this.local.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name);
    return { upToDate: pending.length === 0 && modified.length === 0, pending, modified };
  }
}
