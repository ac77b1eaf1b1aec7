import { expect } from 'chai';
import { jsonSyntaxFault } from '../../../api/http/json-syntax.ts';

/** The message JSON.parse itself gives for `text` (never a copy: the runtime's own words). */
function parserMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${text} parsed`);
}

describe('JSON syntax faults in Vietnamese', () => {
  const cases: [body: string, vi: RegExp, position: number | null][] = [
    ['{"a":1', /^cần ',' hoặc '}' sau giá trị của thuộc tính ở vị trí 6/, 6],
    ['{x', /^cần tên thuộc tính hoặc '}' ở vị trí 1/, 1],
    ['{"a" 1}', /^cần ':' sau tên thuộc tính ở vị trí 5/, 5],
    ['[1 2]', /^cần ',' hoặc ']' sau phần tử của mảng ở vị trí 3/, 3],
    ['{"a":1}}', /^có ký tự thừa sau khi JSON đã kết thúc ở vị trí 7/, 7],
    ['"ab', /^chuỗi chưa được đóng bằng dấu nháy kép ở vị trí 3/, 3],
    ['{"a":-}', /^thiếu chữ số sau dấu trừ ở vị trí 6/, 6],
    ['{"a":1.}', /^thiếu chữ số sau dấu chấm thập phân ở vị trí 7/, 7],
    ['{"a":"\\q"}', /^ký tự sau dấu \\ không hợp lệ ở vị trí 7/, 7],
    ['{"a":1,\n}', /^tên thuộc tính phải đặt trong dấu nháy kép ở vị trí 8/, 8],
    ['', /^nội dung JSON kết thúc giữa chừng$/, null],
    ['[1,]', /^ký tự ']' không đúng chỗ trong "\[1,\]"$/, null],
  ];
  for (const [body, vi, position] of cases) {
    it(`says what is wrong with ${JSON.stringify(body)} in both languages`, () => {
      const message = parserMessage(body);
      const fault = jsonSyntaxFault(message);
      expect(fault.said.en).to.equal(message);
      expect(fault.said.vi).to.match(vi);
      expect(fault.position).to.equal(position);
    });
  }

  it('keeps the English of a message it does not know beside a Vietnamese lead', () => {
    const fault = jsonSyntaxFault('Something new at position 4');
    expect(fault.said.vi).to.equal('lỗi cú pháp ở vị trí 4 (Something new at position 4)');
    expect(fault.position).to.equal(4);
  });

  it('reads the line and column newer runtimes add', () => {
    const fault = jsonSyntaxFault("Expected ',' or '}' after property value in JSON at position 12 (line 2 column 5)");
    expect(fault.said.vi).to.equal("cần ',' hoặc '}' sau giá trị của thuộc tính ở vị trí 12 (dòng 2, cột 5)");
    expect(fault.position).to.equal(12);
  });
});
