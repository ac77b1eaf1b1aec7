// The database handle the rest of SPP uses: a knex instance plus what the backend can do.
import type { Knex } from 'knex';

export type Backend = 'pglite' | 'postgres';

/** What the connected PostGIS can do; code asks this instead of checking the backend. */
export interface Capabilities {
  /** PostGIS library version, e.g. "3.6.2". */
  postgisVersion: string;
  /** Whether ST_AsMVT works (the embedded PostGIS is built without protobuf). */
  hasAsMvt: boolean;
}

export interface Database {
  knex: Knex;
  backend: Backend;
  capabilities: Capabilities;
  close(): Promise<void>;
}
