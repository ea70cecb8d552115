// Encoding detection of roster files, on the bytes each editor really writes.
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

const TEXT = 'student_id,name\r\nS1,José Muñoz\r\nS2,Zoë Ørsted\r\n';
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => utf16le(s).map((_, i, a) => a[i % 2 ? i - 1 : i + 1]!);
// Windows-1252 agrees with Latin-1 for these letters.
const cp1252 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('decodeText', () => {
  it.each([
    ['UTF-8', new Uint8Array(Buffer.from(TEXT, 'utf8'))],
    ['UTF-8 with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]))],
    ['UTF-16 LE', new Uint8Array([0xff, 0xfe, ...utf16le(TEXT)])],
    ['UTF-16 BE', new Uint8Array([0xfe, 0xff, ...utf16be(TEXT)])],
    ['UTF-16 LE', utf16le(TEXT)],
    ['Windows-1252', cp1252(TEXT)],
  ] as const)('reads %s', (encoding, bytes) => {
    expect(decodeText(bytes)).toEqual({ text: TEXT, encoding });
  });

  it('reads Windows-1252 punctuation Latin-1 lacks (curly quotes, euro)', () => {
    expect(decodeText(new Uint8Array([0x93, 0x41, 0x94, 0x20, 0x80]))).toEqual({ text: '\u201cA\u201d \u20ac', encoding: 'Windows-1252' });
  });
});
