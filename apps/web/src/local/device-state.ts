// The one owner of this browser's identity outside IndexedDB: the device id every mark carries and
// the last known signed-in user (read when the network is down). Both live in localStorage, which
// a device wipe leaves alone: the laptop stays the same device and stays signed in.
import type { Me } from '@rollcall/contracts';

const KEYS = { deviceId: 'rollcall.deviceId', me: 'rollcall.me' } as const;

/** This browser's id, made once and kept. */
export function deviceId(storage: Storage = localStorage): string {
  let id = storage.getItem(KEYS.deviceId);
  if (!id) {
    id = `browser-${crypto.randomUUID().slice(0, 8)}`;
    storage.setItem(KEYS.deviceId, id);
  }
  return id;
}

export function cachedMe(storage: Storage = localStorage): Me | null {
  try {
    const raw = storage.getItem(KEYS.me);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

export function rememberMe(me: Me | null, storage: Storage = localStorage): void {
  if (me) storage.setItem(KEYS.me, JSON.stringify(me));
  else storage.removeItem(KEYS.me);
}
