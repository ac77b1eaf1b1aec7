// Checks geodata/crs.ts: the Ninh Kiều check point, the two datum shifts, round trips, the TM-3 zone rule and the spatial_ref_sys rows.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import proj4 from 'proj4';
import {
  DEFAULT_VN2000_TRANSFORMATION,
  SPATIAL_REF_SYS_ROWS,
  TM3_ZONE_BOUNDARY_LON,
  VN2000_CRS,
  VN2000_TOWGS84_EPSG_6960,
  fromVn2000,
  registerVn2000,
  tm3SridForFormerProvince,
  tm3SridForLongitude,
  toVn2000,
  vn2000Proj4,
} from '../../../geodata/crs.ts';

const NINH_KIEU = [105.7846, 10.0341];

describe('VN-2000 coordinate systems (geodata/crs.ts)', () => {
  it('projects the Ninh Kiều check point to EPSG:5897 where PostGIS puts it: E 585 811.32, N 1 109 729.84', () => {
    const [e, n] = toVn2000(NINH_KIEU, 5897);
    expect(DEFAULT_VN2000_TRANSFORMATION).to.equal('EPSG:15966');
    expect(e).to.be.closeTo(585811.32, 0.02);
    expect(n).to.be.closeTo(1109729.84, 0.02);
  });

  it('with the EPSG:6960 parameters puts the same point 0.81 m further east (what PostGIS gives for the proj4 string)', () => {
    const [e, n] = toVn2000(NINH_KIEU, 5897, 'EPSG:6960');
    // Measured on PostGIS 3.6.2 with ST_Transform(…, '<proj4 string>'): 585812.1317551758, 1109729.8836815613.
    expect(e).to.be.closeTo(585812.13, 0.02);
    expect(n).to.be.closeTo(1109729.88, 0.02);
  });

  it('keeps the towgs84 of every definition as published, rotations not flipped', () => {
    expect(VN2000_TOWGS84_EPSG_6960).to.equal('-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278');
    for (const crs of VN2000_CRS) {
      expect(crs.proj4, `EPSG:${crs.srid}`).to.contain(`+ellps=WGS84 +towgs84=${VN2000_TOWGS84_EPSG_6960} `);
      expect(crs.proj4).to.match(/\+units=m \+no_defs$|\+no_defs$/);
    }
    const tm3 = VN2000_CRS.filter((c) => [5897, 9209, 9210].includes(c.srid));
    expect(tm3.map((c) => c.central_meridian)).to.deep.equal([105, 105.5, 105.75]);
    for (const c of tm3) expect(c.proj4).to.contain('+k=0.9999 +x_0=500000 +y_0=0');
    expect(VN2000_CRS.find((c) => c.srid === 3405)?.proj4).to.contain('+proj=utm +zone=48');
  });

  it('round-trips through EPSG:9209 within 1 mm, with either transformation', () => {
    for (const t of ['EPSG:15966', 'EPSG:6960'] as const) {
      for (const p of [NINH_KIEU, [105.97, 9.6], [105.3, 9.8]]) {
        const xy = toVn2000(p, 9209, t);
        const back = fromVn2000(xy, 9209, t);
        const again = toVn2000(back, 9209, t);
        expect(Math.hypot(again[0] - xy[0], again[1] - xy[1]), `${t} ${p}`).to.be.below(0.001);
        expect(back[0]).to.be.closeTo(p[0], 1e-8);
        expect(back[1]).to.be.closeTo(p[1], 1e-8);
      }
    }
  });

  it('registers EPSG codes on a proj4 instance that agree with toVn2000', () => {
    registerVn2000(proj4);
    for (const srid of [4756, 5897, 9209, 9210, 3405] as const) {
      const [x, y] = proj4('EPSG:4326', `EPSG:${srid}`, NINH_KIEU);
      const [ex, ey] = toVn2000(NINH_KIEU, srid);
      expect(x, `EPSG:${srid}`).to.be.closeTo(ex, 1e-6);
      expect(y, `EPSG:${srid}`).to.be.closeTo(ey, 1e-6);
    }
    expect(vn2000Proj4(5897, 'EPSG:6960')).to.equal(VN2000_CRS.find((c) => c.srid === 5897)?.proj4);
  });

  describe('TM-3 zone rule', () => {
    it('measures the former Cần Thơ city in 105°00′ and Sóc Trăng city in 105°30′', () => {
      expect(tm3SridForLongitude(105.7846)).to.equal(5897);
      expect(tm3SridForLongitude(105.226)).to.equal(5897);
      expect(tm3SridForLongitude(105.97)).to.equal(9209);
      expect(tm3SridForLongitude(TM3_ZONE_BOUNDARY_LON)).to.equal(9209);
      expect(tm3SridForLongitude(TM3_ZONE_BOUNDARY_LON - 1e-9)).to.equal(5897);
      expect(() => tm3SridForLongitude(Number.NaN)).to.throw(RangeError);
    });

    it('measures every ward of the former city and of Hậu Giang in 105°00′ (by centroid), wards wholly of the former city entirely west of the boundary', () => {
      const wards = JSON.parse(readFileSync(new URL('../../../geodata/cantho_wards_2025.geojson', import.meta.url), 'utf8'));
      for (const f of wards.features) {
        const first = String(f.properties.former_provinces).split(';')[0].trim();
        if (first === 'Tỉnh Sóc Trăng') continue;
        const lons: number[] = f.geometry.coordinates.flat(2).map((c: number[]) => c[0]);
        const mean = lons.reduce((s, x) => s + x, 0) / lons.length;
        expect(tm3SridForLongitude(mean), `${f.properties.code} ${f.properties.name}`).to.equal(f.properties.code === '31582' ? 9209 : 5897);
        if (f.properties.former_provinces === 'Thành phố Cần Thơ') expect(Math.max(...lons), f.properties.name).to.be.below(TM3_ZONE_BOUNDARY_LON);
      }
    });

    it('takes the zone from the former province when it is known', () => {
      expect(tm3SridForFormerProvince('Thành phố Cần Thơ')).to.equal(5897);
      expect(tm3SridForFormerProvince('Tỉnh Hậu Giang; Tỉnh Sóc Trăng')).to.equal(5897);
      expect(tm3SridForFormerProvince('Tỉnh Sóc Trăng')).to.equal(9209);
      expect(tm3SridForFormerProvince('Tỉnh Vĩnh Long')).to.equal(null);
    });
  });

  describe('spatial_ref_sys rows', () => {
    it('gives 9209 and 9210 as OGC WKT1 with TOWGS84 in the datum, matching their proj4text', () => {
      expect(SPATIAL_REF_SYS_ROWS.map((r) => [r.srid, r.auth_name, r.auth_srid])).to.deep.equal([
        [9209, 'EPSG', 9209],
        [9210, 'EPSG', 9210],
      ]);
      const names = { 9209: 'VN-2000 / TM-3 105-30', 9210: 'VN-2000 / TM-3 105-45' } as Record<number, string>;
      for (const row of SPATIAL_REF_SYS_ROWS) {
        expect(row.srtext.startsWith(`PROJCS["${names[row.srid]}",GEOGCS["VN-2000",DATUM["Vietnam_2000",`)).to.equal(true);
        expect(row.srtext).to.match(/DATUM\["Vietnam_2000",SPHEROID\[[^\]]+\]\],TOWGS84\[[-\d.,]+\],AUTHORITY\["EPSG","6756"\]\]/);
        expect(row.srtext).to.contain(`PARAMETER["central_meridian",${row.srid === 9209 ? 105.5 : 105.75}]`);
        expect(row.srtext.endsWith(`AUTHORITY["EPSG","${row.srid}"]]`)).to.equal(true);
        let depth = 0;
        for (const ch of row.srtext) {
          depth += ch === '[' ? 1 : ch === ']' ? -1 : 0;
          expect(depth).to.be.at.least(0);
        }
        expect(depth).to.equal(0);
        const fromWkt = proj4('EPSG:4326', row.srtext, NINH_KIEU);
        const fromProj4 = proj4('EPSG:4326', row.proj4text, NINH_KIEU);
        expect(Math.hypot(fromWkt[0] - fromProj4[0], fromWkt[1] - fromProj4[1])).to.be.below(0.001);
        const own = toVn2000(NINH_KIEU, row.srid as 9209 | 9210);
        expect(Math.hypot(own[0] - fromProj4[0], own[1] - fromProj4[1])).to.be.below(0.001);
      }
    });
  });
});
