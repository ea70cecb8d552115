// Browsers give the camera only to secure pages (https, or localhost): on a school server reached
// over plain http, navigator.mediaDevices is missing, and so are service workers and
// crypto.randomUUID. Say so in plain words, with the address to use.
import { t } from '../core/i18n.ts';

export interface PageAddress {
  protocol: string;
  host: string;
  pathname: string;
  search: string;
}

/** Why the camera cannot start on this page, in words a teacher can act on; null when it can. */
export function insecureCameraMessage(secure: boolean, at: PageAddress): string | null {
  if (secure) return null;
  return t(
    {
      id: 'camera.insecure',
      defaultMessage:
        'The camera only works on a secure address. Open {secure} instead of {insecure}. If that address does not load, ask whoever runs the Rollcall server to set up HTTPS (see the README).',
    },
    { secure: httpsOf(at), insecure: `${at.protocol}//${at.host}` },
  );
}

const httpsOf = (at: PageAddress) => `https://${at.host.replace(/:80$/, '')}${at.pathname}${at.search}`;

/** The one sentence the whole app shows instead of itself on an insecure page; null on a secure one. */
export function insecurePageMessage(secure: boolean, at: PageAddress): string | null {
  if (secure) return null;
  return t(
    {
      id: 'camera.insecurePage',
      defaultMessage:
        'Rollcall only works on a secure address: open {secure} instead of {insecure}, and if that does not load, ask whoever runs the Rollcall server to set up HTTPS.',
    },
    { secure: httpsOf(at), insecure: `${at.protocol}//${at.host}` },
  );
}

/** The message for the page the app is running in. */
export const cameraBlockedHere = (): string | null => insecureCameraMessage(window.isSecureContext && navigator.mediaDevices !== undefined, window.location);
