// Hooks for the Settings page: the cameras this browser offers, and wiping the device (sync and
// sender stopped first, so nothing refills or resends meanwhile).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { services } from '../core/services.ts';
import { wipeDevice } from './wipe.ts';
import { t } from '../core/i18n.ts';

export interface VideoInput {
  deviceId: string;
  label: string;
}

/** Video inputs; labels stay empty until the user has allowed a camera once, hence "Camera n". */
export function useVideoInputs(): { cameras: VideoInput[]; error: string | null } {
  const [state, setState] = useState<{ cameras: VideoInput[]; error: string | null }>({ cameras: [], error: null });
  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.enumerateDevices) {
      setState({
        cameras: [],
        error: t({ id: 'settings.camera.cannotList', defaultMessage: 'This browser cannot list cameras here (it needs https or localhost).' }),
      });
      return;
    }
    let live = true;
    const load = () =>
      media
        .enumerateDevices()
        .then((all) => {
          const cameras = all
            .filter((d) => d.kind === 'videoinput' && d.deviceId)
            .map((d, i) => ({ deviceId: d.deviceId, label: d.label || t({ id: 'settings.camera.numbered', defaultMessage: 'Camera {n}' }, { n: i + 1 }) }));
          if (live) setState({ cameras, error: null });
        })
        .catch((err: unknown) => live && setState({ cameras: [], error: err instanceof Error ? err.message : String(err) }));
    void load();
    media.addEventListener?.('devicechange', load);
    return () => {
      live = false;
      media.removeEventListener?.('devicechange', load);
    };
  }, []);
  return state;
}

/** The outbox's state read afresh when asked (the wipe confirmation): another tab may have added marks. */
export function usePendingCount(enabled: boolean) {
  return useQuery({ queryKey: ['device-settings', 'pending'], queryFn: () => services.outbox.refresh(), enabled, staleTime: 0, gcTime: 0 });
}

export function useWipeDevice() {
  return useMutation({
    mutationFn: async () => {
      // Neither a pull nor a send may run while the tables are emptied; the reload starts both again.
      await services.session.signedOut();
      await wipeDevice(services.db);
    },
    onSuccess: () => location.reload(),
  });
}
