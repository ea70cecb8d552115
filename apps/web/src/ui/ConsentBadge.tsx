// The "manual" badge: a student the camera never recognises (no consent), marked by hand.
import { isCameraFree } from '../core/camera-free.ts';
import { t } from '../core/i18n.ts';

export function ConsentBadge({ student }: { student: { cameraFree?: boolean | undefined } }) {
  if (!isCameraFree(student)) return null;
  return (
    <span className="badge manual" title={t({ id: 'ui.consentBadge.title', defaultMessage: 'No biometric consent: register this student by hand' })}>
      {t({ id: 'ui.consentBadge.manual', defaultMessage: 'manual' })}
    </span>
  );
}
