// The faces a student's gallery learned from recognitions: where and when each was seen, in plain
// words, and a way for an admin to remove one (it leaves every laptop at its next sync).
import { MAX_LEARNED_PER_STUDENT, type Embedding, type LearnedFrom } from '@rollcall/contracts';
import { DEFAULT_LEARN } from '@rollcall/recognition';
import { useDevices } from '../data/admin.ts';
import { useDeleteEmbedding, useStudentEmbeddings } from '../data/remote.ts';
import { deviceId } from '../local/device-state.ts';
import { errorText } from '../ui/messages.ts';
import { learnedDay, provenanceText } from './learned-text.ts';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

export function LearnedFaces({ studentId, name }: { studentId: string; name: string }) {
  const list = useStudentEmbeddings(studentId);
  const devices = useDevices();
  const remove = useDeleteEmbedding();
  const learned = (list.data?.items ?? []).filter((e): e is Embedding & { learned: LearnedFrom } => e.origin === 'sighting' && !!e.learned);
  const laptopNames = new Map((devices.data?.items ?? []).map((d) => [d.id, d.name]));
  const here = deviceId();
  return (
    <section className="card" aria-labelledby="learned-title">
      <h3 id="learned-title">{t({ id: 'students.learned.title', defaultMessage: 'Learned from recognitions' })}</h3>
      <p className="hint">
        {t(
          {
            id: 'students.learned.explained',
            defaultMessage:
              'When a laptop recognises {name} beyond doubt, or a teacher confirms a face it was unsure of, it may keep up to {perSighting} new views of their face at a time, {max} in all, to recognise them better as they change. These never replace the enrolment photos.',
          },
          { name, perSighting: DEFAULT_LEARN.perSighting, max: MAX_LEARNED_PER_STUDENT },
        )}
      </p>
      {list.isPending ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : list.error ? (
        <Alert>{errorText(list.error)}</Alert>
      ) : learned.length === 0 ? (
        <p>{t({ id: 'students.learned.none', defaultMessage: 'Nothing learned yet.' })}</p>
      ) : (
        <ul aria-label={t({ id: 'students.learned.list', defaultMessage: 'Faces learned for {name}' }, { name })}>
          {learned.map((e) => (
            <li key={e.id}>
              {provenanceText(e.learned, laptopNames, here)}{' '}
              <button
                type="button"
                className="link danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ params: { studentId, embeddingId: e.id } })}
                aria-label={t(
                  { id: 'students.learned.removeLabel', defaultMessage: 'Remove the face learned {day}' },
                  { day: learnedDay(e.learned.sightedAt) },
                )}
              >
                {t({ id: 'students.learned.remove', defaultMessage: 'Remove' })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={remove.error} />
    </section>
  );
}
