// The classroom camera: start it with the chosen device and resolution, stop it, and list the
// cameras for a picker. The stream is attached to the given video element.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { cameraBlockedHere } from './secure-context.ts';
import { t } from '../core/i18n.ts';

export interface CameraState {
  running: boolean;
  error: string | null;
  devices: MediaDeviceInfo[];
}

export function useCamera(video: RefObject<HTMLVideoElement | null>) {
  const stream = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>({ running: false, error: null, devices: [] });

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
    setState((s) => ({ ...s, running: false }));
  }, [video]);

  const start = useCallback(
    async (deviceId: string, resolution: string) => {
      stop();
      const blocked = cameraBlockedHere();
      if (blocked) return setState((st) => ({ ...st, running: false, error: blocked }));
      const [width, height] = resolution.split('x').map(Number);
      try {
        const s = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { ...(deviceId && { deviceId: { exact: deviceId } }), width: { ideal: width }, height: { ideal: height } },
        });
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play();
        }
        const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
        setState({ running: true, error: null, devices });
      } catch (err) {
        const e = err as Error;
        const error =
          e.name === 'NotAllowedError'
            ? t({ id: 'camera.refused', defaultMessage: 'Camera access was refused. Allow the camera for this site in the browser.' })
            : e.name === 'NotFoundError'
              ? t({ id: 'camera.notFound', defaultMessage: 'No camera found.' })
              : t({ id: 'camera.couldNotStart', defaultMessage: 'The camera could not start: {error}' }, { error: e.message });
        setState((st) => ({ ...st, running: false, error }));
      }
    },
    [stop, video],
  );

  useEffect(() => stop, [stop]);
  return { ...state, start, stop };
}
