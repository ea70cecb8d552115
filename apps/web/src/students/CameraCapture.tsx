// Takes enrolment photos from the camera: a mirrored live preview, and either the guided poses
// (PoseGuidePanel) or a button that grabs one frame as a JPEG. The stream stops when the panel closes.
import { useEffect, useRef, useState } from 'react';
import { cameraBlockedHere } from '../camera/secure-context.ts';
import { PoseGuidePanel } from './PoseGuidePanel.tsx';
import { Alert } from '../ui/Alert.tsx';

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
        setError(e.name === 'NotAllowedError' ? 'Camera access was refused. Allow it in the browser to take photos.' : `No camera: ${e.message}`),
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
    canvas.toBlob((b) => b && onPhotos([{ file: b, name: `camera-${new Date().toLocaleTimeString()}.jpg` }]), 'image/jpeg', 0.92);
  };

  return (
    <div className="camera-capture">
      {error ? (
        <Alert>{error}</Alert>
      ) : (
        // Mirrored like a looking glass, so "turn to your left" moves the picture the way the student expects;
        // the photos themselves are taken unmirrored.
        <video ref={video} className="mirrored" muted playsInline aria-label="Camera preview" />
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
            Take photo
          </button>
        )}
        <button type="button" onClick={() => setGuided((g) => !g)} disabled={!!error}>
          {guided ? 'Take single photos instead' : 'Guide me through the poses'}
        </button>
        <button type="button" onClick={onClose}>
          Close camera
        </button>
      </div>
    </div>
  );
}
