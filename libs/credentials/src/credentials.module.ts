import { Global, Module } from '@nestjs/common';
import { CREDENTIALS_RESOLVER } from '@app/workflows';
import { CredentialsResolver } from './credentials.resolver';
import { OAuth2TokenCache } from './run/oauth2-token.cache';
import { CredentialKeyring } from './vault/credential-keyring';
import { CredentialsRotationService } from './vault/credentials-rotation.service';
import { CredentialStore } from './vault/credential-store';

/**
 * The vault without routes (API, worker and CLI). Global so the engine in libs/workflows can inject
 * CREDENTIALS_RESOLVER without importing this lib, which depends on it.
 */
@Global()
@Module({
  providers: [
    CredentialKeyring,
    CredentialStore,
    OAuth2TokenCache,
    CredentialsResolver,
    CredentialsRotationService,
    { provide: CREDENTIALS_RESOLVER, useExisting: CredentialsResolver },
  ],
  exports: [CredentialStore, CredentialsResolver, CredentialsRotationService, CREDENTIALS_RESOLVER],
})
export class CredentialsModule {}
