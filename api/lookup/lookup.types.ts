// The rule card: what applies to a parcel or a point, as GET /api/lookup and GET /api/parcels/:id/rules return it.
import type { MultiPolygon } from 'geojson';
import type { ConstraintKind, ConstraintRule, Polygonal, ZoneRules } from '../checks/index.ts';

export interface CardParcel {
  id: number;
  sheet_no: number;
  parcel_no: number;
  address: string | null;
  ward_code: string;
  /** Area on the land-use certificate. */
  legal_area_m2: number;
  /** Planar VN-2000 / TM-3 area of the parcel's geometry. */
  area_m2: number;
}

export interface CardZone extends ZoneRules {
  id: number;
  lot_code: string;
  land_use_code: string;
  land_use_name: string | null;
  land_use_name_en: string | null;
  /** Share of the parcel in this zone (%); for a point card 100, or 100 / n on a boundary of n zones. */
  share_pct: number;
  /** Area of parcel ∩ zone (m², planar TM-3); null for a point card. */
  area_m2: number | null;
  /** Whether the zone's limits apply under the multi-zone rule (api/checks/zone-shares.ts). */
  governs: boolean;
}

export interface CardConstraint {
  id: number;
  kind: ConstraintKind;
  rule: ConstraintRule;
  value: number | null;
  /** Area of parcel ∩ constraint (m², planar TM-3); null for a point card. */
  overlap_m2: number | null;
  /** Smallest planar distance parcel → constraint (m); 0 when they touch or overlap; null for a point card. */
  distance_m: number | null;
  citation: string | null;
  name: string | null;
}

export interface CardComputed {
  /** Parcel area beyond the red line (road widening), m². */
  red_line_take_m2: number | null;
  net_site_area_m2: number | null;
  /** Net site minus the land closer to a red line than the required setback (see lookup.buildable.ts). */
  buildable_area_m2: number | null;
  /** min(buildable area, net site × max coverage). */
  max_footprint_m2: number | null;
  /** net site × max FAR. */
  max_gfa_m2: number | null;
  /** How the zone limits were chosen (api/checks/zone-shares.ts). */
  zone_rule: 'none' | 'single' | 'dominant' | 'strictest';
  /** Setback (m) the buildable area keeps from the red line; null without one. */
  setback_m: number | null;
  crs: 'EPSG:5897' | 'EPSG:9209' | null;
}

export interface CardPlan {
  id: number;
  name: string;
  decision_no: string | null;
  decision_date: string | null;
  approved_by: string | null;
  is_demo: boolean;
  notice_vi: string | null;
  notice_en: string | null;
}

/**
 * What the card's areas were measured on, in lon/lat: each is the clipped TM-3 geometry the engine
 * measured, so its planar area is the number on the card (zone part = that zone's area_m2, overlap =
 * the constraint's overlap_m2, take = computed.red_line_take_m2).
 */
export interface CardGeometry {
  parcel: MultiPolygon;
  buildable: Polygonal | null;
  /** Parcel ∩ zone for each zone of the card, in the order of `zones`. */
  zone_parts: { zone_id: number; geometry: Polygonal }[];
  /** Parcel ∩ constraint for each constraint of the card that overlaps the parcel (overlap_m2 > 0). */
  constraint_overlaps: { constraint_id: number; geometry: Polygonal }[];
  /** Parcel ∩ the red-line polygons (the road-widening take); null without one. */
  red_line_take: Polygonal | null;
}

export interface RuleCard {
  as_of: string;
  parcel: CardParcel | null;
  zones: CardZone[];
  constraints: CardConstraint[];
  computed: CardComputed;
  plan: CardPlan | null;
  /** The parcel and its measured parts (lon/lat), for drawing the card on a map; null for a point card. */
  geometry: CardGeometry | null;
  message?: string;
  message_vi?: string;
}

/** A parcel row with its geometry, as the store returns it. */
export interface ParcelRow extends Omit<CardParcel, 'area_m2'> {
  geometry: MultiPolygon;
}
