// The guided part of the camera panel: what to do next (read out by screen readers), the five poses
// with a thumbnail once each is taken and a Retake button, the optional photo without glasses, and
// "Use these photos", which hands the kept photos to the same checks as any uploaded photo.
import type { RefObject } from 'react';
import { guideSlots, keptPhotos, nextStep, poseLabel } from './pose-guide.ts';
import { refusedWhy } from './photo-verdict.ts';
import { useObjectUrl } from './useObjectUrl.ts';
import { usePoseGuide } from './usePoseGuide.ts';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

function Thumb({ photo }: { photo: Blob }) {
  const url = useObjectUrl(photo);
  return url ? <img src={url} alt="" className="mirrored" /> : null;
}

export function PoseGuidePanel({
  video,
  active,
  onUse,
}: {
  video: RefObject<HTMLVideoElement | null>;
  active: boolean;
  onUse: (photos: { file: Blob; name: string }[]) => void;
}) {
  const guide = usePoseGuide(video, active);
  const { state } = guide;
  const step = nextStep(state);
  const kept = keptPhotos(state);
  const use = () => {
    // A file name, not words: the same in every language, and free of characters a file system refuses.
    const at = new Date().toTimeString().slice(0, 8).replaceAll(':', '.');
    onUse(kept.map((k) => ({ file: k.photo, name: `camera-${k.slot}-${at}.jpg` })));
    guide.restart();
  };
  const label = poseLabel;

  return (
    <div className="pose-guide">
      <p className="guide-instruction" aria-live="polite">
        {guide.error ? '' : guide.ready ? step.text : t({ id: 'students.pose.loading', defaultMessage: 'Getting the face check ready…' })}
      </p>
      {guide.error && (
        <Alert>{t({ id: 'students.form.modelsFailed', defaultMessage: 'The face models could not load: {error}' }, { error: guide.error })}</Alert>
      )}
      {guide.ready && guide.latest.length > 0 && step.slot && (
        <p className="hint">{t({ id: 'students.pose.notYet', defaultMessage: 'Not yet: {reasons}' }, { reasons: refusedWhy({ reasons: guide.latest }) })}</p>
      )}
      {step.needsGlassesOff && (
        <button type="button" onClick={() => guide.setGlassesOff(true)}>
          {t({ id: 'students.pose.glassesAreOff', defaultMessage: 'Glasses are off' })}
        </button>
      )}
      <ul className="pose-slots" aria-label={t({ id: 'students.pose.slots', defaultMessage: 'Poses' })}>
        {guideSlots(state).map((slot) => {
          const photo = state.kept[slot]?.photo;
          return (
            <li
              key={slot}
              className={photo ? 'done' : 'missing'}
              aria-label={t(
                { id: 'students.pose.slotState', defaultMessage: '{pose}: {taken, select, yes {taken} other {still needed}}' },
                { pose: label(slot), taken: photo ? 'yes' : 'no' },
              )}
            >
              <div className="pose-thumb">{photo ? <Thumb photo={photo} /> : <span aria-hidden="true">?</span>}</div>
              <span>
                {photo && <span aria-hidden="true">✓ </span>}
                {label(slot)}
              </span>
              {photo && (
                <button
                  type="button"
                  onClick={() => guide.retake(slot)}
                  aria-label={t(
                    {
                      id: 'students.pose.retakeLabel',
                      defaultMessage: 'Retake {slot, select, straight {straight} left {left} right {right} up {up} down {down} other {without glasses}}',
                    },
                    { slot: slot === 'no-glasses' ? 'noGlasses' : slot },
                  )}
                >
                  {t({ id: 'students.pose.retake', defaultMessage: 'Retake' })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={state.wearsGlasses} onChange={(e) => guide.setWearsGlasses(e.target.checked)} />{' '}
          {t({ id: 'students.pose.wearsGlasses', defaultMessage: 'The student wears glasses' })}
        </label>
        <button type="button" className="primary" onClick={use} disabled={kept.length === 0}>
          {t({ id: 'students.pose.use', defaultMessage: 'Use these photos ({count})' }, { count: kept.length })}
        </button>
      </div>
    </div>
  );
}
