import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { CredentialKeyring } from './credential-keyring';

export interface RotationResult {
  currentKeyId: string;
  rotated: number;
  alreadyCurrent: number;
}

const BATCH = 200;

/** `cli credentials rotate`: re-seals every credential not yet under the current key. */
@Injectable()
export class CredentialsRotationService {
  private readonly logger = new Logger(CredentialsRotationService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly keyring: CredentialKeyring,
  ) {}

  async rotate(): Promise<RotationResult> {
    const current = this.keyring.currentKeyId;
    let rotated = 0;
    let alreadyCurrent = 0;
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.prisma.credential.findMany({
        orderBy: { id: 'asc' },
        take: BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: { id: true, encryptedData: true },
      });
      if (!rows.length) break;
      cursor = rows[rows.length - 1].id;
      for (const row of rows) {
        if (this.keyring.keyIdOf(row.encryptedData) === current) {
          alreadyCurrent++;
          continue;
        }
        const resealed = this.keyring.seal(this.keyring.open(row.encryptedData));
        // Conditional on the old ciphertext: a concurrent PATCH (already under the current key) is kept.
        const { count } = await this.prisma.credential.updateMany({
          where: { id: row.id, encryptedData: row.encryptedData },
          data: { encryptedData: resealed },
        });
        rotated += count;
      }
    }
    this.logger.log({ currentKeyId: current, rotated, alreadyCurrent }, 'credentials re-encrypted under the current key');
    return { currentKeyId: current, rotated, alreadyCurrent };
  }
}
