// The name of a permit's ward (the API gives its code): looked up among the wards under the site.
import type { Polygonal } from '../../api/checks/index.ts';
import type { ApiClient } from '../api/client.ts';
import { grownBbox } from '../checks/check-context.ts';

export interface WardName {
  vi: string;
  en: string | null;
}

export async function wardNameOf(api: ApiClient, site: Polygonal, code: string | null): Promise<WardName | null> {
  if (!code) return null;
  try {
    const page = await api.wards({ bbox: grownBbox(site, 0), limit: 20 });
    const ward = page.features.find((f) => f.properties.code === code);
    if (!ward) return null;
    const p = ward.properties as typeof ward.properties & { full_name_en?: string | null };
    return { vi: p.full_name || p.name, en: p.full_name_en ?? null };
  } catch {
    // The code is still shown: a missing name is no reason to fail the page.
    return null;
  }
}
