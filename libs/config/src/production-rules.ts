import { AppConfig } from './app-config';
import { ConfigProblem } from './config-problem';
import { DEV_DATABASE_URL } from './env/database.env';
import { decodeKey, isLowEntropy, looksLikePlaceholder, MIN_SECRET_BYTES } from './secret-strength.util';

const GENERATE = 'Generate one with `npm run cli -- config secrets` and set it in the environment (or .env).';

/** Settings that have safe development defaults but must be given explicitly in production. */
/** Defaults published by earlier versions: an instance still using one must not start in production. */
const PUBLISHED_DEFAULTS = {
  JWT_SECRET: 'dev-only-jwt-secret-do-not-use-in-production-0123456789',
  ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
};

const REQUIRED_IN_PRODUCTION = ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'CORS_ORIGINS', 'PUBLIC_BASE_URL'] as const;

type Rule = (config: AppConfig, raw: Record<string, string | undefined>) => ConfigProblem[];

const requiredInProduction: Rule = (_config, raw) =>
  REQUIRED_IN_PRODUCTION.filter((name) => !raw[name]).map((variable) => ({
    variable,
    problem: 'is not set; production has no default for it',
    fix: `Set ${variable} explicitly (see .env.example).`,
  }));

const jwtSecret: Rule = ({ auth }, raw) => {
  if (!raw.JWT_SECRET) return [];
  const secret = auth.JWT_SECRET;
  const fix = GENERATE;
  if (secret === PUBLISHED_DEFAULTS.JWT_SECRET || looksLikePlaceholder(secret))
    return [{ variable: 'JWT_SECRET', problem: 'is an example or default value', fix }];
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES)
    return [{ variable: 'JWT_SECRET', problem: `is shorter than ${MIN_SECRET_BYTES} bytes (${Buffer.byteLength(secret)})`, fix }];
  if (isLowEntropy(secret))
    return [{ variable: 'JWT_SECRET', problem: 'has too little entropy (repeated or predictable characters)', fix }];
  return [];
};

const encryptionKey: Rule = ({ auth }, raw) => {
  if (!raw.ENCRYPTION_KEY) return [];
  const fix = `Use 32 random bytes as 64 hex characters. ${GENERATE}`;
  if (auth.ENCRYPTION_KEY.toLowerCase() === PUBLISHED_DEFAULTS.ENCRYPTION_KEY)
    return [{ variable: 'ENCRYPTION_KEY', problem: 'is a published development default', fix }];
  const key = decodeKey(auth.ENCRYPTION_KEY);
  if (!key || key.length !== 32)
    return [
      { variable: 'ENCRYPTION_KEY', problem: `must decode to exactly 32 bytes (got ${key ? key.length : 'an undecodable value'})`, fix },
    ];
  if (new Set(key).size < 8) return [{ variable: 'ENCRYPTION_KEY', problem: 'has too little entropy (repeated bytes)', fix }];
  return [];
};

const credentialsKeys: Rule = ({ auth }) => {
  const keys = (auth.CREDENTIALS_KEYS ?? '').split(',').map((entry) => entry.trim().split(':'));
  const ids = keys.map(([id]) => id);
  if (!auth.CREDENTIALS_KEYS)
    return [
      {
        variable: 'CREDENTIALS_KEYS',
        problem: 'is not set; production has no default for it',
        fix: `Set it to id:<64 hex chars>. ${GENERATE}`,
      },
    ];
  if (new Set(ids).size !== ids.length)
    return [{ variable: 'CREDENTIALS_KEYS', problem: 'repeats a key id', fix: 'Give every key its own id.' }];
  // A malformed entry is already reported by the format check (AuthEnv).
  if (keys.some(([, hex]) => /^[0-9a-fA-F]{64}$/.test(hex ?? '') && new Set(Buffer.from(hex, 'hex')).size < 8))
    return [{ variable: 'CREDENTIALS_KEYS', problem: 'has a key with too little entropy (repeated bytes)', fix: GENERATE }];
  return [];
};

const corsOrigins: Rule = ({ server }, raw) => {
  if (!raw.CORS_ORIGINS) return [];
  const problems: ConfigProblem[] = [];
  for (const origin of server.CORS_ORIGINS) {
    if (origin.includes('*'))
      problems.push({
        variable: 'CORS_ORIGINS',
        problem: `contains the wildcard "${origin}"`,
        fix: 'List the exact origins of your frontends, e.g. https://app.example.com.',
      });
    else if (!/^https:\/\/[^/]+$/.test(origin))
      problems.push({
        variable: 'CORS_ORIGINS',
        problem: `"${origin}" is not an https origin (scheme://host[:port], no path)`,
        fix: 'Use https origins such as https://app.example.com.',
      });
  }
  return problems;
};

function httpsOnly(variable: string, value: string | undefined, what: string): ConfigProblem[] {
  if (!value || value.startsWith('https://')) return [];
  return [{ variable, problem: `must use https (got ${value.split(':')[0]}://…)`, fix: `Point ${variable} at the ${what} over https.` }];
}

const transportSecurity: Rule = ({ server, observability, backup }) => [
  ...httpsOnly('PUBLIC_BASE_URL', server.PUBLIC_BASE_URL, 'public https address of the API'),
  ...httpsOnly('SENTRY_DSN', observability.SENTRY_DSN, 'Sentry DSN'),
  ...httpsOnly('SENTRY_WEB_DSN', observability.SENTRY_WEB_DSN, 'Sentry DSN of the web console'),
  ...httpsOnly('S3_ENDPOINT', backup.S3_ENDPOINT, 'S3 endpoint'),
  ...httpsOnly('SLACK_WEBHOOK_URL', backup.SLACK_WEBHOOK_URL, 'Slack incoming webhook'),
];

const databaseUrl: Rule = ({ database }, raw) => {
  if (!raw.DATABASE_URL) return [];
  if (database.DATABASE_URL === DEV_DATABASE_URL)
    return [
      {
        variable: 'DATABASE_URL',
        problem: 'is the development default (no password, local server)',
        fix: 'Use the production database URL with its own credentials.',
      },
    ];
  const password = safeUrl(database.DATABASE_URL)?.password ?? '';
  if (!password || ['postgres', 'password', 'changeme'].includes(decodeURIComponent(password)))
    return [
      {
        variable: 'DATABASE_URL',
        problem: 'has no password or a well-known one',
        fix: 'Give the database user a strong password and put it in DATABASE_URL.',
      },
    ];
  return [];
};

const s3Credentials: Rule = ({ backup }) => {
  if (!backup.S3_BUCKET) return [];
  const problems: ConfigProblem[] = [];
  for (const variable of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!backup[variable])
      problems.push({
        variable,
        problem: 'is required when S3_BUCKET is set',
        fix: `Set ${variable} to the credentials of the backup bucket.`,
      });
  }
  const secret = backup.S3_SECRET_ACCESS_KEY;
  if (secret && (looksLikePlaceholder(secret) || ['minioadmin', 'S3RVER'].includes(secret)))
    problems.push({
      variable: 'S3_SECRET_ACCESS_KEY',
      problem: 'is an example or default value',
      fix: 'Use the real secret key of the backup bucket.',
    });
  return problems;
};

const metricsToken: Rule = ({ observability }) => {
  const token = observability.METRICS_TOKEN;
  if (token === undefined || (token.length >= 16 && !looksLikePlaceholder(token))) return [];
  return [
    {
      variable: 'METRICS_TOKEN',
      problem: 'is shorter than 16 characters or an example value',
      fix: `Unset it (scrape without auth inside the cluster) or use a strong token. ${GENERATE}`,
    },
  ];
};

const throttling: Rule = ({ throttle }) =>
  throttle.THROTTLE_ENABLED
    ? []
    : [
        {
          variable: 'THROTTLE_ENABLED',
          problem: 'is false; rate limiting must stay on in production',
          fix: 'Remove THROTTLE_ENABLED or set it to true; raise THROTTLE_*_LIMIT instead.',
        },
      ];

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const RULES: Rule[] = [
  requiredInProduction,
  jwtSecret,
  encryptionKey,
  credentialsKeys,
  corsOrigins,
  transportSecurity,
  databaseUrl,
  s3Credentials,
  metricsToken,
  throttling,
];

/** Refusals for values that are acceptable in development but insecure in production. */
export function checkProductionRules(config: AppConfig, raw: Record<string, string | undefined>): ConfigProblem[] {
  if (!config.isProduction) return [];
  return RULES.flatMap((rule) => rule(config, raw));
}
