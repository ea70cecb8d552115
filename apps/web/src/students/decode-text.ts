// Reads a text file whose encoding nobody told us: Excel on Windows saves CSV as Windows-1252
// ("José" as one byte é), others as UTF-8 with or without a BOM, some as UTF-16. BOMs decide
// first; then zero bytes betray UTF-16 without a BOM; then strict UTF-8; else Windows-1252.

export type TextEncodingName = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16 LE' | 'UTF-16 BE' | 'Windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Share of zero bytes at even or odd positions among the first bytes: ASCII text in UTF-16 has one in every pair. */
function zeroShare(bytes: Uint8Array, parity: 0 | 1): number {
  const n = Math.min(bytes.length, 4096);
  let zeros = 0;
  for (let i = parity; i < n; i += 2) if (bytes[i] === 0) zeros++;
  return n < 2 ? 0 : zeros / Math.floor(n / 2);
}

// Windows-1252's 0x80-0x9F (where Latin-1 has control codes); 0 = undefined there. Mapped here
// because Node's TextDecoder decodes the 'windows-1252' label as Latin-1 (nodejs/node#56542).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
  return out;
}

export function decodeText(buffer: ArrayBuffer | Uint8Array): DecodedText {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const dec = (label: string, from = 0) => new TextDecoder(label).decode(bytes.subarray(from));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: dec('utf-8', 3), encoding: 'UTF-8 with BOM' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: dec('utf-16le', 2), encoding: 'UTF-16 LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: dec('utf-16be', 2), encoding: 'UTF-16 BE' };
  if (zeroShare(bytes, 1) > 0.3) return { text: dec('utf-16le'), encoding: 'UTF-16 LE' };
  if (zeroShare(bytes, 0) > 0.3) return { text: dec('utf-16be'), encoding: 'UTF-16 BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Not valid UTF-8: a single-byte code page, and in a school's Excel that is Windows-1252.
    return { text: windows1252(bytes), encoding: 'Windows-1252' };
  }
}
