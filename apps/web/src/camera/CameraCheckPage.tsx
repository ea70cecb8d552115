// Camera check: the camera with face boxes, quality readings and frames per second. Marks nobody.
import { useRef, useState } from 'react';
import { services } from '../app/services.ts';
import { useStore } from '../app/store.ts';
import { useRecognition } from '../attendance/useRecognition.ts';
import { describeMode, faceStatus } from '../face/face-service.ts';
import { useSettings } from '../settings/settings.ts';
import { useCamera } from './useCamera.ts';

const EMPTY = new Map<string, string>();

export function CameraCheckPage() {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const settings = useSettings(services.db);
  const camera = useCamera(video);
  const face = useStore(faceStatus);
  const [error, setError] = useState<string | null>(null);
  const { stats } = useRecognition({ video, canvas, active: camera.running, mode: 'check', settings, sessionId: null, roster: null, names: EMPTY, alreadyMarked: [], onError: setError });
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
      {(camera.error ?? error) && <p role="alert" className="error">{camera.error ?? error}</p>}
      <div className="camera-view">
        <video ref={video} muted playsInline aria-label="Camera" />
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      <p aria-label="Recognition speed">
        {stats.fps.toFixed(1)} frames/s · detect {stats.detectMs.toFixed(0)} ms · embed {stats.embedMs.toFixed(0)} ms · backend {face.backend ?? '…'}
      </p>
      <details>
        <summary>Details</summary>
        <p aria-label="Face engine mode">
          Face engine: {face.mode ? describeMode(face.mode) : face.status === 'error' ? `failed: ${face.error}` : 'loading…'}
          {face.restarts > 0 && ` · restarted ${face.restarts} time${face.restarts === 1 ? '' : 's'} after a crash`}
        </p>
      </details>
      <table className="list" aria-label="Face readings">
        <thead>
          <tr>
            <th scope="col">Face size</th>
            <th scope="col">Sharpness</th>
            <th scope="col">Brightness</th>
            <th scope="col">Turn (yaw / pitch)</th>
            <th scope="col">Antispoof</th>
            <th scope="col">Liveness</th>
          </tr>
        </thead>
        <tbody>
          {stats.readings.map((r, i) => (
            <tr key={i}>
              <td>{Math.round(r.size)} px</td>
              <td>{r.sharpness.toFixed(1)}</td>
              <td>{r.brightness.toFixed(0)}</td>
              <td>
                {r.yaw.toFixed(0)}° / {r.pitch.toFixed(0)}°
              </td>
              <td>{r.antispoof.toFixed(2)}</td>
              <td>{r.liveness.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
