// Runs guided enrolment on a playing camera preview: about three frames a second go through the
// face worker (one at a time, so a slow machine simply looks less often and the page never waits),
// and a frame that would fill or improve a pose is kept as a JPEG in the pose guide.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { QualityReason } from '@rollcall/face';
import { skipLostFrame, type FaceWorkerClient } from '../face/face-client.ts';
import { loadFaceEngine } from '../face/face-service.ts';
import { judgeFrame, missingSlots, offerFrame, retake, setGlassesOff, setWearsGlasses, startGuide, type GuideSlot, type GuideState } from './pose-guide.ts';

/** A frame every third of a second at most: enough to catch each pose, light on a laptop's CPU. */
const FRAME_EVERY_MS = 333;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function snapshot(video: HTMLVideoElement): HTMLCanvasElement | null {
  if (!video.videoWidth || video.readyState < 2) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return canvas;
}

const toJpeg = (canvas: HTMLCanvasElement) => new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));

export function usePoseGuide(video: RefObject<HTMLVideoElement | null>, active: boolean) {
  const [state, setState] = useState(() => startGuide<Blob>());
  /** Why the latest frame could not be used (shown, not announced: it changes several times a second). */
  const [latest, setLatest] = useState<readonly QualityReason[]>([]);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);

  useEffect(() => {
    if (!active) return;
    let alive = true;
    const look = async (engine: FaceWorkerClient) => {
      // Every pose taken: stop looking (no CPU spent, and nobody who sits down next replaces a
      // kept photo) until a Retake or a new step empties a slot.
      if (missingSlots(current.current).length === 0) return;
      const canvas = video.current && snapshot(video.current);
      if (!canvas) return;
      const analysis = await engine.analyzeFrame(await createImageBitmap(canvas), []).catch(skipLostFrame);
      if (!analysis || !alive) return;
      const probe = judgeFrame(analysis.faces, null);
      setLatest(probe.reasons);
      // Encode only a frame that would be kept; the guide may have moved on while it encodes, so it is offered again.
      if (offerFrame<Blob | null>(current.current, probe).kept === null) return;
      const jpeg = await toJpeg(canvas);
      if (jpeg && alive) setState((s) => offerFrame(s, { ...probe, photo: jpeg }).state);
    };
    void (async () => {
      const engine = await loadFaceEngine();
      if (alive) setReady(true);
      while (alive) {
        const started = performance.now();
        await look(engine);
        await sleep(Math.max(0, FRAME_EVERY_MS - (performance.now() - started)));
      }
    })().catch((err: unknown) => alive && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      alive = false;
    };
  }, [active, video]);

  return {
    state,
    latest,
    ready,
    error,
    retake: useCallback((slot: GuideSlot) => setState((s) => retake(s, slot)), []),
    setWearsGlasses: useCallback((on: boolean) => setState((s) => setWearsGlasses(s, on)), []),
    setGlassesOff: useCallback((off: boolean) => setState((s) => setGlassesOff(s, off)), []),
    restart: useCallback(() => setState((s: GuideState<Blob>) => startGuide<Blob>(s.wearsGlasses)), []),
  };
}
