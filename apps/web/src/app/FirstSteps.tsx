// The first steps after the first admin is created: add students, add a class, start a session.
// Each step ticks itself off (the roster from the device, a session from the server); the panel
// stays until the admin hides it.
// Its links never repeat a nav link's name, so "the Classes link" stays one link.
import { useState } from 'react';
import { useCachedClasses, useCachedStudents } from '../data/local.ts';
import { useAnySession } from '../data/remote.ts';
import { href, type Route } from '../core/router.ts';
import { t } from '../core/i18n.ts';

const HIDDEN_KEY = 'rollcall.firstStepsHidden';
const TICK = '✓ ';

function Step({ done, title, to, label, children }: { done: boolean; title: string; to: Route; label: string; children: string }) {
  return (
    <li className={done ? 'done' : undefined}>
      <strong>
        {done ? TICK : ''}
        {title}
      </strong>{' '}
      {done && <span className="sr-only">{t({ id: 'app.firstSteps.done', defaultMessage: '(done)' })}</span>}
      <span className="hint">{children}</span> <a href={href(to)}>{label}</a>
    </li>
  );
}

export function FirstSteps() {
  const [hidden, setHidden] = useState(() => localStorage.getItem(HIDDEN_KEY) === '1');
  const students = useCachedStudents('');
  const classes = useCachedClasses();
  const withRoster = (classes ?? []).filter((c) => c.studentIds.length > 0).map((c) => c.id);
  const sessions = useAnySession(withRoster.slice(0, 3));
  if (hidden || students === undefined || classes === undefined) return null;
  const hasStudents = students.length > 0;
  const hasRoster = withRoster.length > 0;
  const hide = () => {
    localStorage.setItem(HIDDEN_KEY, '1');
    setHidden(true);
  };
  return (
    <aside className="card first-steps" aria-labelledby="first-steps-title">
      <h2 id="first-steps-title">{t({ id: 'app.firstSteps.title', defaultMessage: 'First steps' })}</h2>
      <ol>
        <Step
          done={hasStudents}
          title={t({ id: 'app.firstSteps.students.title', defaultMessage: 'Add students' })}
          to={{ page: 'import-roster' }}
          label={t({ id: 'app.firstSteps.students.link', defaultMessage: 'Import a roster CSV' })}
        >
          {t({
            id: 'app.firstSteps.students.hint',
            defaultMessage: "From your school system's CSV, or one by one on Students. Record photo consent as you go.",
          })}
        </Step>
        <Step
          done={hasRoster}
          title={t({ id: 'app.firstSteps.class.title', defaultMessage: 'Add a class' })}
          to={{ page: 'classes' }}
          label={t({ id: 'app.firstSteps.class.link', defaultMessage: 'Create a class' })}
        >
          {t({ id: 'app.firstSteps.class.hint', defaultMessage: 'Name it and choose its students; give it a teacher on Teachers.' })}
        </Step>
        <Step
          done={sessions.data === true}
          title={t({ id: 'app.firstSteps.session.title', defaultMessage: 'Start a session' })}
          to={{ page: 'attendance' }}
          label={t({ id: 'app.firstSteps.session.link', defaultMessage: 'Choose a class and start' })}
        >
          {t({ id: 'app.firstSteps.session.hint', defaultMessage: 'Choose the class, press Start session, and let students walk past the camera.' })}
        </Step>
      </ol>
      <button type="button" className="link" onClick={hide}>
        {t({ id: 'app.firstSteps.hide', defaultMessage: 'Hide first steps' })}
      </button>
    </aside>
  );
}
