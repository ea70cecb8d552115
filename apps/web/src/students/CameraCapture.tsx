// Takes enrolment photos from the camera: a mirrored live preview, and either the guided poses
// (PoseGuidePanel) or a button that grabs one frame as a JPEG. The stream stops when the panel closes.
import { useEffect, useRef, useState } from 'react';
import { cameraBlockedHere } from '../camera/secure-context.ts';
import { PoseGuidePanel } from './PoseGuidePanel.tsx';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

export function CameraCapture({ onPhotos, onClose }: { onPhotos: (photos: { file: Blob; name: string }[]) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [guided, setGuided] = useState(true);
  useEffect(() => {
    let stream: MediaStream | null = null;
    const blocked = cameraBlockedHere();
    if (blocked) return setError(blocked);
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch((e: Error) =>
        setError(
          e.name === 'NotAllowedError'
            ? t({ id: 'students.camera.refused', defaultMessage: 'Camera access was refused. Allow it in the browser to take photos.' })
            : t({ id: 'students.camera.none', defaultMessage: 'No camera: {error}' }, { error: e.message }),
        ),
      );
    return () => stream?.getTracks().forEach((t) => t.stop());
  }, []);

  const capture = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    canvas.toBlob((b) => b && onPhotos([{ file: b, name: `camera-${new Date().toTimeString().slice(0, 8).replaceAll(':', '.')}.jpg` }]), 'image/jpeg', 0.92);
  };

  return (
    <div className="camera-capture">
      {error ? (
        <Alert>{error}</Alert>
      ) : (
        // Mirrored like a looking glass, so "turn to your left" moves the picture the way the student expects;
        // the photos themselves are taken unmirrored.
        <video ref={video} className="mirrored" muted playsInline aria-label={t({ id: 'students.camera.preview', defaultMessage: 'Camera preview' })} />
      )}
      {guided && !error && (
        <PoseGuidePanel
          video={video}
          active
          onUse={(photos) => {
            onPhotos(photos);
            onClose();
          }}
        />
      )}
      <div className="row">
        {!guided && (
          <button type="button" onClick={capture} disabled={!!error}>
            {t({ id: 'students.camera.take', defaultMessage: 'Take photo' })}
          </button>
        )}
        <button type="button" onClick={() => setGuided((g) => !g)} disabled={!!error}>
          {guided
            ? t({ id: 'students.camera.single', defaultMessage: 'Take single photos instead' })
            : t({ id: 'students.camera.guided', defaultMessage: 'Guide me through the poses' })}
        </button>
        <button type="button" onClick={onClose}>
          {t({ id: 'students.camera.close', defaultMessage: 'Close camera' })}
        </button>
      </div>
    </div>
  );
}
