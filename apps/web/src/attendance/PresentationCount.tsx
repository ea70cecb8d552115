// How many faces on this device looked like a photo or a screen in this session (or today): shown
// beside the review list so the teacher notices an attempt even after dismissing its review item.
import { services } from '../core/services.ts';
import { t } from '../core/i18n.ts';
import { usePresentationCount } from './presentations.ts';

export function PresentationCount({ sessionId }: { sessionId: string | null }) {
  const count = usePresentationCount(services.db, sessionId);
  if (count === 0) return null;
  return (
    <p
      className="warning presentation-count"
      role="status"
      aria-label={t({ id: 'attendance.presentations.label', defaultMessage: 'Suspected photos or screens' })}
    >
      {t(
        {
          id: 'attendance.presentations.count',
          defaultMessage:
            '{count, plural, one {# face} other {# faces}} looked like a photo or a screen {scope, select, session {in this session} other {today}} on this laptop; none was marked. See the review list.',
        },
        { count, scope: sessionId ? 'session' : 'day' },
      )}
    </p>
  );
}
