import { Module } from '@nestjs/common';
import { MigrationStatusService } from './migration-status.service';
import { PrismaService } from './prisma.service';
import { SqlPool } from './sql-pool.service';

@Module({ providers: [PrismaService, MigrationStatusService, SqlPool], exports: [PrismaService, MigrationStatusService, SqlPool] })
export class DatabaseModule {}
