export { AuthModule } from './auth.module';
export { type AuthUser } from './auth-user';
export { API_KEY_SCOPES, ApiKeyScopeName } from './api-key-scope';
export { CurrentUser } from './current-user.decorator';
export { Roles, ROLES_KEY } from './roles.decorator';
export { ClientInfo } from './client-info.decorator';
export { ApiAuth } from './api-auth.decorator';
export { type AuthResult, AuthService, INVALID_LOGIN } from './auth.service';
export { UsersService } from './users.service';
export { ApiKeysService, type ApiKeyView, type CreatedApiKey } from './api-keys.service';
export { type AuditEvent, AuditService } from './audit.service';
export { AUTH_CACHE_TTL_MS, AuthCache, type CachedApiKey, type CachedUser } from './auth-cache.service';
export { Authenticator } from './authenticator.service';
export {
  PUBLIC_USER_SELECT,
  type PublicUser,
  USER_ADMIN_SELECT,
  USER_PROFILE_SELECT,
  type UserAdminView,
  type UserProfile,
} from './user-views';
export { API_KEY_PREFIX, hashApiKey } from './api-key.util';
export { API_KEY_HEADER } from './credentials.util';
