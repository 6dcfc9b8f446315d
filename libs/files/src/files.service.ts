import { Injectable, NotFoundException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { afterCursor, CURSOR_ORDER, Page, PaginationQueryDto, toPage } from '@app/common';
import { FileUpload, PrismaService } from '@app/database';
import { ByteRange } from './byte-range';
import { FileView, toFileView } from './file.view';
import { FileStorage } from './storage/file-storage';

/** A user's stored files: metadata, content and deletion. Another user's file is a 404, never a 403. */
@Injectable()
export class FilesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly storage: FileStorage,
  ) {}

  async list(userId: string, query: PaginationQueryDto): Promise<Page<FileView>> {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.fileUpload.findMany({
      where: { userId, deletedAt: null, ...afterCursor(query.cursor) },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, toFileView);
  }

  async get(userId: string, id: string): Promise<FileView> {
    return toFileView(await this.find(userId, id));
  }

  /** A stream of a file's bytes (or of one range of them). */
  content(file: FileUpload, range?: ByteRange): Promise<Readable> {
    return this.storage.read(file.storageKey, range);
  }

  async find(userId: string, id: string): Promise<FileUpload> {
    const file = await this.prisma.fileUpload.findFirst({ where: { id, userId, deletedAt: null } });
    if (!file) throw new NotFoundException(`File ${id} not found`);
    return file;
  }

  async remove(userId: string, id: string): Promise<void> {
    const file = await this.find(userId, id);
    await this.prisma.fileUpload.update({ where: { id: file.id }, data: { deletedAt: new Date() } });
    await this.storage.remove(file.storageKey);
  }
}
