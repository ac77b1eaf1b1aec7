// Writes polygon Shapefiles (.shp, .shx, .dbf) per the ESRI Shapefile Technical Description (1998) and dBASE III.
import type { Position } from 'geojson';
import type { Polygonal } from './imports.types.ts';

export interface DbfField {
  /** At most 10 ASCII characters. */
  name: string;
  type: 'C' | 'N' | 'D';
  /** Bytes of the field: C ≤ 254, N ≤ 20. */
  length: number;
  decimals?: number;
}

export type DbfValue = string | number | null | undefined;

const SHAPE_POLYGON = 5;
const HEADER_BYTES = 100;

/** Twice the signed area (shoelace): positive for counter-clockwise rings with x east and y north. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

/**
 * The spec wants outer rings clockwise and holes counter-clockwise (readers tell shells from holes
 * by orientation alone), the reverse of RFC 7946 GeoJSON; PostGIS keeps whatever it was given.
 */
function orientedRings(g: Polygonal): Position[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const rings: Position[][] = [];
  for (const poly of polys) {
    poly.forEach((ring, k) => {
      const ccw = signedArea2(ring) > 0;
      const wantCcw = k > 0;
      rings.push(ccw === wantCcw ? ring : [...ring].reverse());
    });
  }
  return rings;
}

class ByteSink {
  private chunks: Uint8Array[] = [];
  length = 0;
  push(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.byteLength;
  }
  concat(head: Uint8Array): Uint8Array {
    const out = new Uint8Array(head.byteLength + this.length);
    out.set(head, 0);
    let o = head.byteLength;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.byteLength;
    }
    return out;
  }
}

const utf8 = new TextEncoder();

/** UTF-8 bytes of a text cut to at most `max` bytes without splitting a character. */
function utf8Cut(text: string, max: number): Uint8Array {
  const bytes = utf8.encode(text);
  if (bytes.byteLength <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Accumulates polygon records and their attributes; `finish` returns the three files. */
export class PolygonShapefileWriter {
  private shp = new ByteSink();
  private shx = new ByteSink();
  private dbf = new ByteSink();
  private count = 0;
  private bbox = [Infinity, Infinity, -Infinity, -Infinity];
  private readonly recordLength: number;

  constructor(private readonly fields: readonly DbfField[]) {
    for (const f of fields) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(f.name)) throw new RangeError(`DBF field name ${f.name} must be 1–10 ASCII letters, digits or _`);
      if (f.length < 1 || f.length > (f.type === 'C' ? 254 : f.type === 'D' ? 8 : 20)) throw new RangeError(`DBF field ${f.name} has a bad length ${f.length}`);
    }
    this.recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  }

  add(geometry: Polygonal, values: readonly DbfValue[]): void {
    const rings = orientedRings(geometry);
    const points = rings.reduce((s, r) => s + r.length, 0);
    const contentBytes = 44 + 4 * rings.length + 16 * points;
    const rec = new DataView(new ArrayBuffer(8 + contentBytes));
    rec.setInt32(0, this.count + 1, false);
    rec.setInt32(4, contentBytes / 2, false);
    rec.setInt32(8, SHAPE_POLYGON, true);
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    let o = 8 + 44 + 4 * rings.length;
    let start = 0;
    rings.forEach((ring, k) => {
      rec.setInt32(8 + 44 + 4 * k, start, true);
      start += ring.length;
      for (const p of ring) {
        rec.setFloat64(o, p[0], true);
        rec.setFloat64(o + 8, p[1], true);
        o += 16;
        if (p[0] < box[0]) box[0] = p[0];
        if (p[1] < box[1]) box[1] = p[1];
        if (p[0] > box[2]) box[2] = p[0];
        if (p[1] > box[3]) box[3] = p[1];
      }
    });
    box.forEach((v, k) => rec.setFloat64(12 + 8 * k, v, true));
    rec.setInt32(44, rings.length, true);
    rec.setInt32(48, points, true);
    this.bbox = [Math.min(this.bbox[0], box[0]), Math.min(this.bbox[1], box[1]), Math.max(this.bbox[2], box[2]), Math.max(this.bbox[3], box[3])];

    const idx = new DataView(new ArrayBuffer(8));
    idx.setInt32(0, (HEADER_BYTES + this.shp.length) / 2, false);
    idx.setInt32(4, contentBytes / 2, false);
    this.shp.push(new Uint8Array(rec.buffer));
    this.shx.push(new Uint8Array(idx.buffer));
    this.dbf.push(this.dbfRecord(values));
    this.count++;
  }

  private dbfRecord(values: readonly DbfValue[]): Uint8Array {
    const rec = new Uint8Array(this.recordLength).fill(0x20); // ' ': not deleted; blank = null
    let o = 1;
    this.fields.forEach((f, k) => {
      const v = values[k];
      if (v !== null && v !== undefined && v !== '') {
        if (f.type === 'C') {
          rec.set(utf8Cut(String(v), f.length), o);
        } else if (f.type === 'N') {
          const n = Number(v);
          let text = Number.isFinite(n) ? n.toFixed(f.decimals ?? 0) : '';
          if (text.length > f.length) text = ''; // does not fit: written as null rather than as a wrong number
          rec.set(utf8.encode(text.padStart(f.length, ' ')), o);
        } else {
          const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
          if (d) rec.set(utf8.encode(`${d[1]}${d[2]}${d[3]}`), o);
        }
      }
      o += f.length;
    });
    return rec;
  }

  private header(fileBytes: number): Uint8Array {
    const h = new DataView(new ArrayBuffer(HEADER_BYTES));
    h.setInt32(0, 9994, false);
    h.setInt32(24, fileBytes / 2, false);
    h.setInt32(28, 1000, true);
    h.setInt32(32, SHAPE_POLYGON, true);
    const box = this.count ? this.bbox : [0, 0, 0, 0];
    box.forEach((v, k) => h.setFloat64(36 + 8 * k, v, true));
    return new Uint8Array(h.buffer);
  }

  private dbfHeader(today: Date): Uint8Array {
    const headerBytes = 32 + 32 * this.fields.length + 1;
    const h = new Uint8Array(headerBytes);
    const v = new DataView(h.buffer);
    h[0] = 0x03; // dBASE III without memo
    h[1] = today.getUTCFullYear() - 1900;
    h[2] = today.getUTCMonth() + 1;
    h[3] = today.getUTCDate();
    v.setUint32(4, this.count, true);
    v.setUint16(8, headerBytes, true);
    v.setUint16(10, this.recordLength, true);
    // Byte 29 (language driver) stays 0: the .cpg next to the file says UTF-8.
    this.fields.forEach((f, k) => {
      const at = 32 + 32 * k;
      h.set(utf8.encode(f.name), at);
      h[at + 11] = f.type.charCodeAt(0);
      h[at + 16] = f.length;
      h[at + 17] = f.decimals ?? 0;
    });
    h[headerBytes - 1] = 0x0d;
    return h;
  }

  get records(): number {
    return this.count;
  }

  finish(today = new Date()): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array } {
    const shp = this.shp.concat(this.header(HEADER_BYTES + this.shp.length));
    const shx = this.shx.concat(this.header(HEADER_BYTES + this.shx.length));
    this.dbf.push(new Uint8Array([0x1a]));
    const dbf = this.dbf.concat(this.dbfHeader(today));
    return { shp, shx, dbf };
  }
}
