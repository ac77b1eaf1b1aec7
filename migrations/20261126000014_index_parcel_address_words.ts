// Address search over a city-sized cadastre: the unaccented words of each parcel's address, in a GIN index.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

// The same folding as api/search/search.store.ts (NFD, drop the marks, đ → d, lower case), then every
// run of other characters becomes a space so each word of the address is one token ("12/3" stays one).
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE parcels ADD COLUMN address_words tsvector GENERATED ALWAYS AS (
       to_tsvector('simple', regexp_replace(
         lower(translate(regexp_replace(normalize(coalesce(address, ''), NFD), '[\\u0300-\\u036f]', '', 'g'), 'Đđ', 'Dd')),
         '[^a-z0-9/]+', ' ', 'g'))
     ) STORED`,
    `CREATE INDEX parcels_address_words_idx ON parcels USING gin (address_words)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`DROP INDEX parcels_address_words_idx`, `ALTER TABLE parcels DROP COLUMN address_words`]);
}
