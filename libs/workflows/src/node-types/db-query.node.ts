import { Client, DatabaseError, QueryConfig } from 'pg';
import { SsrfGuard } from '@app/common';
import { guardedAddress } from './guarded-address';
import { NodeContext, NodeFailure, NodeResult, NodeType } from './node-type';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const CURSOR = 'wp_db_query_rows';
/** Statements a cursor can read row by row; anything else (INSERT ... RETURNING) runs as a plain statement. */
const CURSOR_STATEMENT = /^\s*(\(\s*)*(select|with|values|table)\b/i;
/** SQLSTATE classes a retry cannot fix: data, read-only transaction, auth, syntax or access rule. */
const PERMANENT_CLASSES = ['22', '25', '28', '42'];

interface DbQueryParams {
  credentialId: string;
  sql: string;
  parameters?: string[];
  readOnly?: boolean;
  statementTimeoutMs?: number;
  maxRows?: number;
}

interface PostgresCredential {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: boolean;
}

/**
 * A parameterised SQL statement on a postgres credential's database: the SQL text is never templated,
 * values go as bind parameters ($1, $2, …). One short-lived connection per run, to the address the SSRF
 * guard checked; rows are read through a cursor, so at most maxRows (+1 to tell truncation) leave the server.
 */
export class DbQueryNode implements NodeType {
  readonly type = 'db.query';
  readonly description =
    'Parameterised SQL on a postgres credential: sql is plain SQL with $1, $2, … placeholders (never templated); each parameters item is a JSONata expression giving that value. Read-only transaction by default; outputs {rows, rowCount, truncated, fields}.';
  readonly paramsSchema = {
    type: 'object',
    required: ['credentialId', 'sql'],
    additionalProperties: false,
    properties: {
      credentialId: {
        type: 'string',
        pattern: UUID,
        description: 'A postgres credential (its host is checked like http.request URLs: HTTP_NODE_ALLOWED_HOSTS)',
      },
      sql: {
        type: 'string',
        minLength: 1,
        maxLength: 100_000,
        description: 'One SQL statement with $1, $2, … placeholders; plain text, no {{ }}',
      },
      parameters: {
        type: 'array',
        maxItems: 100,
        items: { type: 'string', minLength: 1 },
        description: 'JSONata expressions, one per placeholder: $1 is the first',
      },
      readOnly: { type: 'boolean', default: true, description: 'Run in a READ ONLY transaction (false allows INSERT/UPDATE/DELETE)' },
      statementTimeoutMs: { type: 'integer', minimum: 1, maximum: 60_000, default: 5_000 },
      maxRows: {
        type: 'integer',
        minimum: 1,
        maximum: 10_000,
        default: 1_000,
        description: 'At most this many rows are returned (truncated: true says more matched)',
      },
    },
  };
  readonly example = {
    credentialId: '00000000-0000-4000-8000-000000000000',
    sql: 'SELECT id, email FROM customers WHERE country = $1 ORDER BY id',
    parameters: ['trigger.body.country'],
    maxRows: 100,
  };
  private readonly guard: SsrfGuard;

  constructor(allowList: string[]) {
    this.guard = new SsrfGuard(allowList, 'workflows', 'HTTP_NODE_ALLOWED_HOSTS');
  }

  expressionsOf(params: Record<string, unknown>): string[] {
    return (params as unknown as DbQueryParams).parameters ?? [];
  }

  credentialsOf(params: Record<string, unknown>) {
    return [{ credentialId: (params as unknown as DbQueryParams).credentialId, types: ['postgres'] }];
  }

  paramsProblems(params: Record<string, unknown>): string[] {
    return /\{\{.+?\}\}/.test((params as unknown as DbQueryParams).sql)
      ? ['params.sql is never templated: write $1, $2, … and give their values in params.parameters (JSONata expressions)']
      : [];
  }

  async run({ params, scope, expressions, signal, credentials }: NodeContext): Promise<NodeResult> {
    const p = params as unknown as DbQueryParams;
    if (!credentials) throw new NodeFailure('credentials are not available in this process', true);
    const values = await Promise.all((p.parameters ?? []).map(async (source) => bindValue(await expressions.evaluate(source, scope))));
    const db = (await credentials.resolve(p.credentialId, ['postgres'])).data as unknown as PostgresCredential;
    const timeoutMs = p.statementTimeoutMs ?? 5_000;
    const client = new Client({
      host: await guardedAddress(this.guard, db.host, 'db.query'),
      port: db.port,
      database: db.database,
      user: db.user,
      password: db.password,
      ssl: db.ssl ? { servername: db.host } : false,
      statement_timeout: timeoutMs,
      // A backstop for a server that stops answering (statement_timeout is enforced by the server).
      query_timeout: timeoutMs + 2_000,
      connectionTimeoutMillis: 10_000,
      application_name: 'workflow-platform db.query',
    });
    client.on('error', () => undefined); // a dropped connection surfaces as the query's error
    const abort = () => void client.end().catch(() => undefined);
    signal.addEventListener('abort', abort, { once: true });
    try {
      await client.connect();
      return { output: await this.query(client, p, values) };
    } catch (error) {
      throw failure(error, db);
    } finally {
      signal.removeEventListener('abort', abort);
      await client.end().catch(() => undefined);
    }
  }

  private async query(client: Client, p: DbQueryParams, values: unknown[]) {
    const maxRows = p.maxRows ?? 1_000;
    const sql = p.sql.replace(/;\s*$/, '');
    await client.query(p.readOnly === false ? 'BEGIN' : 'BEGIN READ ONLY');
    try {
      let result;
      if (CURSOR_STATEMENT.test(sql)) {
        await client.query(extended(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`, values));
        result = await client.query(extended(`FETCH FORWARD ${maxRows + 1} FROM ${CURSOR}`));
      } else {
        result = await client.query(extended(sql, values));
      }
      await client.query('COMMIT');
      const rows = result.rows.slice(0, maxRows);
      return { rows, rowCount: rows.length, truncated: result.rows.length > maxRows, fields: result.fields.map((f) => f.name) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/** The extended protocol takes one statement only (the simple one would also run a "…; DROP TABLE …"). */
function extended(text: string, values: unknown[] = []): QueryConfig {
  return { text, values, queryMode: 'extended' } as QueryConfig;
}

/** JSONata gives JSON values: objects and arrays go as JSON text, a missing value as NULL. */
function bindValue(value: unknown): unknown {
  if (value === undefined) return null;
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

function failure(error: unknown, db: PostgresCredential): NodeFailure {
  if (error instanceof NodeFailure) return error;
  const where = `${db.host}:${db.port}/${db.database}`;
  if (error instanceof DatabaseError) {
    const permanent = PERMANENT_CLASSES.includes(String(error.code).slice(0, 2));
    return new NodeFailure(`db.query on ${where} failed: ${error.message} (SQLSTATE ${error.code})`, permanent);
  }
  return new NodeFailure(`db.query on ${where} failed: ${(error as Error).message}`);
}
