// The vector store re-uses freed slots, so a gallery where students leave and join does not grow.
import { describe, expect, it } from 'vitest';
import { VectorStore } from './vector-store.ts';

const unit = (i: number) => Float32Array.from({ length: 4 }, (_, j) => (j === i % 4 ? 1 : 0));

describe('VectorStore', () => {
  it('hands a freed slot out again instead of growing, and scans only live slots', () => {
    const store = new VectorStore(4, 2);
    const slots = [0, 1, 2, 3, 4].map((i) => store.put(unit(i)));
    expect(slots).toEqual([0, 1, 2, 3, 4]);
    store.release(1);
    store.release(3);
    expect(store.size).toBe(3);
    expect(store.put(unit(1))).toBe(3);
    expect(store.put(unit(3))).toBe(1);
    expect(store.extent).toBe(5);
    store.release(2);
    const out = new Float64Array(store.capacity);
    store.scanAll(unit(0), out);
    expect(out[2]).toBe(-Infinity);
    expect([out[0], out[1], out[3], out[4]]).toEqual([1, 0, 0, 1]); // unit(4) is unit(0) in 4-d
    expect(store.dotAt(4, unit(0))).toBe(1);
  });
});
