import { Injectable } from '@nestjs/common';
import { Credential, PrismaService } from '@app/database';
import { CredentialKeyring } from './credential-keyring';

export type CredentialData = Record<string, unknown>;

/** Reads and writes credential rows, sealing `data` on the way in and opening it on the way out. */
@Injectable()
export class CredentialStore {
  constructor(
    private readonly prisma: PrismaService,
    private readonly keyring: CredentialKeyring,
  ) {}

  /** The user's credential, or null (someone else's is indistinguishable from a missing one). */
  findOwned(userId: string, id: string): Promise<Credential | null> {
    return this.prisma.credential.findFirst({ where: { id, userId } });
  }

  open(row: Credential): CredentialData {
    return JSON.parse(this.keyring.open(row.encryptedData)) as CredentialData;
  }

  seal(data: CredentialData): string {
    return this.keyring.seal(JSON.stringify(data));
  }
}
