import { Logger } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { HttpAuth, NodeFailure, ResolvedCredential, RunCredentials, RunOwner } from '@app/workflows';
import { CREDENTIAL_TYPES } from '../vault/credential-types';
import { CredentialStore } from '../vault/credential-store';
import { ClientCredentials, OAuth2TokenCache } from './oauth2-token.cache';
import { SecretRedactor } from './secret-redactor';

/** One run's access to the vault: owner-checked, audited, and remembering every secret it hands out. */
export class RunCredentialsSession implements RunCredentials {
  private readonly logger = new Logger(RunCredentialsSession.name);
  private readonly redactor = new SecretRedactor();

  constructor(
    private readonly owner: RunOwner,
    private readonly store: CredentialStore,
    private readonly prisma: PrismaService,
    private readonly oauth2: OAuth2TokenCache,
  ) {}

  async resolve(credentialId: string, expectedTypes: readonly string[]): Promise<ResolvedCredential> {
    const row = await this.store.findOwned(this.owner.userId, credentialId);
    if (!row) throw new NodeFailure(`credential ${credentialId} not found`, true);
    if (!expectedTypes.includes(row.type))
      throw new NodeFailure(`credential ${credentialId} is of type ${row.type}; expected ${expectedTypes.join(' or ')}`, true);
    let data: Record<string, unknown>;
    try {
      data = this.store.open(row);
    } catch (error) {
      this.logger.error({ credentialId, err: (error as Error).message }, 'credential cannot be decrypted');
      throw new NodeFailure(`credential ${credentialId} cannot be decrypted (see the server log)`, true);
    }
    this.redactor.add(...CREDENTIAL_TYPES[row.type].secrets.map((field) => data[field]));
    await this.audit(credentialId, row.type);
    return { id: row.id, name: row.name, type: row.type, data };
  }

  async httpAuth(credentialId: string): Promise<HttpAuth> {
    const { id, type, data } = await this.resolve(credentialId, Object.keys(HTTP_AUTH));
    const auth = await HTTP_AUTH[type](data as Record<string, string>, (d) => this.oauth2.token(id, d as unknown as ClientCredentials));
    this.redactor.add(
      ...Object.values(auth.headers),
      ...Object.values(auth.query),
      ...Object.values(auth.headers).map((v) => v.replace(/^\S+\s+/, '')),
    );
    return auth;
  }

  redact<T>(value: T): T {
    return this.redactor.redact(value);
  }

  /** Audited, not fatal: a lost audit row is logged rather than failing the user's run. */
  private async audit(credentialId: string, type: string): Promise<void> {
    const { userId, workflowId, executionId } = this.owner;
    try {
      await this.prisma.auditLog.create({
        data: {
          action: 'credential.used',
          userId,
          entityType: 'credential',
          entityId: credentialId,
          metadata: { type, workflowId, executionId },
        },
      });
    } catch (err) {
      this.logger.error({ err, credentialId }, 'credential use audit write failed');
    }
  }
}

type TokenOf = (data: Record<string, string>) => Promise<{ accessToken: string; tokenType: string }>;

const HTTP_AUTH: Record<string, (data: Record<string, string>, token: TokenOf) => Promise<HttpAuth> | HttpAuth> = {
  'http.header': (d) => ({ headers: { [d.name]: d.value }, query: {} }),
  'http.bearer': (d) => ({ headers: { authorization: `Bearer ${d.token}` }, query: {} }),
  'http.basic': (d) => ({
    headers: { authorization: `Basic ${Buffer.from(`${d.username}:${d.password}`).toString('base64')}` },
    query: {},
  }),
  'http.query': (d) => ({ headers: {}, query: { [d.name]: d.value } }),
  'oauth2.clientCredentials': async (d, token) => {
    const { accessToken, tokenType } = await token(d);
    return { headers: { authorization: `${tokenType} ${accessToken}` }, query: {} };
  },
};
