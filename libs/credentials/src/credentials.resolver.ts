import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { CredentialReference, CredentialsResolverPort, RunCredentials, RunOwner } from '@app/workflows';
import { OAuth2TokenCache } from './run/oauth2-token.cache';
import { RunCredentialsSession } from './run/run-credentials.session';
import { CredentialStore } from './vault/credential-store';

/**
 * What other libs use: `forRun(owner).resolve(credentialId, ['smtp'])` gives a node the decrypted data
 * after the owner check, and `.redact(value)` hides every value resolved so far in that run.
 */
@Injectable()
export class CredentialsResolver implements CredentialsResolverPort {
  constructor(
    private readonly store: CredentialStore,
    private readonly prisma: PrismaService,
    private readonly oauth2: OAuth2TokenCache,
  ) {}

  forRun(owner: RunOwner): RunCredentials {
    return new RunCredentialsSession(owner, this.store, this.prisma, this.oauth2);
  }

  async referenceProblems(userId: string, references: CredentialReference[]): Promise<string[]> {
    const ids = [...new Set(references.map((r) => r.credentialId))];
    const rows = await this.prisma.credential.findMany({ where: { userId, id: { in: ids } }, select: { id: true, type: true } });
    const typeOf = new Map(rows.map((r) => [r.id, r.type]));
    return references.flatMap(({ nodeId, credentialId, types }) => {
      const type = typeOf.get(credentialId);
      if (!type) return [`node "${nodeId}": credential ${credentialId} not found`];
      return types.includes(type)
        ? []
        : [`node "${nodeId}": credential ${credentialId} is of type ${type}; this node takes ${types.join(', ')}`];
    });
  }
}
