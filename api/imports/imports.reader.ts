// Reads an uploaded layer file — GeoJSON, or a zipped Shapefile with .prj/.cpg — into source features and the CRS it declares.
import path from 'node:path';
import { unzipSync } from 'fflate';
import * as shapefile from 'shapefile';
import { invalidField, ValidationError, type FieldError } from '../http/problem.ts';
import { parseCrsName, recognisePrj } from './imports.prj.ts';
import type { SourceFeature, SourceLayer } from './imports.types.ts';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

/** Far beyond a city's zoning layer; keeps a zip bomb from filling the memory. */
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;
/** Features in one import: a whole plan (the synthetic benchmark plan has 100,000) but no more. */
export const MAX_FEATURES = 100_000;

const FILE = '/file';

/** The file as a whole is wrong: the message in English and in Vietnamese, both after the file name. */
function badFile(fileName: string, message: string, message_vi: string): ValidationError {
  return invalidField(FILE, `${fileName}: ${message}`, `${fileName}: ${message_vi}`);
}

/** Reads the file by its extension: .geojson/.json as GeoJSON, .zip as a zipped Shapefile. */
export async function readLayerFile(file: UploadedFile): Promise<SourceLayer> {
  const ext = path.extname(file.originalname).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return readGeoJson(file);
  if (ext === '.zip') return readZippedShapefile(file);
  throw badFile(
    file.originalname,
    'send a GeoJSON file (.geojson, .json) or a zipped Shapefile (.zip holding .shp, .shx, .dbf, .prj and, for the character set, .cpg)',
    'hãy gửi tệp GeoJSON (.geojson, .json) hoặc Shapefile nén (.zip chứa .shp, .shx, .dbf, .prj và, để xác định bảng mã ký tự, .cpg)',
  );
}

function attributesOf(features: SourceFeature[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) seen.add(k);
  return [...seen];
}

// ---------------------------------------------------------------------------------------------
// GeoJSON

export function readGeoJson(file: UploadedFile): SourceLayer {
  const name = file.originalname;
  let doc: unknown;
  try {
    doc = JSON.parse(file.buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw badFile(name, `is not JSON (${(err as Error).message})`, `không phải là JSON (${(err as Error).message})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw badFile(name, 'must hold a GeoJSON FeatureCollection or Feature', 'phải chứa một FeatureCollection hoặc Feature GeoJSON');
  const d = doc as { type?: unknown; features?: unknown; crs?: unknown };
  let raw: unknown[];
  if (d.type === 'FeatureCollection') {
    if (!Array.isArray(d.features)) throw invalidField(`${FILE}/features`, `${name}: "features" must be an array`, `${name}: "features" phải là một mảng`);
    raw = d.features;
  } else if (d.type === 'Feature') {
    raw = [doc];
  } else {
    throw badFile(
      name,
      `must hold a GeoJSON FeatureCollection or Feature, not ${JSON.stringify(d.type ?? null)}`,
      `phải chứa một FeatureCollection hoặc Feature GeoJSON, không phải ${JSON.stringify(d.type ?? null)}`,
    );
  }
  if (raw.length > MAX_FEATURES) {
    throw badFile(name, `has ${raw.length} features; at most ${MAX_FEATURES} are accepted in one import`, `có ${raw.length} đối tượng; mỗi lần nhập dữ liệu chỉ nhận tối đa ${MAX_FEATURES} đối tượng`);
  }
  // RFC 7946 GeoJSON is lon/lat on WGS 84; files from GDAL or QGIS in a projected CRS still carry
  // the 2008 "crs" member ({ type: "name", properties: { name: "urn:ogc:def:crs:EPSG::5897" } }).
  let fileSrid: SourceLayer['fileSrid'] = null;
  let fileCrsProblem: SourceLayer['fileCrsProblem'] = null;
  if (d.crs !== undefined && d.crs !== null) {
    const crsName = (d.crs as { properties?: { name?: unknown } }).properties?.name;
    const srid = typeof crsName === 'string' ? parseCrsName(crsName) : null;
    if (srid) fileSrid = srid;
    else {
      const given = JSON.stringify(crsName ?? d.crs);
      fileCrsProblem = {
        en: `its "crs" member ${given} is not a CRS SPP accepts (EPSG:4326, 5897, 9209, 9210, 3405)`,
        vi: `thành phần "crs" của tệp (${given}) không phải là hệ tọa độ mà SPP nhận (EPSG:4326, 5897, 9209, 9210, 3405)`,
      };
    }
  }
  const errors: FieldError[] = [];
  const features: SourceFeature[] = [];
  raw.forEach((f, index) => {
    const at = `${FILE}/features/${index}`;
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
      errors.push({ path: at, message: `${name}, feature ${index}: must be a GeoJSON Feature`, message_vi: `${name}, đối tượng ${index}: phải là một Feature GeoJSON` });
      return;
    }
    const { id, properties, geometry } = f as { id?: unknown; properties?: unknown; geometry?: unknown };
    if (properties !== null && properties !== undefined && (typeof properties !== 'object' || Array.isArray(properties))) {
      errors.push({
        path: `${at}/properties`,
        message: `${name}, feature ${index}: "properties" must be an object or null`,
        message_vi: `${name}, đối tượng ${index}: "properties" phải là một đối tượng JSON hoặc null`,
      });
      return;
    }
    features.push({
      index,
      id: typeof id === 'string' || typeof id === 'number' ? id : null,
      properties: (properties ?? {}) as Record<string, unknown>,
      geometry,
    });
  });
  if (errors.length) throw new ValidationError({ en: `${name} has features that are not GeoJSON Features.`, vi: `${name} có đối tượng không phải là Feature GeoJSON.` }, errors.slice(0, 100));
  return { fileName: name, format: 'geojson', fileSrid, fileCrsProblem, encoding: null, features, attributes: attributesOf(features) };
}

// ---------------------------------------------------------------------------------------------
// Zipped Shapefile

/** TextDecoder label for a .cpg ("UTF-8", "65001", "1258", "CP1258", "ANSI 1258", "ISO-8859-1", "88591" …). */
export function encodingFromCpg(cpg: string): string | null {
  const t = cpg.trim().toLowerCase().replace(/^ansi\s*/, '');
  if (/^utf-?8$|^65001$/.test(t)) return 'utf-8';
  const win = /^(?:cp|windows-?)?(125[0-8])$/.exec(t);
  if (win) return `windows-${win[1]}`;
  const iso = /^(?:iso-?)?8859-?(\d{1,2})$/.exec(t) ?? /^8859(\d{1,2})$/.exec(t);
  if (iso) return `iso-8859-${iso[1]}`;
  return null;
}

export async function readZippedShapefile(file: UploadedFile): Promise<SourceLayer> {
  const name = file.originalname;
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength), {
      // Only the parts of a Shapefile are inflated, and only while the total stays bounded.
      filter: (f) => {
        if (/(^|\/)__MACOSX\//.test(f.name) || !/\.(shp|shx|dbf|prj|cpg)$/i.test(f.name)) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new RangeError(`unzips to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof RangeError) {
      throw badFile(name, err.message, total > MAX_UNZIPPED_BYTES ? `giải nén ra hơn ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB` : err.message);
    }
    throw badFile(name, `is not a readable zip archive (${(err as Error).message})`, `không phải là tệp nén zip đọc được (${(err as Error).message})`);
  }
  const shps = Object.keys(entries).filter((k) => /\.shp$/i.test(k));
  if (shps.length === 0) {
    throw badFile(name, 'holds no .shp file: zip the .shp, .shx, .dbf, .prj and .cpg of one layer', 'không chứa tệp .shp nào: hãy nén các tệp .shp, .shx, .dbf, .prj và .cpg của một lớp');
  }
  if (shps.length > 1) {
    throw badFile(name, `holds ${shps.length} layers (${shps.join(', ')}): send one layer per import`, `chứa ${shps.length} lớp (${shps.join(', ')}): mỗi lần nhập dữ liệu chỉ gửi một lớp`);
  }
  const shpName = shps[0];
  const base = shpName.slice(0, -4);
  const part = (ext: string): { key: string; data: Uint8Array } | null => {
    const key = Object.keys(entries).find((k) => k.slice(0, -4) === base && k.slice(-4).toLowerCase() === ext);
    return key ? { key, data: entries[key] } : null;
  };
  const dbf = part('.dbf');
  if (!dbf) throw badFile(name, `has ${shpName} but no ${base}.dbf: the attributes are missing`, `có ${shpName} nhưng không có ${base}.dbf: thiếu bảng thuộc tính`);
  const prj = part('.prj');
  const cpg = part('.cpg');
  let encoding = 'utf-8';
  if (cpg) {
    const cpgText = new TextDecoder('utf-8').decode(cpg.data);
    const e = encodingFromCpg(cpgText);
    if (!e) {
      throw badFile(
        name,
        `${cpg.key} names the character set ${JSON.stringify(cpgText.trim())}, which SPP cannot read; use UTF-8 or a Windows code page such as 1258`,
        `${cpg.key} ghi bảng mã ký tự ${JSON.stringify(cpgText.trim())}, SPP không đọc được bảng mã này; hãy dùng UTF-8 hoặc một bảng mã Windows như 1258`,
      );
    }
    encoding = e;
  }
  let fileSrid: SourceLayer['fileSrid'] = null;
  let fileCrsProblem: SourceLayer['fileCrsProblem'] = null;
  if (prj) {
    const r = recognisePrj(new TextDecoder('utf-8').decode(prj.data));
    if (r.srid) fileSrid = r.srid;
    else fileCrsProblem = { en: `${prj.key} describes ${r.reason}`, vi: `${prj.key} mô tả ${r.reason_vi}` };
  }

  const features: SourceFeature[] = [];
  const badText: FieldError[] = [];
  try {
    const source = await shapefile.open(entries[shpName], dbf.data, { encoding });
    for (let index = 0; ; index++) {
      const r = await source.read();
      if (r.done) break;
      if (index >= MAX_FEATURES) {
        throw badFile(
          name,
          `has more than ${MAX_FEATURES} features; at most ${MAX_FEATURES} are accepted in one import`,
          `có hơn ${MAX_FEATURES} đối tượng; mỗi lần nhập dữ liệu chỉ nhận tối đa ${MAX_FEATURES} đối tượng`,
        );
      }
      const properties = (r.value.properties ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(properties)) {
        // U+FFFD means the bytes were not in the declared character set: the .cpg is missing or wrong.
        if (typeof v === 'string' && v.includes('\uFFFD') && badText.length < 20) {
          badText.push({
            path: `${FILE}/features/${index}/properties/${k}`,
            message: `${name}, feature ${index}: ${k} is not valid ${encoding} text; ${cpg ? `check ${cpg.key}` : 'add a .cpg naming the code page (e.g. 1258)'}`,
            message_vi: `${name}, đối tượng ${index}: ${k} không phải là văn bản ${encoding} hợp lệ; ${cpg ? `hãy kiểm tra ${cpg.key}` : 'hãy thêm tệp .cpg ghi bảng mã (ví dụ 1258)'}`,
          });
        }
      }
      features.push({ index, id: null, properties, geometry: r.value.geometry });
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw badFile(name, `${shpName} cannot be read (${(err as Error).message})`, `không đọc được ${shpName} (${(err as Error).message})`);
  }
  if (badText.length) throw new ValidationError({ en: `${name} has attribute text that is not ${encoding}.`, vi: `${name} có giá trị văn bản trong trường thuộc tính không đúng bảng mã ${encoding}.` }, badText);
  return { fileName: name, format: 'shapefile', fileSrid, fileCrsProblem, encoding, features, attributes: attributesOf(features) };
}
