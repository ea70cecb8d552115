import { describe, expect, it } from 'vitest';
import { CLASSES_PER_BATCH, classDayBatches } from './class-day-batches.ts';

describe('classDayBatches', () => {
  it('keeps a class-day months back apart from today instead of one range over the months between', () => {
    const today = ['a', 'b', 'c'].map((classId) => ({ classId, day: '2026-03-20' }));
    expect(classDayBatches([...today, { classId: 'x', day: '2026-01-05' }])).toEqual([
      { classIds: ['x'], from: '2026-01-05', to: '2026-01-05' },
      { classIds: ['a', 'b', 'c'], from: '2026-03-20', to: '2026-03-20' },
    ]);
  });

  it('bounds each range in days and in classes, and covers every class-day once', () => {
    const classDays = Array.from({ length: 900 }, (_, i) => ({
      classId: `c${String(i).padStart(4, '0')}`,
      day: `2026-02-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const batches = classDayBatches(classDays);
    for (const b of batches) {
      expect(b.classIds.length).toBeLessThanOrEqual(CLASSES_PER_BATCH);
      expect((Date.parse(b.to) - Date.parse(b.from)) / 86_400_000).toBeLessThan(14);
    }
    for (const c of classDays) expect(batches.filter((b) => b.classIds.includes(c.classId) && b.from <= c.day && c.day <= b.to)).toHaveLength(1);
  });

  it('makes no range of nothing', () => expect(classDayBatches([])).toEqual([]));
});
