// A page's subscription to a camera loop that runs on its own: started while `active`, stopped on
// the way out, its stats read as they change.
import { useEffect, type RefObject } from 'react';
import { useObservable, type Store } from '../core/store.ts';
import type { CameraLoop, LoopStats } from './camera-loop.ts';

export interface Runnable {
  start: CameraLoop['start'];
  readonly stats: Store<LoopStats>;
}

export function useCameraLoop(
  loop: Runnable,
  active: boolean,
  video: RefObject<HTMLVideoElement | null>,
  canvas: RefObject<HTMLCanvasElement | null>,
  onError: (message: string) => void,
): LoopStats {
  useEffect(() => (active ? loop.start(video, canvas, onError) : undefined), [loop, active, video, canvas, onError]);
  return useObservable(loop.stats);
}
