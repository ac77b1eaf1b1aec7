// What applies to a parcel or a point on a date: the rule card; never sees HTTP.
import type { Knex } from 'knex';
import { endOfDayInVietnam } from '../db/sql.ts';
import { NotFoundError } from '../http/problem.ts';
import { lonLatCentroid } from '../checks/planar.ts';
import { parcelCard, pointCard, type Note } from './lookup.card.ts';
import * as store from './lookup.store.ts';
import type { CardPlan, CardZone, ParcelRow, RuleCard, ZoneDetails } from './lookup.types.ts';

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
    const parcels = await store.parcelsAt(this.db, lon, lat);
    if (parcels.length > 0) {
      const extra: Note[] = [];
      if (parcels.length > 1) {
        const names = parcels.map((p) => `${p.sheet_no}/${p.parcel_no}`).join(', ');
        extra.push({
          en: `The point lies on the boundary of parcels ${names} (sheet/parcel); this card is for the first.`,
          vi: `Điểm nằm trên ranh giới các thửa ${names} (tờ/thửa); thông tin dưới đây là của thửa đầu tiên.`,
        });
      }
      return this.parcelRules(parcels[0], date, extra, [lon, lat]);
    }
    const asOf = endOfDayInVietnam(date);
    const [zones, constraints] = await Promise.all([store.zonesAt(this.db, lon, lat, asOf), store.constraintsAt(this.db, lon, lat, asOf)]);
    const body = pointCard(zones, constraints);
    const { zones: cardZones } = await this.named(body.zones, asOf);
    const plan = zones.length > 0 ? await store.planById(this.db, zones[0].plan_id) : await store.planCovering(this.db, lon, lat, date);
    const notes = zones.length > 0 ? body.notes : [noZoneNote(plan, date)];
    return withNotes({ as_of: date, parcel: null, zones: cardZones, constraints: body.constraints, computed: body.computed, plan, geometry: null }, notes);
  }

  async forParcel(id: number, date: string): Promise<RuleCard> {
    const parcel = await store.parcelById(this.db, id);
    if (!parcel) throw new NotFoundError(`No parcel has the id ${id}.`);
    return this.parcelRules(parcel, date, [], null);
  }

  private async parcelRules(parcel: ParcelRow, date: string, extra: Note[], at: [number, number] | null): Promise<RuleCard> {
    const asOf = endOfDayInVietnam(date);
    const context = await store.parcelContext(this.db, parcel.geometry, asOf);
    const body = parcelCard(parcel, context);
    const { zones, details } = await this.named(body.zones, asOf);
    // The plan of the zone holding the largest share; a parcel in no zone gets the plan around it, if any.
    const planId = zones.length > 0 ? details.get(zones[0].id)?.plan_id : undefined;
    const [lon, lat] = at ?? lonLatCentroid(parcel.geometry);
    const plan = planId !== undefined ? await store.planById(this.db, planId) : await store.planCovering(this.db, lon, lat, date);
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

  /** Adds the land-use names of the zones' plan-sheet symbols. */
  private async named(zones: CardZone[], asOf: Date): Promise<{ zones: CardZone[]; details: Map<number, ZoneDetails> }> {
    const details = await store.zoneDetails(this.db, zones.map((z) => z.id), asOf);
    return {
      zones: zones.map((z) => ({ ...z, land_use_name: details.get(z.id)?.land_use_name ?? null, land_use_name_en: details.get(z.id)?.land_use_name_en ?? null })),
      details,
    };
  }
}
