/**
 * What the engine needs from the credentials vault. The vault (libs/credentials) depends on this lib, so
 * the engine cannot import it: the vault plugs its resolver into EnginePorts.
 */

/** Whose run this is: the owner check and the usage audit need all three. */
export interface RunOwner {
  userId: string;
  workflowId: string | null;
  executionId: string | null;
}

export interface ResolvedCredential {
  id: string;
  name: string;
  type: string;
  data: Record<string, unknown>;
}

/** Where a request's authentication goes: merged into the node's headers and query string. */
export interface HttpAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** A credential reference in a definition: node `nodeId` uses `credentialId`, which must be one of `types`. */
export interface CredentialReference {
  nodeId: string;
  credentialId: string;
  types: readonly string[];
}

/** One run's view of the vault: every value it resolves is remembered so `redact` can hide it. */
export interface RunCredentials {
  /** The decrypted credential after the owner and type checks (a permanent NodeFailure otherwise); audited. */
  resolve(credentialId: string, expectedTypes: readonly string[]): Promise<ResolvedCredential>;
  /** Headers / query parameters for an http.* or oauth2.* credential (OAuth2 tokens fetched and cached). */
  httpAuth(credentialId: string): Promise<HttpAuth>;
  /** A deep copy of `value` with every secret resolved in this run replaced by `***`. */
  redact<T>(value: T): T;
}

export interface CredentialsResolverPort {
  forRun(owner: RunOwner): RunCredentials;
  /** Save-time check: a problem per reference to a credential the user does not own or of the wrong type. */
  referenceProblems(userId: string, references: CredentialReference[]): Promise<string[]>;
}

export const HTTP_CREDENTIAL_TYPES = ['http.header', 'http.bearer', 'http.basic', 'http.query', 'oauth2.clientCredentials'] as const;
