// What is wrong with a request body that is not JSON, said in Vietnamese too: JSON.parse speaks English only.
import type { Bilingual } from './problem.ts';

/**
 * JSON.parse's messages (V8, as Node 20 and later word them) and what they say in Vietnamese. A
 * message not listed keeps its English text beside a Vietnamese lead, so nothing the parser said is
 * lost on a Vietnamese reader.
 */
const SAYINGS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Unexpected end of JSON input/, () => 'nội dung JSON kết thúc giữa chừng'],
  [/^Expected property name or '}'/, () => "cần tên thuộc tính hoặc '}'"],
  [/^Expected double-quoted property name/, () => 'tên thuộc tính phải đặt trong dấu nháy kép'],
  [/^Expected ':' after property name/, () => "cần ':' sau tên thuộc tính"],
  [/^Expected ',' or '}' after property value/, () => "cần ',' hoặc '}' sau giá trị của thuộc tính"],
  [/^Expected ',' or ']' after array element/, () => "cần ',' hoặc ']' sau phần tử của mảng"],
  [/^Unexpected non-whitespace character after JSON/, () => 'có ký tự thừa sau khi JSON đã kết thúc'],
  [/^Unterminated string/, () => 'chuỗi chưa được đóng bằng dấu nháy kép'],
  [/^Bad control character in string literal/, () => 'có ký tự điều khiển trong chuỗi'],
  [/^Bad escaped character/, () => 'ký tự sau dấu \\ không hợp lệ'],
  [/^Bad Unicode escape/, () => 'mã \\u không hợp lệ'],
  [/^No number after minus sign/, () => 'thiếu chữ số sau dấu trừ'],
  [/^Unterminated fractional number/, () => 'thiếu chữ số sau dấu chấm thập phân'],
  [/^Exponent part is missing a number/, () => 'thiếu chữ số ở phần số mũ'],
  [/^Unexpected token '(.+?)', (.*) is not valid JSON/s, (m) => `ký tự '${m[1]}' không đúng chỗ trong ${m[2]}`],
  [/^Unexpected token (.+?) in JSON/, (m) => `ký tự '${m[1]}' không đúng chỗ`],
];

export interface JsonSyntaxFault {
  /** What the parser said, in both languages. */
  said: Bilingual;
  /** Offset (0-based) of the fault in the body, when the parser gave it. */
  position: number | null;
}

/** Reads a JSON.parse message: what it says in Vietnamese, and where in the body. */
export function jsonSyntaxFault(message: string): JsonSyntaxFault {
  const text = message.trim();
  const at = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(text);
  const position = at ? Number(at[1]) : null;
  const where = at ? ` ở vị trí ${at[1]}${at[2] ? ` (dòng ${at[2]}, cột ${at[3]})` : ''}` : '';
  for (const [re, say] of SAYINGS) {
    const m = re.exec(text);
    if (m) return { said: { en: text, vi: `${say(m)}${where}` }, position };
  }
  return { said: { en: text, vi: text ? `lỗi cú pháp${where} (${text})` : 'lỗi cú pháp' }, position };
}
