// Browsers give the camera only to secure pages (https, or localhost): on a school server reached
// over plain http, navigator.mediaDevices is missing, and so are service workers and
// crypto.randomUUID. Say so in plain words, with the address to use.

export interface PageAddress {
  protocol: string;
  host: string;
  pathname: string;
  search: string;
}

/** Why the camera cannot start on this page, in words a teacher can act on; null when it can. */
export function insecureCameraMessage(secure: boolean, at: PageAddress): string | null {
  if (secure) return null;
  return `The camera only works on a secure address. Open ${httpsOf(at)} instead of ${at.protocol}//${at.host}. If that address does not load, ask whoever runs the Rollcall server to set up HTTPS (see the README).`;
}

const httpsOf = (at: PageAddress) => `https://${at.host.replace(/:80$/, '')}${at.pathname}${at.search}`;

/** The one sentence the whole app shows instead of itself on an insecure page; null on a secure one. */
export function insecurePageMessage(secure: boolean, at: PageAddress): string | null {
  if (secure) return null;
  return `Rollcall only works on a secure address: open ${httpsOf(at)} instead of ${at.protocol}//${at.host}, and if that does not load, ask whoever runs the Rollcall server to set up HTTPS.`;
}

/** The message for the page the app is running in. */
export const cameraBlockedHere = (): string | null => insecureCameraMessage(window.isSecureContext && navigator.mediaDevices !== undefined, window.location);
