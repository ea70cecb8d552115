// Browsers give the camera only to secure pages (https, or localhost): on a school server reached
// over plain http, navigator.mediaDevices is missing. Say so in plain words, with the address to use.

export interface PageAddress {
  protocol: string;
  host: string;
  pathname: string;
  search: string;
}

/** Why the camera cannot start on this page, in words a teacher can act on; null when it can. */
export function insecureCameraMessage(secure: boolean, at: PageAddress): string | null {
  if (secure) return null;
  const https = `https://${at.host.replace(/:80$/, '')}${at.pathname}${at.search}`;
  return `The camera only works on a secure address. Open ${https} instead of ${at.protocol}//${at.host}. If that address does not load, ask whoever runs the Rollcall server to set up HTTPS (see the README).`;
}

/** The message for the page the app is running in. */
export const cameraBlockedHere = (): string | null => insecureCameraMessage(window.isSecureContext && navigator.mediaDevices !== undefined, window.location);
