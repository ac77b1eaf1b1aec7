// Checks the land-use code table: unique codes, parents and crosswalk references, colours, names and sources.
import { expect } from 'chai';
import { LAND_USE_CODES, findLandUseCode, landUseCodesByScheme, permittedLandLawCodes } from '../../../geodata/land-use-codes.ts';

describe('land-use code table (geodata/land-use-codes.ts)', () => {
  it('has each (scheme, code) once', () => {
    const keys = LAND_USE_CODES.map((c) => `${c.scheme}:${c.code}`);
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it('points every parent at an entry of the same scheme, without cycles', () => {
    for (const c of LAND_USE_CODES) {
      if (c.parent === null) continue;
      expect(findLandUseCode(c.scheme, c.parent), `${c.scheme}:${c.code} → ${c.parent}`).to.not.equal(undefined);
      const seen = new Set<string>();
      for (let p: string | null = c.code; p !== null; p = findLandUseCode(c.scheme, p)?.parent ?? null) {
        expect(seen.has(p), `cycle at ${c.code}`).to.equal(false);
        seen.add(p);
      }
    }
  });

  it('points every crosswalk entry (maps_to) at an existing planning category or land-law code', () => {
    for (const c of LAND_USE_CODES) {
      if (c.maps_to.planning) expect(findLandUseCode('planning', c.maps_to.planning), `${c.code} → ${c.maps_to.planning}`).to.not.equal(undefined);
      for (const l of c.maps_to.land_law ?? []) expect(findLandUseCode('land_law', l), `${c.code} → ${l}`).to.not.equal(undefined);
    }
  });

  it('gives every plan symbol a planning category and at least one permitted land-law use', () => {
    for (const c of landUseCodesByScheme('plan_symbol')) {
      expect(c.maps_to.planning, c.code).to.be.a('string');
      expect(c.maps_to.land_law, c.code).to.have.length.above(0);
    }
    expect(permittedLandLawCodes('NO')).to.include('ODT');
    expect(permittedLandLawCodes('NOPE')).to.deep.equal([]);
  });

  it('has valid hex colours', () => {
    for (const c of LAND_USE_CODES) expect(c.colour, `${c.scheme}:${c.code}`).to.match(/^#[0-9a-f]{6}$/);
  });

  it('keeps the three lists apart, each with the codes the plan and permits use', () => {
    const codes = (s: 'planning' | 'plan_symbol' | 'land_law') => landUseCodesByScheme(s).map((c) => c.code);
    expect(codes('planning')).to.include.members(['CIVIL', 'NONCIVIL', 'MIXED', 'AGRICULTURE', 'FOREST', 'WATER', 'CIVIL_UNIT_HOUSING']);
    expect(codes('plan_symbol')).to.include.members(['CC', 'CX', 'HH', 'NO', 'OM', 'TH', 'NT', 'P', 'HTKT', 'GT', 'MN', 'TG', 'DT']);
    expect(codes('land_law')).to.include.members(['ODT', 'ONT', 'TMD', 'SKC', 'DGT', 'DTL', 'DGD', 'DYT', 'TIN', 'TON', 'NTD', 'MNC', 'LUC', 'CLN', 'NTS']);
    expect(landUseCodesByScheme('planning').filter((c) => c.parent === null).map((c) => c.code)).to.deep.equal([
      'CIVIL', 'NONCIVIL', 'MIXED', 'AGRICULTURE', 'FOREST', 'WATER',
    ]);
    expect(findLandUseCode('land_law', 'HH')).to.equal(undefined);
    expect(findLandUseCode('plan_symbol', 'ODT')).to.equal(undefined);
  });

  it('names codes in Vietnamese with diacritics and in English, and states its sources and caveats', () => {
    for (const c of LAND_USE_CODES) {
      expect(c.name_vi, c.code).to.match(/[^\x00-\x7f]/);
      expect(c.name_en, c.code).to.match(/^[\x20-\x7e]+$/);
    }
    expect(findLandUseCode('land_law', 'ODT')?.name_vi).to.equal('Đất ở tại đô thị');
    for (const c of landUseCodesByScheme('plan_symbol')) expect(c.source).to.contain('not confirmed as a national standard');
    for (const c of landUseCodesByScheme('land_law')) expect(c.source).to.contain('Circular 08/2024/TT-BTNMT').and.to.contain('checked against');
    for (const c of landUseCodesByScheme('planning')) expect(c.source).to.contain('QCVN 01:2021/BXD');
  });
});
