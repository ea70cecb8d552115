// Camera check: the camera with face boxes and a verdict per face in plain words, whether it looks
// like a live person among them, as Take attendance's session judges its track (the numbers, speed
// and engine under Details). Marks nobody.
import { useEffect, useRef, useState } from 'react';
import { useObservable } from '../core/store.ts';
import { faceNoteText } from '../face/engine-notes.ts';
import { describeMode, faceStatus, type FaceStatus } from '../face/face-service.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { useSettings } from '../core/useSettings.ts';
import { CameraCheck, type CheckedFace } from './camera-check.ts';
import { useCamera } from '../camera/useCamera.ts';
import { useCameraLoop } from '../camera/useCameraLoop.ts';
import { summary, verdictLine, verdicts } from './verdicts.ts';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';
import { formatNumber } from '../ui/format.ts';
import { faceErrorText } from '../ui/face-error-text.ts';

/** A measurement with a fixed number of decimals, in the language's digits. */
const num = (n: number, digits: number) => formatNumber(n, { minimumFractionDigits: digits, maximumFractionDigits: digits });

function engineText(face: FaceStatus): string {
  const engine = face.mode
    ? describeMode(face.mode)
    : face.status === 'error'
      ? t({ id: 'cameraCheck.engine.failed', defaultMessage: 'failed: {error}' }, { error: faceErrorText(face.errorCode, face.error ?? '') })
      : t({ id: 'cameraCheck.engine.loading', defaultMessage: 'loading…' });
  return face.restarts > 0
    ? t(
        {
          id: 'cameraCheck.engine.restarted',
          defaultMessage: 'Face engine: {engine} · restarted {restarts, plural, one {# time} other {# times}} after a crash',
        },
        { engine, restarts: face.restarts },
      )
    : t({ id: 'cameraCheck.engine', defaultMessage: 'Face engine: {engine}' }, { engine });
}

/** Symbols beside each verdict (hidden from screen readers, which read the words). */
const MARK = { ok: '✓', fix: '!' };

export function CameraCheckPage() {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const settings = useSettings() ?? DEFAULT_SETTINGS;
  const camera = useCamera(video);
  const face = useObservable(faceStatus);
  const [error, setError] = useState<string | null>(null);
  const [check] = useState(() => new CameraCheck(settings));
  useEffect(() => check.update(settings), [check, settings]);
  const stats = useCameraLoop(check, camera.running, video, canvas, setError);
  const faces = useObservable(check.faces);
  return (
    <section aria-labelledby="camera-title">
      <h2 id="camera-title">{t({ id: 'cameraCheck.title', defaultMessage: 'Camera check' })}</h2>
      <p className="hint">{t({ id: 'cameraCheck.intro', defaultMessage: 'Checks the camera, the lighting and the face engine. Nobody is marked here.' })}</p>
      <div className="row">
        <button type="button" onClick={() => void camera.start(settings.cameraId, settings.resolution)} disabled={camera.running}>
          {t({ id: 'cameraCheck.start', defaultMessage: 'Start camera' })}
        </button>
        <button type="button" onClick={camera.stop} disabled={!camera.running}>
          {t({ id: 'cameraCheck.stop', defaultMessage: 'Stop' })}
        </button>
      </div>
      {(camera.error ?? error) && <Alert>{camera.error ?? error}</Alert>}
      <div className="camera-view">
        <video ref={video} muted playsInline aria-label={t({ id: 'cameraCheck.video', defaultMessage: 'Camera' })} />
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      {camera.running && <CheckResults faces={faces} />}
      <details className="details">
        <summary>{t({ id: 'cameraCheck.details', defaultMessage: 'Details' })}</summary>
        <p aria-label={t({ id: 'cameraCheck.speed.label', defaultMessage: 'Recognition speed' })}>
          {t(
            { id: 'cameraCheck.speed', defaultMessage: '{fps} frames/s · detect {detectMs} ms · embed {embedMs} ms · backend {backend}' },
            { fps: num(stats.fps, 1), detectMs: num(stats.detectMs, 0), embedMs: num(stats.embedMs, 0), backend: face.backend ?? '…' },
          )}
        </p>
        <p aria-label={t({ id: 'cameraCheck.engine.label', defaultMessage: 'Face engine mode' })}>{engineText(face)}</p>
        {face.notice && <p>{t({ id: 'cameraCheck.engine.note', defaultMessage: 'Face engine note: {note}' }, { note: faceNoteText(face.notice) })}</p>}
        <table className="list stack" aria-label={t({ id: 'cameraCheck.readings', defaultMessage: 'Face readings' })}>
          <thead>
            <tr>
              <th scope="col">{t({ id: 'cameraCheck.column.size', defaultMessage: 'Face size' })}</th>
              <th scope="col">{t({ id: 'cameraCheck.column.sharpness', defaultMessage: 'Sharpness' })}</th>
              <th scope="col">{t({ id: 'cameraCheck.column.brightness', defaultMessage: 'Brightness' })}</th>
              <th scope="col">{t({ id: 'cameraCheck.column.turn', defaultMessage: 'Turn (yaw / pitch)' })}</th>
              <th scope="col">{t({ id: 'cameraCheck.column.antispoof', defaultMessage: 'Antispoof' })}</th>
              <th scope="col">{t({ id: 'cameraCheck.column.liveness', defaultMessage: 'Liveness' })}</th>
              <th scope="col">{t({ id: 'cameraCheck.column.texture', defaultMessage: 'Texture' })}</th>
            </tr>
          </thead>
          <tbody>
            {stats.readings.map((r, i) => (
              <tr key={i}>
                <td data-label={t({ id: 'cameraCheck.column.size', defaultMessage: 'Face size' })}>
                  {t({ id: 'cameraCheck.pixels', defaultMessage: '{size} px' }, { size: Math.round(r.size) })}
                </td>
                <td data-label={t({ id: 'cameraCheck.column.sharpness', defaultMessage: 'Sharpness' })}>{num(r.sharpness, 1)}</td>
                <td data-label={t({ id: 'cameraCheck.column.brightness', defaultMessage: 'Brightness' })}>{num(r.brightness, 0)}</td>
                <td data-label={t({ id: 'cameraCheck.column.turnShort', defaultMessage: 'Turn' })}>
                  {t({ id: 'cameraCheck.turn', defaultMessage: '{yaw}° / {pitch}°' }, { yaw: num(r.yaw, 0), pitch: num(r.pitch, 0) })}
                </td>
                <td data-label={t({ id: 'cameraCheck.column.antispoof', defaultMessage: 'Antispoof' })}>{num(r.antispoof, 2)}</td>
                <td data-label={t({ id: 'cameraCheck.column.liveness', defaultMessage: 'Liveness' })}>{num(r.liveness, 2)}</td>
                <td data-label={t({ id: 'cameraCheck.column.texture', defaultMessage: 'Texture' })}>
                  {Number.isFinite(r.pad) ? num(r.pad, 2) : t({ id: 'cameraCheck.notMeasured', defaultMessage: 'not measured' })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function CheckResults({ faces }: { faces: readonly CheckedFace[] }) {
  const all = faces.map((f) => verdicts(f.reading, f.live));
  return (
    <div className="card" aria-live="polite">
      <p className="verdict-summary">
        <strong>{summary(all)}</strong>
      </p>
      {all.map((list, i) => (
        <ul
          key={i}
          className="verdicts"
          aria-label={
            all.length > 1
              ? t({ id: 'cameraCheck.face', defaultMessage: 'Face {n}' }, { n: i + 1 })
              : t({ id: 'cameraCheck.faceInView', defaultMessage: 'The face in view' })
          }
        >
          {list.map((v) => (
            <li key={v.topic} className={v.ok ? 'good' : 'fix'}>
              <span aria-hidden="true">{v.ok ? MARK.ok : MARK.fix}</span> {verdictLine(v)}
            </li>
          ))}
        </ul>
      ))}
    </div>
  );
}
