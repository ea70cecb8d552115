// A class's timetable on its card (admins): its weekly periods and its cover teachers, folded away
// until opened so the roster stays the first thing on the card.
import type { Cover, Period } from '@rollcall/contracts';
import { ClassCovers } from './ClassCovers.tsx';
import { ClassPeriods } from './ClassPeriods.tsx';
import { useTimetable } from '../../data/timetable.ts';
import { t } from '../../core/i18n.ts';

const NO_PERIODS: Period[] = [];
const NO_COVERS: Cover[] = [];

export function ClassTimetable({ classId, className }: { classId: string; className: string }) {
  const timetable = useTimetable();
  const periods = timetable.data?.periods.filter((p) => p.classId === classId) ?? NO_PERIODS;
  const covers = timetable.data?.covers.filter((c) => c.classId === classId) ?? NO_COVERS;
  return (
    <details className="details class-timetable">
      <summary>
        {t(
          { id: 'classes.timetable.summary', defaultMessage: 'Timetable · {count, plural, one {# period} other {# periods}} a week' },
          { count: periods.length },
        )}
      </summary>
      <ClassPeriods classId={classId} className={className} periods={periods} />
      <ClassCovers classId={classId} className={className} covers={covers} />
    </details>
  );
}
