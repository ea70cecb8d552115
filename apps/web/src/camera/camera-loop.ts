// The camera's recognition loop in the page: loads the face engine (one retry), runs the core's
// RecognitionLoop on the newest video frame as soon as the last one is done (so it never falls
// behind the camera), draws the overlay and keeps the speed line. It runs on its own, outside
// React: a page starts it, tells it what changed, and subscribes to its stats. What a frame's
// decisions cause (marks, reviews) is the consumer's `act`; Camera check acts on nothing.
import type { RefObject } from 'react';
import { RecognitionLoop, type LoopStep } from '@rollcall/recognition';
import { services } from '../core/services.ts';
import { Store } from '../core/store.ts';
import { grabFrame, skipLostFrame, type FrameAnalysis } from '../face/face-client.ts';
import { loadFaceEngine } from '../face/face-service.ts';
import type { Settings } from '../core/settings.ts';
import { drawOverlay, type OverlayBox } from './overlay.ts';
import { sessionSettings } from './session-params.ts';

export interface FaceReading {
  size: number;
  sharpness: number;
  brightness: number;
  yaw: number;
  pitch: number;
  antispoof: number;
  liveness: number;
  /** The presentation-attack model's live score (1 = live skin); NaN when not measured. */
  pad: number;
}

export interface LoopStats {
  /** Frames analysed since recognition started. */
  frames: number;
  fps: number;
  detectMs: number;
  embedMs: number;
  matchMs: number;
  /** Faces embedded in the last frame (decided tracks are skipped). */
  embedded: number;
  faces: number;
  readings: FaceReading[];
}

export const NO_STATS: LoopStats = { frames: 0, fps: 0, detectMs: 0, embedMs: 0, matchMs: 0, embedded: 0, faces: 0, readings: [] };

/** What the page knows that the session follows while it runs. */
export interface LoopInputs {
  settings: Settings;
  sessionId: string | null;
  roster: ReadonlySet<string> | null;
  /** Students already marked (this session, or recently, also by hand or on other laptops): never marked again. */
  alreadyMarked: readonly string[];
}

export type CameraStep = LoopStep<FrameAnalysis>;

/** One run, from start to stop: track ids restart with each, so `id` keeps what it stored apart. */
export interface LoopRun {
  id: string;
  loop: RecognitionLoop;
  video: HTMLVideoElement;
}

export interface CameraLoopOptions {
  /** Every face analysed in full on every frame (Camera check measures each one); otherwise as the settings say. */
  embedAll?: boolean;
  /** What a frame's decisions cause; the next frame waits for it, so effects keep their order. */
  act?: (step: CameraStep, run: LoopRun) => Promise<void>;
  overlay: (step: CameraStep) => OverlayBox[];
}

export const readingsOf = (step: CameraStep): FaceReading[] =>
  step.frame.faces.map((f) => ({
    size: f.size,
    sharpness: f.sharpness,
    brightness: f.brightness,
    yaw: f.pose.yaw,
    pitch: f.pose.pitch,
    antispoof: f.antispoof,
    liveness: f.liveness,
    pad: f.pad,
  }));

export class CameraLoop {
  readonly stats = new Store<LoopStats>(NO_STATS);
  private loop: RecognitionLoop | null = null;

  constructor(
    private readonly opts: CameraLoopOptions,
    private inputs: LoopInputs,
  ) {}

  private embedDecided(s: Settings): boolean {
    // Decided tracks are only located, not embedded again, unless asked (to benchmark the full path).
    return this.opts.embedAll === true || s.embedDecided;
  }

  /** The page's inputs, whenever one changes: a running session takes them before its next frame. */
  update(next: LoopInputs): void {
    const prev = this.inputs;
    this.inputs = next;
    const loop = this.loop;
    if (!loop) return;
    if (next.settings !== prev.settings || next.sessionId !== prev.sessionId)
      loop.configure({ ...sessionSettings(next.settings, next.sessionId), embedDecided: this.embedDecided(next.settings) });
    if (next.roster !== prev.roster) loop.setRoster(next.roster);
    loop.noteMarked(next.alreadyMarked, performance.now());
  }

  /** Runs until the returned stop is called; an error (the engine would not load) ends it and is told. */
  start(video: RefObject<HTMLVideoElement | null>, canvas: RefObject<HTMLCanvasElement | null>, onError: (message: string) => void): () => void {
    let running = true;
    let unsubscribe = () => {};
    const id = crypto.randomUUID();
    this.stats.set(NO_STATS);
    const times: number[] = [];
    let frames = 0;
    void (async () => {
      try {
        const backend = this.inputs.settings.backend;
        // A failed load is not remembered: starting again retries it (e.g. after a flaky network).
        const engine = await loadFaceEngine(backend).catch(() => loadFaceEngine(backend));
        const gallery = await services.gallery.get();
        if (!running) return; // stopped while loading
        // The inputs as they are now, read in the same tick that makes the loop reachable by update().
        const { settings, sessionId, roster, alreadyMarked } = this.inputs;
        const loop = new RecognitionLoop({ gallery, roster, ...sessionSettings(settings, sessionId), embedDecided: this.embedDecided(settings) });
        loop.noteMarked(alreadyMarked, performance.now());
        // A sync reset rebuilds the gallery: swap it in (other changes update it in place).
        unsubscribe = services.gallery.onReplaced((g) => loop.setGallery(g));
        this.loop = loop;
        while (running) {
          const v = video.current;
          if (!v || v.readyState < 2 || !v.videoWidth) {
            await new Promise((r) => setTimeout(r, 100));
            continue;
          }
          const at = performance.now();
          // A frame dropped for a newer one, or lost with a crashed worker (restarted on the next call), is skipped.
          const step = await loop.step(at, async (skip, tiles) => engine.analyzeFrame(await grabFrame(v), skip, at, tiles).catch(skipLostFrame));
          if (!step) continue;
          await this.opts.act?.(step, { id, loop, video: v });
          if (canvas.current) drawOverlay(canvas.current, v.videoWidth, v.videoHeight, this.opts.overlay(step));
          const now = performance.now();
          times.push(now);
          while (times.length > 1 && now - times[0]! > 3000) times.shift();
          frames++;
          this.stats.set({
            frames,
            fps: times.length > 1 ? ((times.length - 1) * 1000) / (now - times[0]!) : 0,
            detectMs: step.frame.timing.detectMs,
            embedMs: step.frame.timing.embedMs,
            matchMs: step.matchMs,
            embedded: step.frame.faces.filter((f) => f.embedding).length,
            faces: step.frame.faces.length,
            readings: readingsOf(step),
          });
          // Let the page paint and handle input between frames.
          await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        }
      } catch (err) {
        onError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      running = false;
      this.loop = null;
      unsubscribe();
    };
  }
}
