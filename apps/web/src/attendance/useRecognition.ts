// The recognition loop: take the newest camera frame as soon as the last one is done (so it never
// falls behind the camera), detect and embed faces, follow them as tracks, decide per track,
// and mark through the outbox. In 'check' mode (camera check) it only measures and draws.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { services } from '../app/services.ts';
import { drawOverlay, type OverlayBox } from '../camera/overlay.ts';
import { grabFrame, skipLostFrame } from '../face/face-client.ts';
import { loadFaceEngine } from '../face/face-service.ts';
import type { Settings } from '../settings/settings.ts';
import { decideTrack } from './decide.ts';
import { makeMark, MarkedRegistry } from './marking.ts';
import { Tracker, type Box, type Track } from './tracker.ts';

export interface ReviewItem {
  trackId: number;
  thumbnail: string;
  studentId: string | null;
  score: number | null;
  why: 'close' | 'ambiguous' | 'liveness';
}

export interface FaceReading {
  size: number;
  sharpness: number;
  brightness: number;
  yaw: number;
  pitch: number;
  antispoof: number;
  liveness: number;
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

export interface RecognitionInput {
  video: RefObject<HTMLVideoElement | null>;
  canvas: RefObject<HTMLCanvasElement | null>;
  active: boolean;
  mode: 'recognise' | 'check';
  settings: Settings;
  sessionId: string | null;
  roster: ReadonlySet<string> | null;
  names: ReadonlyMap<string, string>;
  /** Students already marked (this session, or recently): never marked again by this loop. */
  alreadyMarked: readonly string[];
  onError: (message: string) => void;
}

function thumbnail(video: HTMLVideoElement, [x, y, w, h]: Box): string {
  const c = document.createElement('canvas');
  c.width = 96;
  c.height = 96;
  const pad = 0.25 * Math.max(w, h);
  c.getContext('2d')!.drawImage(video, x - pad, y - pad, w + 2 * pad, h + 2 * pad, 0, 0, 96, 96);
  return c.toDataURL('image/jpeg', 0.8);
}

function label(t: Track, names: ReadonlyMap<string, string>): OverlayBox['label'] {
  const s = t.state;
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : 'unknown');
  if (s.kind === 'marked' || s.kind === 'already') return `${who(s.studentId)} ${s.score.toFixed(2)}${s.kind === 'already' ? ' (already marked)' : ''}`;
  if (s.kind === 'review') return `${who(s.studentId)}? needs review`;
  if (s.kind === 'unknown') return s.score === null ? 'unknown' : `unknown ${s.score.toFixed(2)}`;
  return '…';
}

const tone = (t: Track): OverlayBox['tone'] => (t.state.kind === 'marked' || t.state.kind === 'already' ? 'known' : t.state.kind === 'unknown' ? 'unknown' : t.state.kind === 'review' ? 'review' : 'pending');

export function useRecognition(input: RecognitionInput) {
  const [stats, setStats] = useState<LoopStats>({ frames: 0, fps: 0, detectMs: 0, embedMs: 0, matchMs: 0, embedded: 0, faces: 0, readings: [] });
  const [review, setReview] = useState<ReviewItem[]>([]);
  const latest = useRef(input);
  latest.current = input;

  useEffect(() => {
    if (!input.active) return;
    let running = true;
    const tracker = new Tracker();
    const registry = new MarkedRegistry(input.settings.cooldownSeconds * 1000);
    registry.seed(input.alreadyMarked, Date.now());
    const times: number[] = [];
    let frames = 0;
    void (async () => {
      try {
        // A failed load is not remembered: starting recognition again retries it (e.g. after a flaky network).
        const engine = await loadFaceEngine(latest.current.settings.backend).catch(() => loadFaceEngine(latest.current.settings.backend));
        const gallery = await services.gallery.get();
        while (running) {
          const { video, canvas, settings, sessionId, roster, names, mode } = latest.current;
          const v = video.current;
          if (!v || v.readyState < 2 || !v.videoWidth) {
            await new Promise((r) => setTimeout(r, 100));
            continue;
          }
          registry.setCooldown(settings.cooldownSeconds * 1000);
          registry.seed(latest.current.alreadyMarked.filter((s) => registry.canMark(s, Date.now(), true)), Date.now());
          // Faces of decided tracks are only detected, not embedded again (unless asked, to benchmark).
          const embedAll = mode === 'check' || settings.embedDecided;
          const result = await engine.analyzeFrame(await grabFrame(v), embedAll ? [] : tracker.all.filter((t) => tracker.isDecided(t.box)).map((t) => t.box)).catch(skipLostFrame);
          if (!result) continue;
          const tm = performance.now();
          const tracks = tracker.update(result.faces.map((f) => ({ box: f.box, embedding: f.embedding, antispoof: f.antispoof, liveness: f.liveness })));
          if (mode === 'recognise') {
            for (const t of tracks) {
              if (t.state.kind === 'marked' || t.state.kind === 'already' || t.state.kind === 'review') continue;
              const out = decideTrack(t, gallery, roster, { ...settings, reviewBand: 0.04 });
              if (out.kind === 'wait') continue;
              if (out.kind === 'unknown') t.state = { kind: 'unknown', score: out.score };
              else if (out.kind === 'review') {
                t.state = { kind: 'review', studentId: out.studentId, score: out.score };
                const item: ReviewItem = { trackId: t.id, thumbnail: thumbnail(v, t.box), studentId: out.studentId, score: out.score, why: out.why };
                setReview((r) => [item, ...r].slice(0, 50));
              } else if (registry.canMark(out.studentId, Date.now(), sessionId !== null)) {
                registry.record(out.studentId, Date.now());
                t.state = { kind: 'marked', studentId: out.studentId, score: out.score };
                await makeMark(services.outbox, { studentId: out.studentId, sessionId, similarity: out.score, method: 'face' });
              } else t.state = { kind: 'already', studentId: out.studentId, score: out.score };
            }
          }
          const matchMs = performance.now() - tm;
          if (canvas.current) {
            const boxes = mode === 'recognise' ? tracks.map((t) => ({ box: t.box, label: label(t, names), tone: tone(t) })) : result.faces.map((f) => ({ box: f.box, label: `${Math.round(f.size)}px`, tone: 'pending' as const }));
            drawOverlay(canvas.current, v.videoWidth, v.videoHeight, boxes);
          }
          const now = performance.now();
          times.push(now);
          while (times.length > 1 && now - times[0]! > 3000) times.shift();
          frames++;
          setStats({
            frames,
            fps: times.length > 1 ? ((times.length - 1) * 1000) / (now - times[0]!) : 0,
            detectMs: result.timing.detectMs,
            embedMs: result.timing.embedMs,
            matchMs,
            embedded: result.faces.filter((f) => f.embedding).length,
            faces: result.faces.length,
            readings: result.faces.map((f) => ({ size: f.size, sharpness: f.sharpness, brightness: f.brightness, yaw: f.pose.yaw, pitch: f.pose.pitch, antispoof: f.antispoof, liveness: f.liveness })),
          });
          // Let the page paint and handle input between frames.
          await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        }
      } catch (err) {
        latest.current.onError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      running = false;
    };
  }, [input.active]);

  const dismiss = (trackId: number) => setReview((r) => r.filter((i) => i.trackId !== trackId));
  return { stats, review, dismiss };
}
