// VN-2000 coordinate reference systems for Cần Thơ: proj4 definitions, the TM-3 zone rule, and the spatial_ref_sys rows PostGIS lacks. Shared by api/ and web/ (no Node imports).
import proj4 from 'proj4';

/**
 * VN-2000 → WGS 84, EPSG:6960 ("VN-2000 to WGS 84 (2)", the parameters published with
 * Decision 05/2007/QĐ-BTNMT), written as proj4 `+towgs84` (position-vector rotations, arc-seconds,
 * scale in ppm), with the signs PROJ itself emits and PostGIS stores in the proj4text/srtext of
 * EPSG:3405, 4756 and 5897. Tables in the coordinate-frame convention show the rotations with the
 * opposite sign; copying those into `+towgs84` is the common mistake — do not flip these.
 */
export const VN2000_TOWGS84_EPSG_6960 =
  '-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278';

/**
 * VN-2000 → WGS 84, EPSG:15966 ("VN-2000 to WGS 84 (1)"), position vector. PostGIS with PROJ ≥ 6
 * transforms by SRID through PROJ's database, which picks this operation for 4326 ↔ 5897: measured
 * on PostGIS 3.6.2 / PROJ 9.7 (embedded) it gives E 585 811.322165053, N 1 109 729.8436262903 for
 * (105.7846 E, 10.0341 N), bit for bit what proj4 gives with these parameters. With EPSG:6960 the same
 * point lands 0.81 m further east. Use this variant where proj4 must agree with `ST_Transform(…, 5897)`.
 */
export const VN2000_TOWGS84_EPSG_15966 = '-192.873,-39.382,-111.202,-0.00205,-0.0005,0.00335,0.0188';

/** Which VN-2000 → WGS 84 transformation a conversion uses (see the two constants above). */
export type Vn2000Transformation = 'EPSG:6960' | 'EPSG:15966';

/**
 * Default for every conversion helper here: the transformation PostGIS applies, so that a point
 * projected in Node or the browser lands where `ST_Transform(…, 5897)` puts it (the DESIGN.md check
 * point E 585 811.3, N 1 109 729.8 is a PostGIS result). Planar areas and distances do not depend on
 * the choice (the two differ by an almost uniform 0.81 m shift); absolute VN-2000 coordinates do,
 * so an import of the city's own VN-2000 files should say which transformation its producer used.
 */
export const DEFAULT_VN2000_TRANSFORMATION: Vn2000Transformation = 'EPSG:15966';

const TOWGS84: Record<Vn2000Transformation, string> = {
  'EPSG:6960': VN2000_TOWGS84_EPSG_6960,
  'EPSG:15966': VN2000_TOWGS84_EPSG_15966,
};

export type Vn2000Srid = 4756 | 5897 | 9209 | 9210 | 3405;
/** The provincial TM-3 zones that cover the merged Thành phố Cần Thơ. */
export type CanThoTm3Srid = 5897 | 9209;

export interface Vn2000Crs {
  srid: Vn2000Srid;
  /** EPSG name, as PROJ's database spells it. */
  name: string;
  /** proj4 definition with the EPSG:6960 datum shift, as PostGIS keeps it in spatial_ref_sys.proj4text; `vn2000Proj4` gives either shift. */
  proj4: string;
  /** Central meridian in decimal degrees (null for the geographic CRS). */
  central_meridian: number | null;
  description: string;
}

const ELLPS_AND_DATUM = `+ellps=WGS84 +towgs84=${VN2000_TOWGS84_EPSG_6960}`;
const tm = (lon0: number, k: number): string =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=${k} +x_0=500000 +y_0=0 ${ELLPS_AND_DATUM} +units=m +no_defs`;

/**
 * VN-2000 systems SPP meets in Cần Thơ. Official cadastral and plan areas are planar areas in the
 * provincial TM-3 zone (k = 0.9999), not geodesic areas: that is why the zones are here at all.
 */
export const VN2000_CRS: readonly Vn2000Crs[] = [
  {
    srid: 4756,
    name: 'VN-2000',
    proj4: `+proj=longlat ${ELLPS_AND_DATUM} +no_defs`,
    central_meridian: null,
    description: 'VN-2000 geographic (lon/lat on the WGS 84 ellipsoid, VN-2000 datum).',
  },
  {
    srid: 5897,
    name: 'VN-2000 / TM-3 zone 482',
    proj4: tm(105, 0.9999),
    central_meridian: 105,
    description: 'Provincial TM-3, central meridian 105°00′: former Cần Thơ city and Hậu Giang.',
  },
  {
    srid: 9209,
    name: 'VN-2000 / TM-3 105-30',
    proj4: tm(105.5, 0.9999),
    central_meridian: 105.5,
    description: 'Provincial TM-3, central meridian 105°30′: former Sóc Trăng (also Vĩnh Long, Trà Vinh).',
  },
  {
    srid: 9210,
    name: 'VN-2000 / TM-3 105-45',
    proj4: tm(105.75, 0.9999),
    central_meridian: 105.75,
    description: 'Provincial TM-3, central meridian 105°45′: Hồ Chí Minh City, Hải Phòng and others (not Cần Thơ).',
  },
  {
    srid: 3405,
    name: 'VN-2000 / UTM zone 48N',
    proj4: `+proj=utm +zone=48 ${ELLPS_AND_DATUM} +units=m +no_defs`,
    central_meridian: 105,
    description: 'UTM 6° zone 48N on VN-2000 (k = 0.9996): national small-scale mapping, not cadastre.',
  },
];

/** The table row for an SRID; throws for an SRID outside the table. */
export function getVn2000Crs(srid: number): Vn2000Crs {
  const crs = VN2000_CRS.find((c) => c.srid === srid);
  if (!crs) throw new RangeError(`EPSG:${srid} is not a VN-2000 system known to SPP`);
  return crs;
}

/** proj4 definition of a VN-2000 SRID with the chosen datum transformation. */
export function vn2000Proj4(srid: Vn2000Srid, transformation: Vn2000Transformation = DEFAULT_VN2000_TRANSFORMATION): string {
  const def = getVn2000Crs(srid).proj4;
  return transformation === 'EPSG:6960' ? def : def.replace(VN2000_TOWGS84_EPSG_6960, TOWGS84[transformation]);
}

/**
 * Defines `EPSG:4756`, `EPSG:5897`, `EPSG:9209`, `EPSG:9210` and `EPSG:3405` on a proj4 instance
 * (e.g. before OpenLayers' `register(proj4)`), with DEFAULT_VN2000_TRANSFORMATION unless told otherwise.
 */
export function registerVn2000(
  p: Pick<typeof proj4, 'defs'>,
  transformation: Vn2000Transformation = DEFAULT_VN2000_TRANSFORMATION,
): void {
  for (const crs of VN2000_CRS) p.defs(`EPSG:${crs.srid}`, vn2000Proj4(crs.srid, transformation));
}

/**
 * Meridian that splits the merged city between its two TM-3 zones for a longitude-only decision:
 * west of it 105°00′ (EPSG:5897), from it eastwards 105°30′ (EPSG:9209). The nearest-central-meridian
 * rule (105°15′) would put the former city itself (Ninh Kiều ≈ 105°47′) into 105°30′, which its
 * cadastre does not use. Longitude alone cannot separate the provinces (former Sóc Trăng reaches west
 * to 105.54°, Hậu Giang east to 105.90°). Counted over the 103 wards of 2025 (by vertex-mean centroid,
 * first-listed former province), any meridian from 105.8265° to 105.8455° misassigns 11 wards, the
 * minimum: ten western former Sóc Trăng wards (Ngã Năm, Mỹ Tú, Long Hưng …) fall in 105°00′ and
 * Thuận Hoà in 105°30′. 105.835 is the middle of that range; every ward of the former Cần Thơ city
 * and of Hậu Giang stays in 105°00′ (the wards wholly of the former city lie entirely west of it,
 * easternmost vertex 105.80°). Where the former province is known, prefer
 * `tm3SridForFormerProvince`: the zone is data.
 */
export const TM3_ZONE_BOUNDARY_LON = 105.835;

/** TM-3 zone to measure a feature at this longitude in (see TM3_ZONE_BOUNDARY_LON for the rule and its limits). */
export function tm3SridForLongitude(lon: number): CanThoTm3Srid {
  if (!Number.isFinite(lon)) throw new RangeError(`longitude must be a finite number, got ${lon}`);
  return lon < TM3_ZONE_BOUNDARY_LON ? 5897 : 9209;
}

/**
 * Central meridians of the three former provinces (Circular 973/2001/TCĐC-CT table of provincial
 * meridians, as quoted in DOMAIN-VN.md). Keys are the `former_provinces` names of the wards file.
 */
export const TM3_ZONE_BY_FORMER_PROVINCE: Readonly<Record<string, CanThoTm3Srid>> = {
  'Thành phố Cần Thơ': 5897,
  'Tỉnh Hậu Giang': 5897,
  'Tỉnh Sóc Trăng': 9209,
};

/**
 * TM-3 zone from a ward's `former_provinces` text ("Tỉnh Hậu Giang; Tỉnh Sóc Trăng"): the first listed
 * province decides (the wards file lists the province of the main part first). Null when unknown.
 */
export function tm3SridForFormerProvince(formerProvinces: string): CanThoTm3Srid | null {
  const first = formerProvinces.split(';')[0]?.trim() ?? '';
  return TM3_ZONE_BY_FORMER_PROVINCE[first] ?? null;
}

const WGS84 = 'EPSG:4326';
const converters = new Map<string, proj4.Converter>();
function converter(srid: Vn2000Srid, transformation: Vn2000Transformation): proj4.Converter {
  const key = `${srid}|${transformation}`;
  let c = converters.get(key);
  if (!c) {
    c = proj4(WGS84, vn2000Proj4(srid, transformation));
    converters.set(key, c);
  }
  return c;
}

/** WGS 84 [lon, lat] → VN-2000 [E, N] in metres (or [lon, lat] on VN-2000 for 4756). */
export function toVn2000(
  lonlat: readonly number[],
  srid: Vn2000Srid = 5897,
  transformation: Vn2000Transformation = DEFAULT_VN2000_TRANSFORMATION,
): [number, number] {
  const [x, y] = converter(srid, transformation).forward([lonlat[0], lonlat[1]]);
  return [x, y];
}

/** VN-2000 [E, N] (or [lon, lat] for 4756) → WGS 84 [lon, lat]. */
export function fromVn2000(
  xy: readonly number[],
  srid: Vn2000Srid = 5897,
  transformation: Vn2000Transformation = DEFAULT_VN2000_TRANSFORMATION,
): [number, number] {
  const [lon, lat] = converter(srid, transformation).inverse([xy[0], xy[1]]);
  return [lon, lat];
}

export interface SpatialRefSysRow {
  srid: number;
  auth_name: 'EPSG';
  auth_srid: number;
  srtext: string;
  proj4text: string;
}

const VN2000_GEOGCS_WKT =
  'GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  `TOWGS84[${TOWGS84[DEFAULT_VN2000_TRANSFORMATION]}],AUTHORITY["EPSG","6756"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],` +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4756"]]';

const tm3Wkt = (srid: number, name: string, lon0: number): string =>
  `PROJCS["${name}",${VN2000_GEOGCS_WKT},PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],` +
  `PARAMETER["central_meridian",${lon0}],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],` +
  `PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],` +
  `AUTHORITY["EPSG","${srid}"]]`;

/**
 * spatial_ref_sys rows for the TM-3 zones PostGIS does not ship (checked: PostGIS 3.3 server and the
 * embedded 3.6.2 have 5897 but not 9209/9210), in the WKT1 layout of PostGIS's own 5897 row.
 * PostGIS resolves `auth_name:auth_srid` through PROJ's database first; PROJ 9.7 knows EPSG:9209/9210
 * and then uses the EPSG:15966 shift, as it does for 5897 (measured: same result as proj4 with
 * DEFAULT_VN2000_TRANSFORMATION). srtext/proj4text are the fallback for a PROJ without those codes, so
 * they carry the same EPSG:15966 TOWGS84: whichever path PostGIS takes, it agrees with proj4 here.
 * Insert only when missing: `INSERT … ON CONFLICT (srid) DO NOTHING`.
 */
export const SPATIAL_REF_SYS_ROWS: readonly SpatialRefSysRow[] = [9209, 9210].map((srid) => {
  const crs = getVn2000Crs(srid);
  return {
    srid,
    auth_name: 'EPSG' as const,
    auth_srid: srid,
    srtext: tm3Wkt(srid, crs.name, crs.central_meridian as number),
    proj4text: vn2000Proj4(crs.srid),
  };
});
