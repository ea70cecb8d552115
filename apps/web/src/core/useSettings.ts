// The one way a component reads and saves this device's settings (settings.ts holds their rules).
import { useMutation } from '@tanstack/react-query';
import { useLive } from '../local/live.ts';
import { services } from './services.ts';
import { readSettings, writeSettings, type Settings } from './settings.ts';

/**
 * Live, so a change on the Settings page reaches a running camera at once, and the Settings page
 * never saves back a camera chosen on Take attendance meanwhile. Undefined until read.
 */
export function useSettings(): Settings | undefined {
  return useLive(() => readSettings(services.db), [], undefined);
}

/** Saves a change; the live settings follow the write, nothing else to refresh. */
export function useSaveSettings() {
  return useMutation({ mutationFn: (patch: Partial<Settings>) => writeSettings(services.db, patch) });
}
