// The vector codec: exact round trips, native and portable paths agree, bad text is refused.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeVector, encodeVector, portableBase64ToBytes, portableBytesToBase64 } from './codec.ts';
import { cosineSimilarity, l2Normalize, meanNormalized, vectorProblem } from './vector.ts';

describe('vector codec', () => {
  it('round-trips float32 vectors exactly, including odd lengths of bytes', () => {
    const v = new Float32Array([0.1, -2.5, 3.4028234e38, 1e-45, 0, -0]);
    expect(Array.from(decodeVector(encodeVector(v))!)).toEqual(Array.from(v));
    for (let n = 0; n < 12; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      const text = bytesToBase64(bytes);
      expect(text).toBe(portableBytesToBase64(bytes));
      expect(Array.from(base64ToBytes(text)!)).toEqual(Array.from(bytes));
      expect(Array.from(portableBase64ToBytes(text)!)).toEqual(Array.from(bytes));
    }
  });

  it('refuses text that is not canonical base64, and byte counts that are not float32', () => {
    for (const bad of ['abc', 'ab$d', '====', 'QQ=A', 'é123']) expect(base64ToBytes(bad)).toBeNull();
    expect(decodeVector(bytesToBase64(new Uint8Array(6)))).toBeNull();
  });
});

describe('vector maths', () => {
  it('normalises, compares and averages', () => {
    const a = l2Normalize([3, 4]);
    expect(Array.from(a)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(cosineSimilarity([1, 0], [0, 2])).toBe(0);
    expect(cosineSimilarity([1, 1], [2, 2])).toBeCloseTo(1, 10);
    expect(
      Array.from(
        meanNormalized([
          [1, 0],
          [0, 1],
        ]),
      ).map((x) => x.toFixed(4)),
    ).toEqual(['0.7071', '0.7071']);
    expect(() => l2Normalize([0, 0])).toThrow(RangeError);
  });

  it('names what is wrong with a vector', () => {
    expect(vectorProblem([1, 2], 3)).toBe('wrong-dimension');
    expect(vectorProblem([1, Number.NaN, 0], 3)).toBe('not-finite');
    expect(vectorProblem([0, 0, 0], 3)).toBe('all-zero');
    expect(vectorProblem([0, 0, 1], 3)).toBeNull();
  });
});
