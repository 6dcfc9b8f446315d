/**
 * DATABASE_URL is a Prisma/node-postgres URL; pg_dump and psql get it as libpq environment variables
 * instead, so the password never shows in `ps` and Prisma-only parameters (?schema=, ?connection_limit=)
 * cannot make libpq refuse the URL.
 */
const LIBPQ_PARAMS: Record<string, string> = {
  host: 'PGHOST',
  port: 'PGPORT',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  application_name: 'PGAPPNAME',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  options: 'PGOPTIONS',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/** The environment for a libpq tool connecting to `url`; inherited PG* variables are dropped. */
export function libpqEnv(url: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(base).filter(([name]) => !name.startsWith('PG')));
  env.PGHOST = parsed.hostname.replace(/^\[|\]$/g, '') || 'localhost';
  env.PGPORT = parsed.port || '5432';
  env.PGDATABASE = databaseName(url);
  env.PGCONNECT_TIMEOUT = '10';
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  for (const [param, value] of parsed.searchParams) if (LIBPQ_PARAMS[param]) env[LIBPQ_PARAMS[param]] = value;
  return env;
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error('the database URL names no database');
  return name;
}

/** The same server and credentials, another database (e.g. the maintenance database `postgres`). */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** Whether two URLs point at the same database (host, port and name; loopback spellings are equal). */
export function sameDatabase(a: string, b: string): boolean {
  const key = (url: string) => {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? parsed.hostname.toLowerCase();
    return [LOOPBACK.has(host) ? 'loopback' : host, parsed.port || '5432', databaseName(url)].join('|');
  };
  return key(a) === key(b);
}

/** For messages and reports: the URL without its password. */
export function maskUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
