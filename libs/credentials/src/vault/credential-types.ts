import Ajv, { ValidateFunction } from 'ajv';

interface CredentialTypeSpec {
  /** JSON Schema of `data`. */
  schema: { type: 'object'; required: string[]; additionalProperties: false; properties: Record<string, object> };
  /** Fields never shown and redacted from run data (the others are settings such as a host or a header name). */
  secrets: string[];
}

const str = (maxLength = 2048) => ({ type: 'string', minLength: 1, maxLength });
const port = { type: 'integer', minimum: 1, maximum: 65535 };
const httpUrl = { type: 'string', pattern: '^https?://', maxLength: 2048 };
const headerName = { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$" };
const spec = (properties: Record<string, object>, required: string[], secrets: string[]): CredentialTypeSpec => ({
  schema: { type: 'object', required, additionalProperties: false, properties },
  secrets,
});

export const CREDENTIAL_TYPES: Record<string, CredentialTypeSpec> = {
  'http.header': spec({ name: headerName, value: str() }, ['name', 'value'], ['value']),
  'http.bearer': spec({ token: str() }, ['token'], ['token']),
  'http.basic': spec({ username: str(), password: str() }, ['username', 'password'], ['password']),
  'http.query': spec({ name: str(100), value: str() }, ['name', 'value'], ['value']),
  'oauth2.clientCredentials': spec(
    { tokenUrl: httpUrl, clientId: str(), clientSecret: str(), scope: { type: 'string', maxLength: 1000 } },
    ['tokenUrl', 'clientId', 'clientSecret'],
    ['clientSecret'],
  ),
  smtp: spec(
    { host: str(255), port, secure: { type: 'boolean' }, username: str(), password: str(), from: str(320) },
    ['host', 'port', 'secure', 'from'],
    ['password'],
  ),
  postgres: spec(
    { host: str(255), port, database: str(255), user: str(255), password: str(), ssl: { type: 'boolean' } },
    ['host', 'port', 'database', 'user', 'password', 'ssl'],
    ['password'],
  ),
};

export const CREDENTIAL_TYPE_NAMES = Object.keys(CREDENTIAL_TYPES);

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>(
  Object.entries(CREDENTIAL_TYPES).map(([type, { schema }]) => [type, ajv.compile(schema)]),
);

/** Problems of `data` for `type`, in words (never echoing a value). */
export function credentialDataProblems(type: string, data: unknown): string[] {
  const validate = validators.get(type)!;
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const field =
      e.params && 'additionalProperty' in e.params
        ? `data.${e.params.additionalProperty as string}`
        : `data${e.instancePath.replace(/\//g, '.')}`;
    const missing = e.params && 'missingProperty' in e.params ? ` (${e.params.missingProperty as string})` : '';
    return `${field} ${e.message}${missing}`;
  });
}
