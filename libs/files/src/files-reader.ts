import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { FilesReaderPort, RunFile } from '@app/workflows';
import { FileStorage } from './storage/file-storage';

/** Workflow nodes' access to stored files (EnginePorts.files): only the run owner's, never a deleted one. */
@Injectable()
export class FilesReader implements FilesReaderPort {
  constructor(
    private readonly prisma: PrismaService,
    private readonly storage: FileStorage,
  ) {}

  async find(userId: string, fileId: string): Promise<RunFile | null> {
    const row = await this.prisma.fileUpload.findFirst({ where: { id: fileId, userId, deletedAt: null } });
    if (!row) return null;
    return {
      id: row.id,
      name: row.originalName,
      mimeType: row.mimeType,
      size: Number(row.sizeBytes),
      open: () => this.storage.read(row.storageKey),
    };
  }
}
