// SQL the feasibility check needs beyond the compliance context: whether a land-law use code exists.
import type { Knex } from 'knex';

export async function landLawCodeExists(db: Knex, code: string): Promise<boolean> {
  const row = await db('land_use_codes').select('code').where({ scheme: 'land_law', code }).first();
  return row !== undefined;
}
