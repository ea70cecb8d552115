// The "manual" badge: a student the camera never recognises (no consent), marked by hand.
import { isCameraFree } from '../core/camera-free.ts';

export function ConsentBadge({ student }: { student: { cameraFree?: boolean | undefined } }) {
  if (!isCameraFree(student)) return null;
  return (
    <span className="badge manual" title="No biometric consent: register this student by hand">
      manual
    </span>
  );
}
