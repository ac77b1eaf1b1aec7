// Shapefile .prj (WKT) → the EPSG code SPP knows, read from datum, projection and parameters; and the .prj SPP writes.
import { VN2000_TOWGS84_EPSG_15966, type Vn2000Srid } from '../../geodata/crs.ts';

/** CRSs an import may be in (declared or recognised), and an export may be written in. */
export const LAYER_CRS = [4326, 5897, 9209, 9210, 3405] as const;
export type LayerSrid = (typeof LAYER_CRS)[number];
export type ProjectedLayerSrid = Exclude<LayerSrid, 4326> & Vn2000Srid;

export interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

/** Parses WKT1 (OGC or ESRI flavour) or WKT2 into a tree; throws a SyntaxError on malformed text. */
export function parseWkt(text: string): WktNode {
  let i = 0;
  const s = text.trim();
  const ws = (): void => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const node = (): WktNode => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) throw new SyntaxError(`a WKT keyword was expected at character ${i}`);
    i += m[0].length;
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') return { keyword: m[0].toUpperCase(), args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      ws();
      if (s[i] === '"') {
        // WKT doubles a quote inside a quoted string.
        let str = '';
        i++;
        for (;;) {
          if (i >= s.length) throw new SyntaxError('a quoted WKT string is not closed');
          if (s[i] === '"' && s[i + 1] === '"') {
            str += '"';
            i += 2;
          } else if (s[i] === '"') {
            i++;
            break;
          } else str += s[i++];
        }
        args.push(str);
      } else if (/[-+.\d]/.test(s[i] ?? '')) {
        const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
        if (!n) throw new SyntaxError(`a number was expected at character ${i}`);
        args.push(Number(n[0]));
        i += n[0].length;
      } else {
        args.push(node());
      }
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === close) {
        i++;
        break;
      }
      throw new SyntaxError(`"," or "${close}" was expected at character ${i}`);
    }
    return { keyword: m[0].toUpperCase(), args };
  };
  const root = node();
  ws();
  if (i !== s.length) throw new SyntaxError(`unexpected text after the WKT at character ${i}`);
  return root;
}

const children = (n: WktNode): WktNode[] => n.args.filter((a): a is WktNode => typeof a === 'object');
const nameOf = (n: WktNode | undefined): string => (n && typeof n.args[0] === 'string' ? n.args[0] : '');
/** "D_Vietnam_2000", "Vietnam 2000", "VN-2000" → "dvietnam2000" … (compare without case, spaces or punctuation). */
const norm = (t: string): string => t.toLowerCase().replace(/[^a-z0-9]/g, '');

function findFirst(n: WktNode, keywords: string[]): WktNode | undefined {
  for (const c of children(n)) {
    if (keywords.includes(c.keyword)) return c;
    const deeper = findFirst(c, keywords);
    if (deeper) return deeper;
  }
  return undefined;
}

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS', 'BASEGEOGCRS', 'BASEGEODCRS'];

type Datum = 'vn2000' | 'wgs84' | 'other';

function datumOf(n: WktNode): { datum: Datum; name: string } {
  const d = findFirst(n, ['DATUM', 'GEODETICDATUM', 'TRF']);
  const name = nameOf(d);
  const k = norm(name);
  // The ellipsoid must be WGS 84's (VN-2000 uses it too); another ellipsoid is another datum.
  const sph = d ? findFirst(d, ['SPHEROID', 'ELLIPSOID']) : undefined;
  const a = sph?.args[1];
  const rf = sph?.args[2];
  const wgs84Ellipsoid = typeof a === 'number' && typeof rf === 'number' && Math.abs(a - 6378137) < 1e-3 && Math.abs(rf - 298.257223563) < 1e-6;
  if (!wgs84Ellipsoid) return { datum: 'other', name };
  if (k.includes('vietnam2000') || k.includes('vn2000')) return { datum: 'vn2000', name };
  if (k === 'wgs1984' || k === 'dwgs1984' || k === 'wgs84' || k === 'worldgeodeticsystem1984' || k.startsWith('worldgeodeticsystem1984')) return { datum: 'wgs84', name };
  return { datum: 'other', name };
}

// Parameter names of WKT1 (OGC, ESRI) and WKT2, reduced to one key each.
const PARAMETER_KEYS: Record<string, 'lon0' | 'lat0' | 'k' | 'x0' | 'y0'> = {
  centralmeridian: 'lon0',
  longitudeofnaturalorigin: 'lon0',
  longitudeoforigin: 'lon0',
  latitudeoforigin: 'lat0',
  latitudeofnaturalorigin: 'lat0',
  scalefactor: 'k',
  scalefactoratnaturalorigin: 'k',
  falseeasting: 'x0',
  falsenorthing: 'y0',
};

function projectionParameters(n: WktNode): Partial<Record<'lon0' | 'lat0' | 'k' | 'x0' | 'y0', number>> {
  const out: Partial<Record<'lon0' | 'lat0' | 'k' | 'x0' | 'y0', number>> = {};
  const visit = (m: WktNode): void => {
    for (const c of children(m)) {
      if (c.keyword === 'PARAMETER' && typeof c.args[1] === 'number') {
        const key = PARAMETER_KEYS[norm(nameOf(c))];
        if (key) out[key] = c.args[1];
      } else if (!GEOGRAPHIC.includes(c.keyword)) visit(c);
    }
  };
  visit(n);
  return out;
}

/** The linear unit of a projected CRS in metres (its UNIT/LENGTHUNIT outside the base CRS), or null. */
function linearUnit(n: WktNode): number | null {
  for (const c of children(n)) {
    if ((c.keyword === 'UNIT' || c.keyword === 'LENGTHUNIT') && typeof c.args[1] === 'number') return c.args[1];
  }
  // WKT2 may put the unit inside each AXIS.
  for (const axis of children(n).filter((c) => c.keyword === 'AXIS')) {
    const u = children(axis).find((c) => c.keyword === 'LENGTHUNIT' || c.keyword === 'UNIT');
    if (typeof u?.args[1] === 'number') return u.args[1];
  }
  return null;
}

/** A recognised CRS, or why not (in English and in Vietnamese: the reason reaches the importer's field error). */
export type PrjResult = { srid: LayerSrid; name: string } | { srid: null; reason: string; reason_vi: string };

const near = (a: number | undefined, b: number, tol: number): boolean => a !== undefined && Math.abs(a - b) <= tol;
const VN2000_TM3: { lon0: number; srid: ProjectedLayerSrid; name: string }[] = [
  { lon0: 105, srid: 5897, name: 'VN-2000 / TM-3 105°00′' },
  { lon0: 105.5, srid: 9209, name: 'VN-2000 / TM-3 105°30′' },
  { lon0: 105.75, srid: 9210, name: 'VN-2000 / TM-3 105°45′' },
];

/**
 * Which of SPP's CRSs a .prj describes. Decided by the datum (VN-2000 or WGS 84, on the WGS 84
 * ellipsoid), the projection method and its parameter values — not by the CRS name, which every
 * GIS spells differently ("VN_2000_TM-3_zone_482", "VN-2000 / TM-3 105-30", a custom name …):
 *  - VN-2000, Transverse Mercator, latitude of origin 0, k 0.9999, false easting 500 000, false
 *    northing 0, central meridian 105° / 105.5° / 105.75° → EPSG:5897 / 9209 / 9210;
 *  - the same with k 0.9996 and central meridian 105° → VN-2000 / UTM 48N, EPSG:3405;
 *  - geographic on WGS 84 → EPSG:4326.
 */
export function recognisePrj(text: string): PrjResult {
  let root: WktNode;
  try {
    root = parseWkt(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { srid: null, reason: `the .prj is not readable WKT (${(err as Error).message})`, reason_vi: `tệp .prj không phải là WKT đọc được (${(err as Error).message})` };
  }
  const { datum, name: datumName } = datumOf(root);
  const datumText = datumName ? `datum "${datumName}"` : 'no datum';
  const datumTextVi = datumName ? `hệ quy chiếu (datum) "${datumName}"` : 'không có hệ quy chiếu (datum)';
  if (GEOGRAPHIC.includes(root.keyword)) {
    if (datum === 'wgs84') return { srid: 4326, name: 'WGS 84' };
    return {
      srid: null,
      reason: `a geographic CRS on ${datumText}; only WGS 84 (EPSG:4326) is accepted for longitude/latitude`,
      reason_vi: `một hệ tọa độ địa lý trên ${datumTextVi}; với kinh độ/vĩ độ chỉ nhận WGS 84 (EPSG:4326)`,
    };
  }
  if (!PROJECTED.includes(root.keyword)) {
    return { srid: null, reason: `a ${root.keyword} is not a coordinate reference system SPP reads`, reason_vi: `${root.keyword} không phải là hệ tọa độ mà SPP đọc được` };
  }
  if (datum !== 'vn2000') {
    return {
      srid: null,
      reason: `a projected CRS on ${datumText}; SPP accepts projected coordinates on VN-2000 only`,
      reason_vi: `một hệ tọa độ phẳng trên ${datumTextVi}; SPP chỉ nhận tọa độ phẳng theo VN-2000`,
    };
  }
  const method = norm(nameOf(findFirst(root, ['PROJECTION', 'METHOD'])));
  if (method !== 'transversemercator' && method !== 'gausskruger') {
    const projection = nameOf(findFirst(root, ['PROJECTION', 'METHOD']));
    return { srid: null, reason: `projection "${projection}" is not Transverse Mercator`, reason_vi: `phép chiếu "${projection}" không phải là Transverse Mercator` };
  }
  const unit = linearUnit(root);
  if (unit !== null && Math.abs(unit - 1) > 1e-9) return { srid: null, reason: `the linear unit is ${unit} m, not the metre`, reason_vi: `đơn vị độ dài là ${unit} m, không phải mét` };
  const p = projectionParameters(root);
  const lat0 = p.lat0 ?? 0;
  const y0 = p.y0 ?? 0;
  if (!near(lat0, 0, 1e-9) || !near(y0, 0, 1e-3) || !near(p.x0, 500000, 1e-3)) {
    return {
      srid: null,
      reason: `latitude of origin ${lat0}, false easting ${p.x0}, false northing ${y0}: VN-2000 zones use 0, 500000, 0`,
      reason_vi: `vĩ độ gốc ${lat0}, số gia tọa độ X ${p.x0}, số gia tọa độ Y ${y0}: các múi VN-2000 dùng 0, 500000, 0`,
    };
  }
  if (near(p.k, 0.9999, 1e-9)) {
    const zone = VN2000_TM3.find((z) => near(p.lon0, z.lon0, 1e-7));
    if (zone) return { srid: zone.srid, name: zone.name };
    return {
      srid: null,
      reason: `VN-2000 TM-3 with central meridian ${p.lon0}° is not a zone SPP accepts (105°00′ EPSG:5897, 105°30′ EPSG:9209, 105°45′ EPSG:9210)`,
      reason_vi: `VN-2000 TM-3 với kinh tuyến trục ${p.lon0}° không phải là múi mà SPP nhận (105°00′ EPSG:5897, 105°30′ EPSG:9209, 105°45′ EPSG:9210)`,
    };
  }
  if (near(p.k, 0.9996, 1e-9) && near(p.lon0, 105, 1e-7)) return { srid: 3405, name: 'VN-2000 / UTM zone 48N' };
  return {
    srid: null,
    reason: `VN-2000 Transverse Mercator with scale factor ${p.k} and central meridian ${p.lon0}° is not a CRS SPP accepts`,
    reason_vi: `VN-2000 Transverse Mercator với hệ số tỷ lệ ${p.k} và kinh tuyến trục ${p.lon0}° không phải là hệ tọa độ mà SPP nhận`,
  };
}

const WGS84_GEOGCS =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

// EPSG:15966 is the shift PostGIS applies to these SRIDs (see geodata/crs.ts); the export's
// coordinates come from ST_Transform, so the .prj names the same shift.
const VN2000_GEOGCS =
  'GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  `TOWGS84[${VN2000_TOWGS84_EPSG_15966}],AUTHORITY["EPSG","6756"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],` +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4756"]]';

const PROJECTED_NAMES: Record<ProjectedLayerSrid, { name: string; lon0: number; k: number }> = {
  5897: { name: 'VN-2000 / TM-3 zone 482', lon0: 105, k: 0.9999 },
  9209: { name: 'VN-2000 / TM-3 105-30', lon0: 105.5, k: 0.9999 },
  9210: { name: 'VN-2000 / TM-3 105-45', lon0: 105.75, k: 0.9999 },
  3405: { name: 'VN-2000 / UTM zone 48N', lon0: 105, k: 0.9996 },
};

/** The .prj SPP writes: OGC WKT1 with EPSG authority codes, which GDAL, QGIS and recognisePrj all read. */
export function prjFor(srid: LayerSrid): string {
  if (srid === 4326) return WGS84_GEOGCS;
  const { name, lon0, k } = PROJECTED_NAMES[srid];
  return (
    `PROJCS["${name}",${VN2000_GEOGCS},PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],` +
    `PARAMETER["central_meridian",${lon0}],PARAMETER["scale_factor",${k}],PARAMETER["false_easting",500000],` +
    `PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],` +
    `AUTHORITY["EPSG","${srid}"]]`
  );
}

/** "EPSG:5897" → 5897 when SPP accepts it, else null. Also takes the GeoJSON 2008 URN forms. */
export function parseCrsName(raw: string): LayerSrid | null {
  const t = raw.trim();
  if (/^(urn:ogc:def:crs:OGC:(1\.3)?:CRS84|OGC:CRS84|CRS84)$/i.test(t)) return 4326;
  const m = /^(?:EPSG:|urn:ogc:def:crs:EPSG::?|urn:ogc:def:crs:EPSG:[\d.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/)?(\d{4,5})$/i.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return (LAYER_CRS as readonly number[]).includes(n) ? (n as LayerSrid) : null;
}
