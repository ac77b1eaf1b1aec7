// Statements planned once per connection and then only executed: for hot reads whose planning costs as much as running them.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Why: the rule card's one statement (a dozen joins and CTEs) takes ~1.5 ms to plan and ~1.5 ms to
 * run on PostgreSQL, and ~3 ms to plan on the embedded backend. Prepared once per connection,
 * PostgreSQL plans it for the first executions and then keeps a generic plan (see
 * pg_prepared_statements.generic_plans); every index the statement uses is on a geometry or key
 * that is a parameter either way.
 */
export interface PreparedStatement {
  /** Name on the connection: unique per statement text. */
  name: string;
  /** SQL with $1 … $n. */
  text: string;
  /** SQL type of each parameter, in order (for PREPARE on the embedded backend). */
  types: readonly string[];
}

export type PreparedValue = number | string | Date | null;

interface PgClientLike {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

interface PgliteLike {
  query(sql: string): Promise<{ rows: unknown[] }>;
  waitReady: Promise<void>;
}

const isPglite = (conn: unknown): conn is PgliteLike => typeof conn === 'object' && conn !== null && 'waitReady' in conn && 'exec' in conn;

/** Names prepared on each embedded connection (node-postgres keeps its own per client). */
const preparedOn = new WeakMap<object, Set<string>>();

/**
 * A parameter as an SQL literal for EXECUTE, which takes no bind parameters. Only finite numbers,
 * dates and strings (quoted, quotes doubled; standard_conforming_strings is on) get here.
 */
function literal(v: PreparedValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`a prepared statement parameter must be finite, got ${v}`);
    return String(v);
  }
  const text = v instanceof Date ? v.toISOString() : v;
  return `'${text.replace(/'/g, "''")}'`;
}

/** Runs a prepared statement on a connection of the pool (preparing it there first if needed) and returns its rows. */
export async function runPrepared<Row>(knex: Knex, stmt: PreparedStatement, values: readonly PreparedValue[]): Promise<Row[]> {
  if (values.length !== stmt.types.length) throw new Error(`${stmt.name} takes ${stmt.types.length} parameters, got ${values.length}`);
  const client = knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
  // Seen by knex's 'query'/'query-response' listeners like any other statement (bench/ times them so);
  // built only when someone listens, which the server never does.
  const event = knex.listenerCount('query') + knex.listenerCount('query-response') > 0
    ? { __knexQueryUid: randomUUID(), sql: stmt.text, bindings: [...values], prepared: stmt }
    : null;
  if (event) knex.emit('query', event);
  const conn = await client.acquireConnection();
  try {
    let rows: unknown[];
    if (isPglite(conn)) {
      let names = preparedOn.get(conn);
      if (!names) preparedOn.set(conn, (names = new Set()));
      if (!names.has(stmt.name)) {
        await conn.query(`PREPARE ${stmt.name}(${stmt.types.join(', ')}) AS ${stmt.text}`);
        names.add(stmt.name);
      }
      rows = (await conn.query(`EXECUTE ${stmt.name}(${values.map(literal).join(', ')})`)).rows;
    } else {
      rows = (await (conn as PgClientLike).query({ name: stmt.name, text: stmt.text, values: values.map((v) => (v instanceof Date ? v.toISOString() : v)) })).rows;
    }
    if (event) knex.emit('query-response', rows, event);
    return rows as Row[];
  } finally {
    await client.releaseConnection(conn);
  }
}
