import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { EnginePorts, EnginePortsModule } from '@app/workflows';
import { CredentialsResolver } from './credentials.resolver';
import { OAuth2TokenCache } from './run/oauth2-token.cache';
import { CredentialKeyring } from './vault/credential-keyring';
import { CredentialsRotationService } from './vault/credentials-rotation.service';
import { CredentialStore } from './vault/credential-store';

/** The vault without routes (API, worker and CLI); plugs its resolver into the engine (EnginePorts). */
@Module({
  imports: [DatabaseModule, EnginePortsModule],
  providers: [CredentialKeyring, CredentialStore, OAuth2TokenCache, CredentialsResolver, CredentialsRotationService],
  exports: [CredentialStore, CredentialsResolver, CredentialsRotationService],
})
export class CredentialsModule {
  constructor(ports: EnginePorts, resolver: CredentialsResolver) {
    ports.credentials = resolver;
  }
}
