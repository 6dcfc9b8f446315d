import { ApiKeyScope } from '@app/database';

/** API key scopes as the API names them; each one allows everything the ones before it allow. */
export const API_KEY_SCOPES = ['read-only', 'run-only', 'full'] as const;
export type ApiKeyScopeName = (typeof API_KEY_SCOPES)[number];

const TO_DB: Record<ApiKeyScopeName, ApiKeyScope> = { 'read-only': 'READ_ONLY', 'run-only': 'RUN_ONLY', full: 'FULL' };

export const scopeToDb = (scope: ApiKeyScopeName): ApiKeyScope => TO_DB[scope];

export function scopeFromDb(scope: ApiKeyScope): ApiKeyScopeName {
  return API_KEY_SCOPES.find((name) => TO_DB[name] === scope)!;
}

/** True when a key of scope `held` may do everything a key of scope `wanted` may do. */
export const scopeCovers = (held: ApiKeyScopeName, wanted: ApiKeyScopeName): boolean =>
  API_KEY_SCOPES.indexOf(held) >= API_KEY_SCOPES.indexOf(wanted);
