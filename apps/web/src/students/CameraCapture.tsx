// Takes enrolment photos from the camera: a live preview and a button that grabs one frame as a
// JPEG. The stream stops when the panel closes.
import { useEffect, useRef, useState } from 'react';
import { cameraBlockedHere } from '../camera/secure-context.ts';

export function CameraCapture({ onCapture, onClose }: { onCapture: (photo: Blob) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
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
    canvas.toBlob((b) => b && onCapture(b), 'image/jpeg', 0.92);
  };

  return (
    <div className="camera-capture">
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : (
        <video ref={video} muted playsInline aria-label="Camera preview" />
      )}
      <div className="row">
        <button type="button" onClick={capture} disabled={!!error}>
          Take photo
        </button>
        <button type="button" onClick={onClose}>
          Close camera
        </button>
      </div>
    </div>
  );
}
