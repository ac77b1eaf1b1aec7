// SQL of the land-use code lists (planning categories, plan-sheet symbols, land-law codes).
import type { Knex } from 'knex';

export interface LandUseCodeRow {
  scheme: 'planning' | 'plan_symbol' | 'land_law';
  code: string;
  name_vi: string;
  name_en: string;
  colour: string;
  parent: string | null;
  maps_to: Record<string, unknown>;
  source: string;
}

/** Inserts parents before children so the self-reference holds row by row. */
export async function upsertLandUseCodes(db: Knex, codes: readonly LandUseCodeRow[]): Promise<void> {
  const pending = [...codes];
  const done = new Set<string>();
  while (pending.length) {
    const ready = pending.filter((c) => !c.parent || done.has(`${c.scheme}/${c.parent}`) || !codes.some((o) => o.scheme === c.scheme && o.code === c.parent));
    if (!ready.length) throw new Error('land-use codes: a parent cycle or a missing parent');
    for (const c of ready) {
      await db('land_use_codes')
        .insert({ scheme: c.scheme, code: c.code, name_vi: c.name_vi, name_en: c.name_en, colour: c.colour, parent_code: c.parent, maps_to: JSON.stringify(c.maps_to ?? {}), source: c.source })
        .onConflict(['scheme', 'code'])
        .merge();
      done.add(`${c.scheme}/${c.code}`);
      pending.splice(pending.indexOf(c), 1);
    }
  }
}

export async function listLandUseCodes(db: Knex, scheme: string | null): Promise<LandUseCodeRow[]> {
  return (await db('land_use_codes')
    .select('scheme', 'code', 'name_vi', 'name_en', 'colour', 'parent_code as parent', 'maps_to', 'source')
    .modify((q) => {
      if (scheme) q.where({ scheme });
    })
    .orderBy(['scheme', 'code'])) as LandUseCodeRow[];
}
