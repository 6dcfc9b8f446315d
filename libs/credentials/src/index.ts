export { CredentialsModule } from './credentials.module';
export { CredentialsHttpModule } from './credentials-http.module';
export { CredentialsResolver } from './credentials.resolver';
export { CredentialsRotationService, type RotationResult } from './vault/credentials-rotation.service';
export { CREDENTIAL_TYPE_NAMES, CREDENTIAL_TYPES } from './vault/credential-types';
export { REDACTED, SecretRedactor } from './run/secret-redactor';
export { CreateCredentialDto } from './dto/create-credential.dto';
export { UpdateCredentialDto } from './dto/update-credential.dto';
