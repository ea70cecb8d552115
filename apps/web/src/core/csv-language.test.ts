// The CSV files in the app's language: headers and the words a person reads translated, while the
// columns a spreadsheet or a script reads (times, zones, ids, scores) stay the same in every language.
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mark } from '@rollcall/contracts';
import { marksToCsv } from './export-csv.ts';
import { speak } from './i18n.ts';
import { FLAGGED_FACE_REASON } from './marking.ts';

afterEach(() => speak('en', {}));

const mark: Mark = {
  id: '00000000-0000-4000-8000-000000000001',
  studentId: 'S001',
  studentName: 'Łukasz Nowak',
  sessionId: null,
  classId: null,
  deviceId: 'laptop-1',
  markedAt: '2026-11-24T08:59:03.120+01:00',
  receivedAt: '2026-11-24T07:59:04.000Z',
  day: '2026-11-24',
  similarity: 0.9712,
  method: 'face',
  status: 'present',
  reason: FLAGGED_FACE_REASON,
};

const rows = (csv: string) => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;

describe('the attendance CSV in another language', () => {
  it('translates headers, statuses and the camera flag, and keeps times, zones and ids', () => {
    speak('de', {
      'core.csv.markedAt': 'Erfasst um',
      'core.csv.status': 'Status',
      'core.csv.studentId': 'Schüler-ID',
      'ui.status.present': 'Anwesend',
      'ui.status.how.faceFlagged': 'Kamera (markiert)',
      'ui.status.flaggedReason': 'Vielleicht ein Foto oder Bildschirm: prüfen Sie, ob der Schüler da war',
    });
    const [header, row] = rows(marksToCsv([mark], { technical: true }));
    expect(header!.slice(0, 4)).toEqual(['Erfasst um', 'Time zone', 'School day', 'Schüler-ID']);
    expect(row).toEqual([
      '2026-11-24 08:59:03',
      'UTC+01:00',
      '2026-11-24',
      'S001',
      'Łukasz Nowak',
      '',
      'Anwesend',
      'Kamera (markiert)',
      '',
      'Vielleicht ein Foto oder Bildschirm: prüfen Sie, ob der Schüler da war',
      '0.9712',
      'laptop-1',
      '',
      '00000000-0000-4000-8000-000000000001',
    ]);
  });
});
