// The recognition session end to end on synthetic embeddings and synthetic meshes: decisions,
// quality weighting, review candidates, swap detection on the light path, the session/cooldown
// rules, and track liveness (a turning head marks; a still or hand-held picture never does).
import { describe, expect, it } from 'vitest';
import { Gallery } from '@rollcall/matcher';
import { DEFAULT_LIVENESS } from './liveness/index.ts';
import { RecognitionSession, type SessionOptions, type SessionStep, type TrackState } from './session.ts';
import { blend, clipMesh, faceClip, galleryOf, PARAMS, population, type ClipFrame, type Motion } from './testing/faces.ts';
import type { Box, FaceObservation } from './types.ts';

// Faces of 160 px: liveness limits hold as set from `noiseWidthPx` up (smaller faces: liveness/assess.test.ts).
const A: Box = [100, 100, 160, 160];
const B: Box = [440, 100, 160, 160];
/** A turning head is judged live at its 5th frame with a mesh: no mark comes earlier. */
const LIVE_AT = DEFAULT_LIVENESS.minFrames;

async function setup(over: Partial<SessionOptions> = {}, motion: Motion = 'head') {
  const faces = population();
  const face = faceClip(motion);
  const gallery = await galleryOf(faces, 4);
  const session = new RecognitionSession({ gallery, roster: null, params: PARAMS, liveness: DEFAULT_LIVENESS, inSession: true, cooldownMs: 60_000, ...over });
  let at = 0;
  /** One frame 100 ms after the last. */
  const push = (...obs: FaceObservation[]): SessionStep => session.push({ at: (at += 100), width: 1280, height: 720, faces: obs });
  return { faces, face, gallery, session, push, now: () => at, skip: (ms: number) => (at += ms) };
}

describe('deciding a track', () => {
  it('waits for consensus and for the head to move, then marks once with the frames it rests on', async () => {
    const { faces, face, push } = await setup();
    expect(push(face(A, faces.sample(0))).tracks[0]!.state).toEqual({ kind: 'pending' });
    expect(push(face(A, faces.sample(0))).tracks[0]!.state).toEqual({ kind: 'pending' });
    // Consensus (3 frames) is reached before liveness (5): the track waits, pending, and says for what.
    for (let i = 3; i < LIVE_AT; i++) expect(push(face(A, faces.sample(0))).tracks[0]!.state).toEqual({ kind: 'pending', waiting: { for: 'life' } });
    const step = push(face(A, faces.sample(0)));
    expect(step.marks).toHaveLength(1);
    const mark = step.marks[0]!;
    expect(mark).toMatchObject({ trackId: step.tracks[0]!.id, studentId: 'S0', at: LIVE_AT * 100 });
    expect(mark.score).toBeGreaterThanOrEqual(PARAMS.threshold);
    expect(mark.evidence).toMatchObject({ counted: 3, agreeing: 3 });
    // All five frames are listed; the newest three that count are the ones matched.
    expect(mark.evidence.frames.map((f) => f.top?.studentId)).toEqual([undefined, undefined, 'S0', 'S0', 'S0']);
    expect(step.tracks[0]!.state).toMatchObject({ kind: 'marked', studentId: 'S0' });
    // Decided: no second mark from the same track.
    expect(push(face(A, faces.sample(0))).marks).toEqual([]);
  });

  it('leaves a stranger unknown and never offers them as anyone', async () => {
    const { faces, face, push } = await setup();
    let step!: SessionStep;
    for (let i = 0; i < 6; i++) step = push(face(A, faces.sample(9)));
    expect(step.tracks[0]!.state.kind).toBe('unknown');
    expect(step.reviews).toEqual([]);
  });

  it('follows an unknown face on the light path, and still marks a student who becomes recognisable at the re-check', async () => {
    const { faces, face, push, session, now } = await setup();
    // Turned away at first: more like nobody enrolled than like S2.
    const away = () => face(A, blend(faces.sample(2), faces.sample(9), 0.2));
    let step!: SessionStep;
    for (let i = 0; i < 4; i++) step = push(away());
    expect(step.tracks[0]!.state.kind).toBe('unknown');
    // Not embedded again until its re-check falls due.
    expect(session.skipBoxes(now())).toHaveLength(1);
    const marks = [];
    for (let t = 0; t < PARAMS.reverifyMs + 1500; t += 100) {
      const skipped = session.skipBoxes(now() + 100).length > 0;
      marks.push(...push(skipped ? face(A, null, { mesh: null }) : face(A, faces.sample(2))).marks);
    }
    expect(marks.map((m) => m.studentId)).toEqual(['S2']);
  });

  it('does not mark a student outside the roster, and the roster can change', async () => {
    const { faces, face, push, session } = await setup({ roster: new Set(['S1', 'S2']) });
    for (let i = 0; i < 3; i++) expect(push(face(A, faces.sample(0))).marks).toEqual([]);
    session.setRoster(new Set(['S0']));
    const marks = [];
    for (let i = 3; i < LIVE_AT; i++) marks.push(...push(face(A, faces.sample(0))).marks);
    expect(marks.map((m) => m.studentId)).toEqual(['S0']);
  });

  it('swaps in a new gallery (a sync reset): a face unknown before is marked after', async () => {
    const faces = population();
    const empty = await Gallery.create({ modelId: 'faceapi-resnet@1.7.15' });
    const session = new RecognitionSession({ gallery: empty, roster: null, params: PARAMS, liveness: DEFAULT_LIVENESS, inSession: true, cooldownMs: 0 });
    const face = faceClip();
    const frame = (at: number) => ({ at, width: 640, height: 480, faces: [face(A, faces.sample(0))] });
    let state;
    for (let at = 0; at < 300; at += 100) state = session.push(frame(at)).tracks[0]!.state;
    expect(state).toEqual({ kind: 'unknown', score: null });
    session.setGallery(await galleryOf(faces, 2));
    const marks = [];
    for (let at = 300; at < LIVE_AT * 100; at += 100) marks.push(...session.push(frame(at)).marks);
    expect(marks.map((m) => m.studentId)).toEqual(['S0']);
  });
});

describe('quality-aware tracks', () => {
  it('frames with closed eyes, heavy blur, a strong turn or a tiny face do not count', async () => {
    const { faces, face, push } = await setup();
    const bad: ClipFrame[] = [{ eyes: 0.05 }, { sharpness: 0.5 }, { pose: { yaw: 70, pitch: 0, roll: 0 } }, { size: 30 }];
    let step!: SessionStep;
    for (const over of bad) step = push(face(A, faces.sample(0), over));
    // The page can say why nothing is decided yet: every frame so far had something wrong.
    const waiting = (step.tracks[0]!.state as Extract<TrackState, { kind: 'pending' }>).waiting;
    expect(waiting).toMatchObject({ for: 'clear-frames' });
    expect(waiting?.for === 'clear-frames' && [...waiting.flaws].sort()).toEqual(['blurred', 'eyes-closed', 'small', 'turned']);
    expect(step.tracks[0]!.frames).toBe(4);
    push(face(A, faces.sample(0)));
    push(face(A, faces.sample(0)));
    step = push(face(A, faces.sample(0)));
    expect(step.marks).toHaveLength(1);
    // The evidence shows the frames left out, and why.
    const ignored = step.marks[0]!.evidence.frames.filter((f) => f.weight === 0).map((f) => f.flaws);
    expect(ignored).toEqual([['eyes-closed'], ['blurred'], ['turned'], ['small']]);
  });

  it('poor frames that drift towards another student do not pull the track to them', async () => {
    const { faces, face, push, gallery } = await setup();
    // Blurred, eyes-closed frames that on their own read as S1.
    const drift = () => blend(faces.sample(1), faces.sample(0), 0.8);
    expect(gallery.search(drift(), { limit: 1 })[0]!.studentId).toBe('S1');
    for (let i = 0; i < 4; i++) push(face(A, drift(), { sharpness: 0.4, eyes: 0.08 }));
    push(face(A, faces.sample(0)));
    push(face(A, faces.sample(0)));
    const step = push(face(A, faces.sample(0)));
    expect(step.marks.map((m) => m.studentId)).toEqual(['S0']);
  });

  it('mildly flawed frames still count, with less weight', async () => {
    const { faces, face, push } = await setup();
    for (let i = 0; i < LIVE_AT - 3; i++) push(face(A, faces.sample(0)));
    push(face(A, faces.sample(0), { size: 60 }));
    push(face(A, faces.sample(0), { pose: { yaw: 45, pitch: 0, roll: 0 } }));
    const step = push(face(A, faces.sample(0)));
    expect(step.marks).toHaveLength(1);
    expect(step.marks[0]!.evidence.frames.map((f) => f.weight).slice(-3)).toEqual([0.5, 0.5, 1]);
  });
});

describe('review that cannot mislead', () => {
  it('a face between two students offers both, best first, and marks nobody', async () => {
    const { faces, face, push } = await setup({ params: { ...PARAMS, threshold: 0.96, reviewBand: 0.06, lowerBand: 0.08 } });
    const between = () => blend(faces.sample(0), faces.sample(1), 0.5);
    let step!: SessionStep;
    const reviews = [];
    for (let i = 0; i < 3; i++) reviews.push(...(step = push(face(A, between()))).reviews);
    expect(step.marks).toEqual([]);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.why).toBe('close');
    expect(reviews[0]!.candidates.map((c) => c.studentId).sort()).toEqual(['S0', 'S1']);
    expect(reviews[0]!.candidates[0]!.score).toBeGreaterThanOrEqual(reviews[0]!.candidates[1]!.score);
    expect(step.tracks[0]!.state).toMatchObject({ kind: 'review', why: 'close' });
  });

  it('two students within the margin go to review as ambiguous', async () => {
    const { faces, face, push } = await setup({ params: { ...PARAMS, threshold: 0.9, margin: 0.1 } });
    const reviews = [];
    for (let i = 0; i < 3; i++) reviews.push(...push(face(A, blend(faces.sample(0), faces.sample(1), 0.5))).reviews);
    expect(reviews.map((r) => r.why)).toEqual(['ambiguous']);
    expect(reviews[0]!.candidates).toHaveLength(2);
  });

  it('a stranger-like runner-up is not offered: only the close student is', async () => {
    const { faces, face, push } = await setup({ params: { ...PARAMS, threshold: 0.96, reviewBand: 0.06, lowerBand: 0.06 } });
    const reviews = [];
    for (let i = 0; i < 3; i++) reviews.push(...push(face(A, blend(faces.sample(0), faces.sample(9), 0.6))).reviews);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.candidates.map((c) => c.studentId)).toEqual(['S0']);
    expect(reviews[0]!.candidates[0]!.score).toBeLessThan(0.96);
  });

  it('a review carries the frames it was judged on and the runner-up, offered or not: what a confirmation may teach', async () => {
    const { faces, face, push } = await setup({ params: { ...PARAMS, threshold: 0.96, reviewBand: 0.06, lowerBand: 0.06 } });
    const shown = [0, 1, 2].map(() => blend(faces.sample(0), faces.sample(9), 0.6));
    const reviews = shown.flatMap((e) => push(face(A, e)).reviews);
    expect(reviews).toHaveLength(1);
    const r = reviews[0]!;
    expect(r.frames.map((f) => f.embedding)).toEqual(shown);
    // S1..S3 are stranger-like here and not offered, but the best of them is still the runner-up.
    expect(r.candidates).toHaveLength(1);
    expect(r.runnerUp).not.toBeNull();
    expect(r.runnerUp!).toBeLessThan(0.96 - 0.06);
    expect(r.evidence).toMatchObject({ counted: 3, agreeing: 3 });
  });
});

describe('light path and swaps', () => {
  it('skips a decided track until its re-verify is due, and catches a track that swaps people', async () => {
    const { faces, face, push, session, skip, now } = await setup();
    let step!: SessionStep;
    for (let i = 0; i < LIVE_AT; i++) step = push(face(A, faces.sample(0)));
    const first = step.tracks[0]!.id;
    expect(session.skipBoxes(now())).toEqual([A]);
    // On the light path the face comes without an embedding: the track just follows it.
    step = push(face(A, null));
    expect(step.tracks[0]).toMatchObject({ id: first, state: { kind: 'marked', studentId: 'S0' } });
    skip(PARAMS.reverifyMs);
    expect(session.skipBoxes(now())).toEqual([]);
    // Someone else now stands where S0 stood (same box): two fresh frames reveal it.
    const steps = [push(face(A, faces.sample(1))), push(face(A, faces.sample(1)))];
    expect(steps[1]!.tracks[0]!.id).not.toBe(first);
    // The new track keeps the mesh frames since the swap and must show life of its own.
    for (let i = 0; i < LIVE_AT; i++) steps.push(push(face(A, faces.sample(1))));
    expect(steps.flatMap((s) => s.marks).map((m) => m.studentId)).toEqual(['S1']);
  });

  it("a screen held up where a marked student stood shows life of its own: the student's frames before the cut do not vouch for it", async () => {
    const { faces, face, push, skip } = await setup();
    const live = { pad: 0.97 };
    for (let i = 0; i < LIVE_AT; i++) push(face(A, faces.sample(0), live));
    skip(PARAMS.reverifyMs);
    // The re-check falls due while S0 is blurred by moving: embedded, still S0, but none of it counts, so nothing is re-verified.
    for (let i = 0; i < 8; i++) push(face(A, faces.sample(0), { ...live, sharpness: 0.1 }));
    // Cut: a phone replaying S1 in the same place. Its texture reads as a screen.
    const steps: SessionStep[] = [];
    for (let i = 0; i < 2 * LIVE_AT; i++) steps.push(push(face(A, faces.sample(1), { pad: 0.2 })));
    expect(steps.flatMap((s) => s.marks)).toEqual([]);
    expect(steps.flatMap((s) => s.reviews)).toMatchObject([{ why: 'presentation', candidates: [{ studentId: 'S1' }] }]);
  });

  it('with many faces followed, re-checks stretch to the embedding budget, and a swap is still caught', async () => {
    const { faces, face, push, session, skip, now } = await setup();
    // Eight people side by side, each decided: S0-S3 marked, four visitors unknown (followed as well).
    const seats = Array.from({ length: 8 }, (_, i): Box => [20 + i * 170, 300, 160, 160]);
    for (let i = 0; i < LIVE_AT; i++) push(...seats.map((b, s) => face(b, faces.sample(s))));
    const budgeted = (1000 * 8 * PARAMS.reverifyFrames) / PARAMS.reverifyPerSecond;
    expect(budgeted).toBeGreaterThan(PARAMS.reverifyMs);
    expect(session.reverifyPeriod(now())).toBe(budgeted);
    // Past the base period but inside the stretched one: every face is still only followed.
    skip(PARAMS.reverifyMs);
    expect(session.skipBoxes(now())).toHaveLength(8);
    push(...seats.map((b) => face(b, null, { mesh: null })));
    skip(budgeted - PARAMS.reverifyMs);
    expect(session.skipBoxes(now())).toEqual([]);
    // Someone unknown now sits where S0 sat: two fresh frames split the track.
    const before = push(...seats.map((b, s) => face(b, faces.sample(s === 0 ? 9 : s))));
    const after = push(...seats.map((b, s) => face(b, faces.sample(s === 0 ? 9 : s))));
    const seat0 = (st: SessionStep) => st.tracks.find((t) => t.box[0] === seats[0]![0])!;
    expect(seat0(after).id).not.toBe(seat0(before).id);
    // The other seven were confirmed and are followed again; with fewer tracks decided the period shrinks back.
    expect(session.skipBoxes(now())).toHaveLength(7);
  });

  it('a re-verify that confirms the student keeps the track and skips it again', async () => {
    const { faces, face, push, session, skip, now } = await setup();
    for (let i = 0; i < LIVE_AT; i++) push(face(A, faces.sample(0)));
    skip(PARAMS.reverifyMs);
    push(face(A, faces.sample(0)));
    const step = push(face(A, faces.sample(0)));
    expect(step.tracks[0]!.state.kind).toBe('marked');
    expect(step.marks).toEqual([]);
    expect(session.skipBoxes(now())).toEqual([A]);
  });
});

describe('marking rules', () => {
  it('in a session a student is marked once, even on a second track', async () => {
    const { faces, face, push } = await setup({ inSession: true });
    for (let i = 0; i < LIVE_AT; i++) push(face(A, faces.sample(0)));
    let step!: SessionStep;
    for (let i = 0; i < LIVE_AT; i++) step = push(face(B, faces.sample(0)));
    expect(step.marks).toEqual([]);
    expect(step.tracks[0]!.state).toMatchObject({ kind: 'already', studentId: 'S0' });
  });

  it('without a session, again only after the cooldown', async () => {
    const { faces, face, push, skip } = await setup({ inSession: false, cooldownMs: 10_000 });
    for (let i = 0; i < LIVE_AT; i++) push(face(A, faces.sample(0)));
    skip(5_000); // the first track ends; a new one starts within the cooldown
    let step!: SessionStep;
    for (let i = 0; i < LIVE_AT; i++) step = push(face(B, faces.sample(0)));
    expect(step.tracks[0]!.state.kind).toBe('already');
    skip(10_000);
    const marks = [];
    // A new track: it must show life again (1.5 s of a turning head).
    for (let i = 0; i < 15; i++) marks.push(...push(face(A, faces.sample(0))).marks);
    expect(marks.map((m) => m.studentId)).toEqual(['S0']);
  });

  it('students marked by hand, on another laptop or before the start are not marked again', async () => {
    const { faces, face, push, session, now } = await setup({ alreadyMarked: ['S0'] });
    let step!: SessionStep;
    for (let i = 0; i < LIVE_AT; i++) step = push(face(A, faces.sample(0)));
    expect(step.tracks[0]!.state.kind).toBe('already');
    session.noteMarked(['S1'], now());
    for (let i = 0; i < LIVE_AT; i++) step = push(face(B, faces.sample(1)));
    expect(step.marks).toEqual([]);
  });
});

describe('liveness', () => {
  /** Frames of S2 pushed for `ms`, the marks and reviews they produced. */
  function film(push: (...f: ReturnType<ReturnType<typeof faceClip>>[]) => SessionStep, frame: () => ReturnType<ReturnType<typeof faceClip>>, ms: number) {
    const out = { marks: [] as SessionStep['marks'], reviews: [] as SessionStep['reviews'], last: null as SessionStep | null };
    for (let t = 0; t < ms; t += 100) {
      const step = push(frame());
      out.marks.push(...step.marks);
      out.reviews.push(...step.reviews);
      out.last = step;
    }
    return out;
  }

  it('one sighting, one question: a face lost and found again joins its earlier review item, and settles it when marked', async () => {
    const s = await setup({}, 'still');
    const head = faceClip('head');
    const first = film(s.push, () => s.face(A, s.faces.sample(2)), 6000);
    expect(first.reviews).toHaveLength(1);
    const firstTrack = first.reviews[0]!.trackId;
    s.skip(4000); // out of view longer than the tracker waits, back at the other door: a new track
    const again = film(s.push, () => s.face(B, s.faces.sample(2)), 6000);
    expect(again.reviews).toEqual([]);
    expect(again.last!.tracks[0]!.id).not.toBe(firstTrack);
    expect(again.last!.tracks[0]!.state).toMatchObject({ kind: 'review', why: 'presentation' });
    // The student turns their head: the second track is marked and settles the first track's item.
    const moved = film(s.push, () => head(B, s.faces.sample(2)), 3000);
    expect(moved.marks).toMatchObject([{ studentId: 'S2', resolves: 'presentation', resolvesTrack: firstTrack }]);
    // After reviewRepeatMs the same question is a new sighting: it raises its own item.
    const later = await setup({}, 'still');
    film(later.push, () => later.face(A, later.faces.sample(2)), 6000);
    later.skip(PARAMS.reviewRepeatMs);
    expect(film(later.push, () => later.face(B, later.faces.sample(2)), 6000).reviews).toHaveLength(1);
  });

  it('a replayed head (screen texture) never marks; with unsure texture it goes to the teacher, or is marked with its doubt where the school flags', async () => {
    const run = async (pad: number, unsureTexture: 'review' | 'flag' = 'review') => {
      const s = await setup({ liveness: { ...DEFAULT_LIVENESS, unsureTexture } });
      return film(s.push, () => s.face(A, s.faces.sample(2), { pad }), 2000);
    };
    const replay = await run(0.1);
    expect(replay.marks).toEqual([]);
    expect(replay.reviews).toMatchObject([{ why: 'presentation', candidates: [{ studentId: 'S2' }] }]);
    expect(replay.reviews[0]!.reasons[0]).toMatch(/texture reads as a screen/);
    const asked = await run(0.7);
    expect(asked.marks).toEqual([]);
    expect(asked.reviews[0]!.reasons[0]).toMatch(/may be a photo or a screen: the texture is unclear/);
    const flagged = await run(0.7, 'flag');
    expect(flagged.marks).toMatchObject([{ studentId: 'S2', doubt: expect.stringMatching(/may be a photo or a screen/) }]);
    const skin = await run(0.97);
    expect(skin.marks).toHaveLength(1);
    expect(skin.marks[0]!.doubt).toBeUndefined();
  });

  it('a genuine moving head marks; a still picture of the same student never does and goes to review as a presentation', async () => {
    const live = await setup();
    expect(film(live.push, () => live.face(A, live.faces.sample(2)), 1000).marks.map((m) => m.studentId)).toEqual(['S2']);

    const still = await setup({}, 'still');
    const r = film(still.push, () => still.face(A, still.faces.sample(2)), 6000);
    expect(r.marks).toEqual([]);
    expect(r.reviews).toHaveLength(1);
    expect(r.reviews[0]).toMatchObject({ why: 'presentation', candidates: [{ studentId: 'S2' }] });
    expect(r.reviews[0]!.reasons[0]).toMatch(/^looks like a photo or a screen: the face did not move at all/);
    // The same verdict on demand, from the frames the session keeps; none for a track it does not follow.
    expect(still.session.livenessOf(r.last!.tracks[0]!.id)?.reasons[0]).toBe(r.reviews[0]!.reasons[0]);
    expect(still.session.livenessOf(-1)).toBeNull();
    // Called a still once it has not moved for stillMs, before the patience for 'liveness' runs out.
    expect(r.reviews[0]!.at).toBeGreaterThanOrEqual(DEFAULT_LIVENESS.stillMs);
    expect(r.reviews[0]!.at).toBeLessThan(DEFAULT_LIVENESS.windowMs);
    expect(r.last!.tracks[0]!.state).toMatchObject({ kind: 'review', why: 'presentation' });
  });

  it('a photo or phone moved by a hand (a tilting plane) never marks: review as a presentation', async () => {
    const { faces, face, push } = await setup({}, 'photo');
    const r = film(push, () => face(A, faces.sample(2)), 6000);
    expect(r.marks).toEqual([]);
    expect(r.reviews.map((x) => x.why)).toEqual(['presentation']);
    expect(r.reviews[0]!.reasons[0]).toMatch(/did not move like a head/);
  });

  it('a face sent to review for want of life stays on the full path and is marked once it moves like a head', async () => {
    const { faces, face, push, session, now } = await setup();
    // Too dark for a mesh for longer than the liveness window: matched, but not shown live.
    const dark = film(push, () => face(A, faces.sample(2), { mesh: null }), DEFAULT_LIVENESS.windowMs + 500);
    expect(dark.marks).toEqual([]);
    expect(dark.reviews.map((r) => [r.why, r.candidates[0]?.studentId])).toEqual([['liveness', 'S2']]);
    // Still embedded and meshed every frame, unlike a decided track.
    expect(session.skipBoxes(now())).toEqual([]);
    const lit = film(push, () => face(A, faces.sample(2)), 1500);
    expect(lit.reviews).toEqual([]);
    expect(lit.marks).toMatchObject([{ studentId: 'S2', resolves: 'liveness' }]);
    expect(lit.last!.tracks[0]!.state).toMatchObject({ kind: 'marked', studentId: 'S2' });
    expect(session.skipBoxes(now())).toHaveLength(1);
  });

  it('a face waiting for life is watched for lifeWatchMs, then followed, and looked at again for one window every lifeRewatchMs', async () => {
    const { faces, face, push, session, now } = await setup();
    const dark = () => face(A, faces.sample(2), { mesh: null });
    const first = film(push, dark, DEFAULT_LIVENESS.windowMs + 500).reviews;
    expect(first.map((r) => r.why)).toEqual(['liveness']);
    const reviewedAt = first[0]!.at;
    film(push, dark, reviewedAt + PARAMS.lifeWatchMs - now() - 100);
    expect(session.skipBoxes(now())).toEqual([]);
    film(push, dark, 200);
    expect(session.skipBoxes(now())).toHaveLength(1);
    // Between looks it is only followed: moving now does not mark it yet.
    const rewatchAt = reviewedAt + PARAMS.lifeWatchMs + PARAMS.lifeRewatchMs - (DEFAULT_LIVENESS.windowMs + 1000);
    const head = () => face(A, faces.sample(2));
    expect(film(push, head, rewatchAt - now() - 100).marks).toEqual([]);
    // The next look sees the head move and marks the student; the page then clears the review item.
    const look = film(push, head, 2000);
    expect(look.marks).toMatchObject([{ studentId: 'S2', resolves: 'liveness' }]);
    expect(look.marks[0]!.at).toBeGreaterThanOrEqual(rewatchAt);
  });

  it('several faces waiting for life take turns for their second looks: never two at once, each looked at in time', async () => {
    const { faces, face, push, session, now } = await setup();
    const dark = (box: Box) => face(box, faces.sample(box === A ? 2 : 3), { mesh: null });
    const first = film(push, () => dark(A), 0);
    expect(first.reviews).toEqual([]);
    let reviews = 0;
    for (let t = 0; t < DEFAULT_LIVENESS.windowMs + 500; t += 100) reviews += push(dark(A), dark(B)).reviews.length;
    expect(reviews).toBe(2);
    const start = now();
    const looked = new Set<number>();
    let most = 0;
    // A face off the light path for a second or more is having a look (a re-check takes two frames).
    const run = new Map([A, B].map((b) => [b[0], 0]));
    for (let t = 0; t < 60_000; t += 100) {
      const at = now() + 100;
      for (const b of [A, B]) run.set(b[0], session.skipBoxes(at).some((s) => s[0] === b[0]) ? 0 : run.get(b[0])! + 1);
      const looking = [...run].filter(([, n]) => n >= 10).map(([x]) => x);
      if (at - start > PARAMS.lifeWatchMs) {
        most = Math.max(most, looking.length);
        for (const x of looking) looked.add(x);
      }
      push(dark(A), dark(B));
    }
    expect(most).toBe(1);
    expect([...looked].sort((a, b) => a - b)).toEqual([A[0], B[0]]);
  });

  it('a face first judged flat (a student standing perfectly still) is marked once it moves like a head', async () => {
    const { faces, face, push } = await setup();
    const frozen = clipMesh('still', A, 0);
    const still = film(push, () => face(A, faces.sample(2), { mesh: frozen }), DEFAULT_LIVENESS.windowMs);
    expect(still.reviews.map((r) => r.why)).toEqual(['presentation']);
    const moving = film(push, () => face(A, faces.sample(2)), 1500);
    expect(moving.marks).toMatchObject([{ studentId: 'S2', resolves: 'presentation' }]);
  });

  it('a picture that was waiting in review for want of life is never marked when it then moves as a plane', async () => {
    const { faces, face, push } = await setup({}, 'photo');
    const dark = film(push, () => face(A, faces.sample(2), { mesh: null }), DEFAULT_LIVENESS.windowMs + 500);
    expect(dark.reviews.map((r) => r.why)).toEqual(['liveness']);
    const moved = film(push, () => face(A, faces.sample(2)), 6000);
    expect(moved.marks).toEqual([]);
    expect(moved.last!.tracks[0]!.state).toMatchObject({ kind: 'review', why: 'liveness' });
  });

  it('with liveness off, even a still picture marks (the device setting is honoured)', async () => {
    const off = await setup({ params: { ...PARAMS, requireLiveness: false } }, 'still');
    expect(film(off.push, () => off.face(A, off.faces.sample(2)), 300).marks.map((m) => m.studentId)).toEqual(['S2']);
  });

  it('frames without a mesh (dark, far) only delay a face that then moves like a head', async () => {
    const { faces, face, push } = await setup();
    for (let i = 0; i < 3; i++) expect(push(face(A, faces.sample(2), { mesh: null })).marks).toEqual([]);
    // The head's motion went on unseen in the dark: it is judged on the frames that have a mesh.
    expect(film(push, () => face(A, faces.sample(2)), 1500).marks.map((m) => m.studentId)).toEqual(['S2']);
  });
});
