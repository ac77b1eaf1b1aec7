// Search results as GET /api/search returns them.

export interface SearchItem {
  kind: 'parcel' | 'ward' | 'coordinate';
  /** Vietnamese label. */
  label: string;
  label_en?: string;
  parcel_id?: number;
  ward_code?: string;
  /** Where to go: a point inside the parcel or ward, or the coordinate itself (WGS 84 lon, lat). */
  point: [number, number];
  /** [minLon, minLat, maxLon, maxLat] of the parcel or ward. */
  bbox?: [number, number, number, number];
  /** For a coordinate: the CRS it was typed in and the two numbers as typed. */
  crs?: string;
  input?: [number, number];
}

export interface SearchResult {
  query: string;
  /** How the query was read: 'coordinate', 'sheet_parcel' or 'text'. */
  interpreted_as: 'coordinate' | 'sheet_parcel' | 'text';
  items: SearchItem[];
  numberReturned: number;
}
