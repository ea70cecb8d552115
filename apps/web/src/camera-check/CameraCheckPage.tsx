// Camera check: the camera with face boxes and a verdict per face in plain words, whether it looks
// like a live person among them, as Take attendance's session judges its track (the numbers, speed
// and engine under Details). Marks nobody.
import { useEffect, useRef, useState } from 'react';
import { useObservable } from '../core/store.ts';
import { describeMode, faceStatus } from '../face/face-service.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { useSettings } from '../core/useSettings.ts';
import { CameraCheck, type CheckedFace } from './camera-check.ts';
import { useCamera } from '../camera/useCamera.ts';
import { useCameraLoop } from '../camera/useCameraLoop.ts';
import { summary, verdicts } from './verdicts.ts';
import { Alert } from '../ui/Alert.tsx';

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
      <h2 id="camera-title">Camera check</h2>
      <p className="hint">Checks the camera, the lighting and the face engine. Nobody is marked here.</p>
      <div className="row">
        <button type="button" onClick={() => void camera.start(settings.cameraId, settings.resolution)} disabled={camera.running}>
          Start camera
        </button>
        <button type="button" onClick={camera.stop} disabled={!camera.running}>
          Stop
        </button>
      </div>
      {(camera.error ?? error) && <Alert>{camera.error ?? error}</Alert>}
      <div className="camera-view">
        <video ref={video} muted playsInline aria-label="Camera" />
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      {camera.running && <CheckResults faces={faces} />}
      <details className="details">
        <summary>Details</summary>
        <p aria-label="Recognition speed">
          {stats.fps.toFixed(1)} frames/s · detect {stats.detectMs.toFixed(0)} ms · embed {stats.embedMs.toFixed(0)} ms · backend {face.backend ?? '…'}
        </p>
        <p aria-label="Face engine mode">
          Face engine: {face.mode ? describeMode(face.mode) : face.status === 'error' ? `failed: ${face.error}` : 'loading…'}
          {face.restarts > 0 && ` · restarted ${face.restarts} time${face.restarts === 1 ? '' : 's'} after a crash`}
        </p>
        <table className="list stack" aria-label="Face readings">
          <thead>
            <tr>
              <th scope="col">Face size</th>
              <th scope="col">Sharpness</th>
              <th scope="col">Brightness</th>
              <th scope="col">Turn (yaw / pitch)</th>
              <th scope="col">Antispoof</th>
              <th scope="col">Liveness</th>
              <th scope="col">Texture</th>
            </tr>
          </thead>
          <tbody>
            {stats.readings.map((r, i) => (
              <tr key={i}>
                <td data-label="Face size">{Math.round(r.size)} px</td>
                <td data-label="Sharpness">{r.sharpness.toFixed(1)}</td>
                <td data-label="Brightness">{r.brightness.toFixed(0)}</td>
                <td data-label="Turn">
                  {r.yaw.toFixed(0)}° / {r.pitch.toFixed(0)}°
                </td>
                <td data-label="Antispoof">{r.antispoof.toFixed(2)}</td>
                <td data-label="Liveness">{r.liveness.toFixed(2)}</td>
                <td data-label="Texture">{Number.isFinite(r.pad) ? r.pad.toFixed(2) : 'not measured'}</td>
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
        <ul key={i} className="verdicts" aria-label={all.length > 1 ? `Face ${i + 1}` : 'The face in view'}>
          {list.map((v) => (
            <li key={v.topic} className={v.ok ? 'good' : 'fix'}>
              <span aria-hidden="true">{v.ok ? '✓' : '!'}</span> {v.topic}: {v.text}
            </li>
          ))}
        </ul>
      ))}
    </div>
  );
}
