// How many faces on this device looked like a photo or a screen in this session (or today): shown
// beside the review list so the teacher notices an attempt even after dismissing its review item.
import { services } from '../core/services.ts';
import { usePresentationCount } from './presentations.ts';

export function PresentationCount({ sessionId }: { sessionId: string | null }) {
  const count = usePresentationCount(services.db, sessionId);
  if (count === 0) return null;
  return (
    <p className="warning presentation-count" role="status" aria-label="Suspected photos or screens">
      {count === 1 ? '1 face' : `${count} faces`} looked like a photo or a screen {sessionId ? 'in this session' : 'today'} on this laptop; none was marked. See
      the review list.
    </p>
  );
}
