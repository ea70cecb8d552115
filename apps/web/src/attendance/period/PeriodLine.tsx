// On a paired laptop's Take attendance: the timetable's line ("Period 2 · Year 8 Maths · starts in
// 3 min") while the laptop starts and ends each period's session by itself.
import { useMemo } from 'react';
import { useAuth } from '../../core/useAuth.ts';
import { useCachedClasses } from '../../data/local.ts';
import { periodLine } from './period-line.ts';
import { scheduleByClass } from '../../core/schedule.ts';
import { usePeriodAutopilot } from './usePeriodAutopilot.ts';
import { Alert } from '../../ui/Alert.tsx';
import { t } from '../../core/i18n.ts';

export function PeriodLine({ classId, onClass }: { classId: string | null; onClass: (classId: string) => void }) {
  const auth = useAuth();
  const laptop = auth.status === 'signed-in' && auth.me.actor.kind === 'device';
  const { now, timetable, error } = usePeriodAutopilot(laptop, onClass);
  const classes = useCachedClasses();
  const names = useMemo(() => new Map((classes ?? []).map((c) => [c.id, c.name])), [classes]);
  if (!laptop || !timetable || timetable.periods.length === 0) return null;
  const line = periodLine(scheduleByClass(timetable.periods, timetable.terms, now), names, now, classId);
  return (
    <div className="period-line">
      <p className="session-line" role="status" aria-label={t({ id: 'attendance.period.label', defaultMessage: 'Timetable' })}>
        {line ?? t({ id: 'attendance.period.none', defaultMessage: 'No lessons on the timetable this week.' })}
      </p>
      {error && <Alert>{t({ id: 'attendance.period.failed', defaultMessage: 'The period could not start or end by itself: {error}' }, { error })}</Alert>}
    </div>
  );
}
