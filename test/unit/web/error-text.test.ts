// What a failed request tells the user: the API's detail in the reader's language; without the API's Vietnamese, a Vietnamese sentence for the kind of failure before the English detail.
import { expect } from 'chai';
import { ApiError } from '../../../web/api/client.ts';
import { en as enTable, vi as viTable } from '../../../web/i18n/messages.ts';
import { errorText, problemDetail, type Translator } from '../../../web/ui/error-text.ts';

// The page's I18n looks texts up in these same tables; these messages take no parameters.
const i18n = (lang: 'vi' | 'en'): Translator => ({ lang, t: (key) => ((lang === 'vi' ? viTable : enTable) as Record<string, string>)[key] ?? key });
const problem = (status: number, detail: string) => new ApiError({ type: 'x', title: 't', status, detail, code: 'c' }, status);

describe('errorText', () => {
  it('in Vietnamese: the kind of failure in Vietnamese, then the detail the API gave', () => {
    const vi = i18n('vi');
    expect(errorText(vi, problem(409, 'lock_version 3 is stale: the permit is at 4.'))).to.equal(
      'Dữ liệu đã thay đổi hoặc đang xung đột; hãy tải lại rồi thử lại (chi tiết (tiếng Anh): lock_version 3 is stale: the permit is at 4.)',
    );
    expect(errorText(vi, problem(400, '/footprint: not a polygon'))).to.match(/^Dữ liệu gửi lên chưa hợp lệ \(.*\/footprint: not a polygon\)$/);
    expect(errorText(vi, problem(503, 'database unavailable'))).to.match(/^Lỗi máy chủ/);
    expect(errorText(vi, problem(418, 'teapot'))).to.match(/^Yêu cầu không thành công/);
  });

  it('in Vietnamese, field errors the API words in Vietnamese (message_vi) replace the English detail; in English the detail stays', () => {
    const fields = new ApiError(
      {
        type: 'x', title: 't', status: 400, code: 'invalid_input',
        detail: 'The sketch has invalid fields. /floors: must be a whole number; /use: is required',
        errors: [
          { path: '/floors', message: 'must be a whole number', message_vi: 'phải là số nguyên' },
          { path: '/use', message: 'is required', message_vi: 'là bắt buộc' },
        ],
      },
      400,
    );
    expect(errorText(i18n('vi'), fields)).to.equal('Dữ liệu gửi lên chưa hợp lệ (cần sửa: /floors: phải là số nguyên; /use: là bắt buộc)');
    expect(errorText(i18n('en'), fields)).to.equal('The sketch has invalid fields. /floors: must be a whole number; /use: is required');
    // An error without its Vietnamese text falls back to the English detail, labelled as English.
    const partly = new ApiError({ type: 'x', title: 't', status: 400, code: 'c', detail: '/a: bad', errors: [{ path: '/a', message: 'bad' }] }, 400);
    expect(errorText(i18n('vi'), partly)).to.equal('Dữ liệu gửi lên chưa hợp lệ (chi tiết (tiếng Anh): /a: bad)');
  });

  it('the API’s Vietnamese detail (detail_vi) to a Vietnamese reader, its English detail to an English one', () => {
    const stale = new ApiError(
      {
        type: 'x', title: 'Conflict', status: 409, code: 'stale_version',
        detail: 'The permit was changed by someone else (version 4, you sent 3): reload it and apply your change again.',
        detail_vi: 'Hồ sơ đã được người khác thay đổi (phiên bản 4, bạn gửi 3): hãy tải lại và sửa lại.',
      },
      409,
    );
    expect(errorText(i18n('vi'), stale)).to.equal('Hồ sơ đã được người khác thay đổi (phiên bản 4, bạn gửi 3): hãy tải lại và sửa lại.');
    expect(errorText(i18n('en'), stale)).to.equal('The permit was changed by someone else (version 4, you sent 3): reload it and apply your change again.');
    expect(problemDetail(i18n('vi'), 409, stale.problem)).to.equal(errorText(i18n('vi'), stale));
  });

  it('in English: the API’s detail as it is; a page may replace the text for a status', () => {
    const en = i18n('en');
    expect(errorText(en, problem(404, 'No parcel has the id 5.'))).to.equal('No parcel has the id 5.');
    expect(errorText(i18n('vi'), problem(403, 'x'), { 403: () => 'riêng' })).to.equal('riêng');
  });
});
