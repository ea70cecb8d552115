// The guided part of the camera panel: what to do next (read out by screen readers), the five poses
// with a thumbnail once each is taken and a Retake button, the optional photo without glasses, and
// "Use these photos", which hands the kept photos to the same checks as any uploaded photo.
import type { RefObject } from 'react';
import { REASON_TEXT } from '../ui/messages.ts';
import { guideSlots, keptPhotos, nextStep, POSE_LABEL, type GuideSlot } from './pose-guide.ts';
import { useObjectUrl } from './useObjectUrl.ts';
import { usePoseGuide } from './usePoseGuide.ts';
import { Alert } from '../ui/Alert.tsx';

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
    const at = new Date().toLocaleTimeString();
    onUse(kept.map((k) => ({ file: k.photo, name: `camera-${k.slot}-${at}.jpg` })));
    guide.restart();
  };
  const label = (slot: GuideSlot) => POSE_LABEL[slot];

  return (
    <div className="pose-guide">
      <p className="guide-instruction" aria-live="polite">
        {guide.error ? '' : guide.ready ? step.text : 'Getting the face check ready…'}
      </p>
      {guide.error && <Alert>The face models could not load: {guide.error}</Alert>}
      {guide.ready && guide.latest.length > 0 && step.slot && <p className="hint">Not yet: {guide.latest.map((r) => REASON_TEXT[r]).join(', ')}</p>}
      {step.needsGlassesOff && (
        <button type="button" onClick={() => guide.setGlassesOff(true)}>
          Glasses are off
        </button>
      )}
      <ul className="pose-slots" aria-label="Poses">
        {guideSlots(state).map((slot) => {
          const photo = state.kept[slot]?.photo;
          return (
            <li key={slot} className={photo ? 'done' : 'missing'} aria-label={`${label(slot)}: ${photo ? 'taken' : 'still needed'}`}>
              <div className="pose-thumb">{photo ? <Thumb photo={photo} /> : <span aria-hidden="true">?</span>}</div>
              <span>
                {photo && <span aria-hidden="true">✓ </span>}
                {label(slot)}
              </span>
              {photo && (
                <button type="button" onClick={() => guide.retake(slot)} aria-label={`Retake ${label(slot).toLowerCase()}`}>
                  Retake
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={state.wearsGlasses} onChange={(e) => guide.setWearsGlasses(e.target.checked)} /> The student wears glasses
        </label>
        <button type="button" className="primary" onClick={use} disabled={kept.length === 0}>
          Use these photos ({kept.length})
        </button>
      </div>
    </div>
  );
}
