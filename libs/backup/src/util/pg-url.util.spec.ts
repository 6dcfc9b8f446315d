import { databaseName, libpqEnv, maskUrl, sameDatabase, withDatabase } from './pg-url.util';

describe('database URLs for libpq tools', () => {
  it('become PG* variables, the password out of argv, Prisma-only parameters dropped, inherited PG* ignored', () => {
    const env = libpqEnv('postgresql://app:s%40cret@db.internal:6543/platform?schema=public&sslmode=require&connection_limit=5', {
      PATH: '/bin',
      PGDATABASE: 'other',
      PGSERVICE: 'x',
    });
    expect(env).toEqual({
      PATH: '/bin',
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGDATABASE: 'platform',
      PGUSER: 'app',
      PGPASSWORD: 's@cret',
      PGSSLMODE: 'require',
      PGCONNECT_TIMEOUT: '10',
    });
  });

  it('name the database, swap it, and mask the password', () => {
    const url = 'postgresql://app:pw@127.0.0.1:5432/platform';
    expect(databaseName(url)).toBe('platform');
    expect(withDatabase(url, 'postgres')).toBe('postgresql://app:pw@127.0.0.1:5432/postgres');
    expect(maskUrl(url)).toBe('postgresql://app:***@127.0.0.1:5432/platform');
  });

  it('recognise the live database whatever the loopback spelling or credentials', () => {
    expect(sameDatabase('postgresql://postgres@127.0.0.1:5432/platform', 'postgresql://app:pw@localhost/platform?schema=public')).toBe(
      true,
    );
    expect(sameDatabase('postgresql://postgres@127.0.0.1:5432/platform', 'postgresql://postgres@127.0.0.1:5432/platform_restore')).toBe(
      false,
    );
    expect(sameDatabase('postgresql://postgres@127.0.0.1:5433/platform', 'postgresql://postgres@127.0.0.1:5432/platform')).toBe(false);
  });
});
