import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Credential, isUniqueViolation, PrismaService } from '@app/database';
import { CredentialUsageService } from './credential-usage.service';
import { CreateCredentialDto } from './dto/create-credential.dto';
import { UpdateCredentialDto } from './dto/update-credential.dto';
import { CredentialData, CredentialStore } from './vault/credential-store';
import { credentialDataProblems } from './vault/credential-types';

/** What answers carry: metadata and the names of the fields that are set, never a value. */
function toView(row: Credential, data: CredentialData) {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    fields: Object.keys(data)
      .filter((k) => data[k] !== undefined && data[k] !== null)
      .sort(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly store: CredentialStore,
    private readonly usage: CredentialUsageService,
  ) {}

  async create(userId: string, dto: CreateCredentialDto) {
    this.check(dto.type, dto.data);
    const row = await this.unique(dto.name, () =>
      this.prisma.credential.create({ data: { userId, name: dto.name, type: dto.type, encryptedData: this.store.seal(dto.data) } }),
    );
    return toView(row, dto.data);
  }

  async list(userId: string) {
    const rows = await this.prisma.credential.findMany({ where: { userId }, orderBy: { name: 'asc' } });
    return rows.map((row) => toView(row, this.readable(row)));
  }

  async get(userId: string, id: string) {
    const row = await this.owned(userId, id);
    return toView(row, this.readable(row));
  }

  async update(userId: string, id: string, dto: UpdateCredentialDto) {
    const row = await this.owned(userId, id);
    let data = this.store.open(row);
    if (dto.data) {
      data = Object.fromEntries(Object.entries({ ...data, ...dto.data }).filter(([, v]) => v !== null));
      this.check(row.type, data);
    }
    const updated = await this.unique(dto.name ?? row.name, () =>
      this.prisma.credential.update({
        where: { id },
        data: { name: dto.name, ...(dto.data ? { encryptedData: this.store.seal(data) } : {}) },
      }),
    );
    return toView(updated, data);
  }

  async remove(userId: string, id: string): Promise<void> {
    await this.owned(userId, id);
    const active = (await this.usage.referencingWorkflows(userId, id)).filter((w) => w.active);
    if (active.length)
      throw new ConflictException({
        message: `Credential ${id} is used by active workflows: ${active.map((w) => `"${w.name}" (${w.id})`).join(', ')}; deactivate them or remove the reference first`,
        error: 'Conflict',
        workflows: active,
      });
    await this.prisma.credential.delete({ where: { id } });
  }

  async usageOf(userId: string, id: string) {
    await this.owned(userId, id);
    const [workflows, recentUses] = await Promise.all([this.usage.referencingWorkflows(userId, id), this.usage.recentUses(userId, id)]);
    return { workflows, recentUses };
  }

  private async owned(userId: string, id: string): Promise<Credential> {
    const row = await this.store.findOwned(userId, id);
    if (!row) throw new NotFoundException(`Credential ${id} not found`);
    return row;
  }

  /** A row sealed with a key no longer configured still lists (without fields) rather than failing the list. */
  private readable(row: Credential): CredentialData {
    try {
      return this.store.open(row);
    } catch (error) {
      this.logger.error({ credentialId: row.id, err: (error as Error).message }, 'credential cannot be decrypted');
      return {};
    }
  }

  private check(type: string, data: CredentialData): void {
    const problems = credentialDataProblems(type, data);
    if (problems.length) throw new BadRequestException({ message: problems, error: `Invalid ${type} credential` });
  }

  private async unique<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictException(`A credential named "${name}" already exists`);
      throw err;
    }
  }
}
