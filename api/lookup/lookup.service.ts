// What applies to a parcel or a point on a date: the rule card; never sees HTTP.
import type { Knex } from 'knex';
import { endOfDayInVietnam } from '../db/sql.ts';
import { NotFoundError } from '../http/problem.ts';
import { lonLatCentroid } from '../checks/planar.ts';
import { parcelCard, pointCard, type Note } from './lookup.card.ts';
import * as store from './lookup.store.ts';
import type { CardPlan, CardZone, ParcelRow, RuleCard } from './lookup.types.ts';

function withNotes(card: Omit<RuleCard, 'message' | 'message_vi'>, notes: Note[]): RuleCard {
  if (notes.length === 0) return card;
  return { ...card, message: notes.map((n) => n.en).join(' '), message_vi: notes.map((n) => n.vi).join(' ') };
}

/** Why there is no zone: outside every plan, before the plan took effect, or a place the plan leaves unzoned. */
function noZoneNote(plan: CardPlan | null, date: string): Note {
  if (plan) {
    return {
      en: `The point lies inside the plan "${plan.name}" but in none of its zones (a road, a river or another unzoned area) on ${date}.`,
      vi: `Điểm nằm trong đồ án "${plan.name}" nhưng không thuộc lô quy hoạch nào (đường, sông hoặc khu vực không phân lô) vào ngày ${date}.`,
    };
  }
  return {
    en: `No plan in force on ${date} covers this point: SPP holds no planning rules for it.`,
    vi: `Không có đồ án quy hoạch nào có hiệu lực vào ngày ${date} tại điểm này: SPP chưa có chỉ tiêu quy hoạch cho vị trí này.`,
  };
}

export class LookupService {
  constructor(private readonly db: Knex) {}

  /** The card at a point: the parcel's when the point lies in one, else the zone's at the point. */
  async atPoint(lon: number, lat: number, date: string): Promise<RuleCard> {
    const asOf = endOfDayInVietnam(date);
    const card = await store.cardAt(this.db, lon, lat, asOf);
    const { parcels } = card;
    if (parcels.length > 0) {
      const extra: Note[] = [];
      if (parcels.length > 1) {
        const names = parcels.map((p) => `${p.sheet_no}/${p.parcel_no}`).join(', ');
        extra.push({
          en: `The point lies on the boundary of parcels ${names} (sheet/parcel); this card is for the first.`,
          vi: `Điểm nằm trên ranh giới các thửa ${names} (tờ/thửa); thông tin dưới đây là của thửa đầu tiên.`,
        });
      }
      return this.parcelRules(parcels[0], card, date, extra, [lon, lat]);
    }
    const data = await store.pointData(this.db, lon, lat, asOf, date);
    const zones = data.point_zones;
    const body = pointCard(zones, data.point_constraints);
    const cardZones = named(body.zones, new Map(zones.map((z) => [Number(z.id), z])));
    const plan = zones.length > 0 ? (data.plans.get(zones[0].plan_id) ?? null) : (data.covering ?? null);
    const notes = zones.length > 0 ? body.notes : [noZoneNote(plan, date)];
    return withNotes({ as_of: date, parcel: null, zones: cardZones, constraints: body.constraints, computed: body.computed, plan, geometry: null }, notes);
  }

  async forParcel(id: number, date: string): Promise<RuleCard> {
    const data = await store.cardOfParcel(this.db, id, endOfDayInVietnam(date));
    if (data.parcels.length === 0) throw new NotFoundError({ en: `No parcel has the id ${id}.`, vi: `Không có thửa đất nào có mã thửa ${id}.` });
    return this.parcelRules(data.parcels[0], data, date, [], null);
  }

  private async parcelRules(parcel: ParcelRow, data: store.CardData, date: string, extra: Note[], at: [number, number] | null): Promise<RuleCard> {
    const body = parcelCard(parcel, { zones: data.zones, constraints: data.constraints });
    const details = new Map(data.zones.map((z) => [Number(z.id), z]));
    const zones = named(body.zones, details);
    // The plan of the zone holding the largest share; a parcel in no zone gets the plan around it, if any.
    const planId = zones.length > 0 ? details.get(zones[0].id)?.plan_id : undefined;
    let plan: CardPlan | null;
    if (planId !== undefined) plan = data.plans.get(planId) ?? null;
    else {
      const [lon, lat] = at ?? lonLatCentroid(parcel.geometry);
      plan = await store.planCovering(this.db, lon, lat, date);
    }
    const notes = [...extra, ...(zones.length === 0 && !plan ? [noZoneNote(null, date)] : []), ...body.notes];
    return withNotes(
      {
        as_of: date,
        parcel: body.parcel,
        zones,
        constraints: body.constraints,
        computed: body.computed,
        plan,
        geometry: {
          parcel: parcel.geometry,
          buildable: body.buildable,
          zone_parts: body.zone_parts,
          constraint_overlaps: body.constraint_overlaps,
          red_line_take: body.red_line_take,
        },
      },
      notes,
    );
  }
}

/** Adds the land-use names of the zones' plan-sheet symbols. */
function named(zones: CardZone[], details: Map<number, { land_use_name: string | null; land_use_name_en: string | null }>): CardZone[] {
  return zones.map((z) => ({ ...z, land_use_name: details.get(z.id)?.land_use_name ?? null, land_use_name_en: details.get(z.id)?.land_use_name_en ?? null }));
}
