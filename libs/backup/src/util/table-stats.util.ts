import { Client } from 'pg';
import { quoteIdent } from './pg-url.util';

export interface TableRef {
  schema: string;
  name: string;
}

/** How a table is named in the manifest: bare in `public`, schema-qualified elsewhere. */
export function tableKey(table: TableRef): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}

export function parseTableKey(key: string): TableRef {
  const dot = key.indexOf('.');
  return dot === -1 ? { schema: 'public', name: key } : { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** Every user table (ordinary and partitioned) of the database, system schemas excluded. */
export async function listTables(client: Client): Promise<TableRef[]> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1, 2`,
  );
  return rows;
}

/** Exact row counts, in one round trip (inside whatever snapshot the client's transaction holds). */
export async function countRows(client: Client, tables: TableRef[]): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const sql = tables
    .map((table, index) => `SELECT ${index} AS i, count(*)::bigint AS n FROM ${quoteIdent(table.schema)}.${quoteIdent(table.name)}`)
    .join(' UNION ALL ');
  const { rows } = await client.query<{ i: number; n: string }>(sql);
  const counts: Record<string, number> = {};
  for (const row of rows.sort((a, b) => a.i - b.i)) counts[tableKey(tables[row.i])] = Number(row.n);
  return counts;
}

export async function connectPg(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined); // a dropped connection surfaces through the pending query
  await client.connect();
  return client;
}
