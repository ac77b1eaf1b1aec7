import { expect } from 'chai';
import type { Request } from 'express';
import { parseBbox, parseDate, parseLimit, todayInVietnam } from '../../../api/http/query.ts';
import { ValidationError } from '../../../api/http/problem.ts';
import { endOfDayInVietnam } from '../../../api/db/sql.ts';

const req = (query: Record<string, unknown>) => ({ query }) as unknown as Request;

describe('query parameters', () => {
  it('parses a bbox in OGC order', () => {
    expect(parseBbox(req({ bbox: '105.77,10.02,105.79,10.04' }))).to.deep.equal({ minLon: 105.77, minLat: 10.02, maxLon: 105.79, maxLat: 10.04 });
    expect(parseBbox(req({}))).to.equal(null);
  });

  it('refuses projected metres, swapped corners and junk with a pointer to the parameter', () => {
    for (const bad of ['585000,1109000,586000,1110000', '105.79,10.02,105.77,10.04', '1,2,3', 'a,b,c,d', '1,2,3,4,5', 'Infinity,1,2,3']) {
      try {
        parseBbox(req({ bbox: bad }));
        expect.fail(`accepted ${bad}`);
      } catch (err) {
        expect(err).to.be.instanceOf(ValidationError);
        expect((err as ValidationError).errors![0].path).to.equal('/query/bbox');
      }
    }
    expect(() => parseBbox(req({ bbox: ['1,2,3,4', '1,2,3,4'] }))).to.throw(ValidationError);
  });

  it('limits default to 1000 and stop at 10000', () => {
    expect(parseLimit(req({}))).to.equal(1000);
    expect(parseLimit(req({ limit: '10000' }))).to.equal(10000);
    expect(() => parseLimit(req({ limit: '10001' }))).to.throw(ValidationError);
    expect(() => parseLimit(req({ limit: '0' }))).to.throw(ValidationError);
  });

  it('accepts only real calendar dates', () => {
    expect(parseDate(req({ date: '2024-02-29' }))).to.equal('2024-02-29');
    expect(() => parseDate(req({ date: '2025-02-29' }))).to.throw(ValidationError);
    expect(() => parseDate(req({ date: '29/02/2024' }))).to.throw(ValidationError);
  });

  it('"as of" a date means the end of that day in Việt Nam (UTC+7)', () => {
    expect(endOfDayInVietnam('2024-06-15').toISOString()).to.equal('2024-06-15T17:00:00.000Z');
    expect(todayInVietnam(new Date('2026-11-25T18:30:00Z'))).to.equal('2026-11-26');
    expect(todayInVietnam(new Date('2026-11-25T16:30:00Z'))).to.equal('2026-11-25');
  });
});
