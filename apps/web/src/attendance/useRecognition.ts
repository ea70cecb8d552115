// The recognition loop: take the newest camera frame as soon as the last one is done (so it never
// falls behind the camera), run the face pipeline, hand the frame to the recognition core
// (@rollcall/recognition) and act on what it decides: marks through the outbox, review items with
// a thumbnail and what a confirmation may teach, learning from clear marks, the overlay and the
// speed line. In 'check' mode (camera check) it only measures and draws.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { TILE_EVERY_MS, tileSchedule } from '@rollcall/face';
import { RecognitionSession, reviewSighting, type Candidate, type ReviewReason, type Sighting } from '@rollcall/recognition';
import { services } from '../app/services.ts';
import { drawOverlay } from '../camera/overlay.ts';
import { grabFrame, skipLostFrame } from '../face/face-client.ts';
import { loadFaceEngine } from '../face/face-service.ts';
import type { Settings } from '../settings/settings.ts';
import { resolveReviews } from '../review/review-store.ts';
import type { SightingLearner } from './learn-sightings.ts';
import { faceMarkReason, makeMark } from './marking.ts';
import { notePresentations } from './presentations.ts';
import { label, livenessParams, recognitionParams, thumbnail, tone } from './recognition-view.ts';

export interface ReviewItem {
  trackId: number;
  /** This run of the loop and its track: what the stored review row is found by when the track is marked after all. */
  track: string;
  thumbnail: string;
  /** The top two by score, none stranger-like; empty when nobody enrolled comes close. */
  candidates: Candidate[];
  why: ReviewReason;
  /** The liveness rule's reasons ('liveness' and 'presentation'; empty otherwise): what the queue words its line from. */
  reasons: string[];
  /** What a teacher's confirmation of the top candidate may teach; null when nothing could. */
  learn: Sighting | null;
}

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

export interface RecognitionInput {
  video: RefObject<HTMLVideoElement | null>;
  canvas: RefObject<HTMLCanvasElement | null>;
  active: boolean;
  mode: 'recognise' | 'check';
  settings: Settings;
  sessionId: string | null;
  roster: ReadonlySet<string> | null;
  names: ReadonlyMap<string, string>;
  /** Students already marked (this session, or recently, also by hand or on other laptops): never marked again by this loop. */
  alreadyMarked: readonly string[];
  /** The page's learner: clear marks teach through it (none in 'check' mode, which marks nobody). */
  learner?: SightingLearner;
  onError: (message: string) => void;
}

export function useRecognition(input: RecognitionInput) {
  const [stats, setStats] = useState<LoopStats>({ frames: 0, fps: 0, detectMs: 0, embedMs: 0, matchMs: 0, embedded: 0, faces: 0, readings: [] });
  const [review, setReview] = useState<ReviewItem[]>([]);
  const latest = useRef(input);
  latest.current = input;

  useEffect(() => {
    if (!input.active) return;
    let running = true;
    let unsubscribe = () => {};
    // Track ids restart with every run: the run's id keeps stored review rows apart.
    const run = crypto.randomUUID();
    // Wide frames are also searched in tiles for small faces, at most once a second.
    const tilesFor = tileSchedule(TILE_EVERY_MS);
    const times: number[] = [];
    let frames = 0;
    void (async () => {
      try {
        // A failed load is not remembered: starting recognition again retries it (e.g. after a flaky network).
        const engine = await loadFaceEngine(latest.current.settings.backend).catch(() => loadFaceEngine(latest.current.settings.backend));
        const first = latest.current;
        const session = new RecognitionSession({
          gallery: await services.gallery.get(),
          roster: first.roster,
          params: recognitionParams(first.settings),
          liveness: livenessParams(first.settings),
          inSession: first.sessionId !== null,
          cooldownMs: first.settings.cooldownSeconds * 1000,
        });
        // A sync reset rebuilds the gallery: swap it in (other changes update it in place).
        unsubscribe = services.gallery.onReplaced((g) => session.setGallery(g));
        if (!running) unsubscribe(); // stopped while loading
        const noted = new Set<string>();
        let seen = { settings: first.settings, sessionId: first.sessionId, roster: first.roster };
        while (running) {
          const { video, canvas, settings, sessionId, roster, names, mode, alreadyMarked } = latest.current;
          const v = video.current;
          if (!v || v.readyState < 2 || !v.videoWidth) {
            await new Promise((r) => setTimeout(r, 100));
            continue;
          }
          const at = performance.now();
          if (settings !== seen.settings || sessionId !== seen.sessionId) {
            session.configure({
              params: recognitionParams(settings),
              liveness: livenessParams(settings),
              inSession: sessionId !== null,
              cooldownMs: settings.cooldownSeconds * 1000,
            });
          }
          if (roster !== seen.roster) session.setRoster(roster);
          seen = { settings, sessionId, roster };
          const fresh = alreadyMarked.filter((s) => !noted.has(s));
          fresh.forEach((s) => noted.add(s));
          if (fresh.length) session.noteMarked(fresh, at);
          // Faces of decided tracks are only detected, not embedded again (unless asked, to benchmark).
          const embedAll = mode === 'check' || settings.embedDecided;
          const skip = embedAll ? [] : session.skipBoxes(at);
          // A frame dropped for a newer one, or lost with a crashed worker (restarted on the next call), is skipped.
          const result = await engine.analyzeFrame(await grabFrame(v), skip, at, tilesFor(at)).catch(skipLostFrame);
          if (!result) continue;
          const tm = performance.now();
          const step = mode === 'recognise' ? session.push(result) : null;
          const matchMs = performance.now() - tm;
          if (step) {
            for (const m of step.marks) {
              // A mark made in doubt (the school's 'flag' choice) says so in the register.
              await makeMark(services.outbox, { studentId: m.studentId, sessionId, similarity: m.score, method: 'face', reason: faceMarkReason(m) });
              // Not awaited: learning is a bonus that must never hold up or break the loop (it catches its own failures).
              void latest.current.learner?.fromMark(m, new Date());
              // Shown live after waiting in review: the review is answered by the mark.
              if (m.resolves) {
                const settled = m.resolvesTrack ?? m.trackId;
                setReview((list) => list.filter((i) => i.trackId !== settled));
                await resolveReviews(services.db, `${run}:${settled}`, m.resolves);
                // It moved like a live person after all: it no longer counts as a photo or a screen.
                if (m.resolves === 'presentation') await notePresentations(services.db, sessionId, -1);
              }
            }
            const items = step.reviews.map((r): ReviewItem => ({
              trackId: r.trackId,
              track: `${run}:${r.trackId}`,
              thumbnail: thumbnail(v, r.box),
              candidates: r.candidates,
              why: r.why,
              reasons: r.reasons,
              learn: reviewSighting(r),
            }));
            if (items.length) setReview((list) => [...items, ...list].slice(0, 50));
            await notePresentations(services.db, sessionId, step.reviews.filter((r) => r.why === 'presentation').length);
          }
          if (canvas.current) {
            const boxes = step
              ? step.tracks.map((t) => ({ box: t.box, label: label(t, names), tone: tone(t) }))
              : result.faces.map((f) => ({ box: f.box, label: `${Math.round(f.size)}px`, tone: 'pending' as const }));
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
            readings: result.faces.map((f) => ({
              size: f.size,
              sharpness: f.sharpness,
              brightness: f.brightness,
              yaw: f.pose.yaw,
              pitch: f.pose.pitch,
              antispoof: f.antispoof,
              liveness: f.liveness,
              pad: f.pad,
            })),
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
      unsubscribe();
    };
  }, [input.active]);

  const dismiss = (trackId: number) => setReview((r) => r.filter((i) => i.trackId !== trackId));
  return { stats, review, dismiss };
}
