// `rollcall realvid`: the pure parts (playback order, the rates, which enrolment photos are chosen
// when some are refused, saved runs) without the engine; then a short stretch of one real clip
// decoded with ffmpeg and one frame through the real engine, when the footage is here.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { Gallery, type GalleryEntry } from '@rollcall/matcher';
import { DEFAULT_LIVENESS, DEFAULT_RECOGNITION, type FaceObservation, type FrameObservation } from '@rollcall/recognition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realvidCommand } from '../src/commands/realvid.ts';
import { UsageError } from '../src/paths.ts';
import { enrolledHow, parseLabels, planEnrolment, type Clip } from '../src/realvid/clips.ts';
import { decodeClip, haveFfmpeg, pingPong, probeVideo } from '../src/realvid/decode.ts';
import { choosePhotos, nearby, spread } from '../src/realvid/enrol.ts';
import { setRates, timelineRuns } from '../src/realvid/report.ts';
import { runClip, type ClipResult } from '../src/realvid/run.ts';
import { loadRealvid, saveRealvid, type SavedRealvid } from '../src/realvid/saved.ts';
import { SavedRunError } from '../src/saved-run.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FOOTAGE = resolve(process.env.REALVID_DIR ?? join(ROOT, '../shared/realvid'));
const dir = mkdtempSync(join(tmpdir(), 'rollcall-realvid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('playback order', () => {
  it('plays a short clip forward, back and forward again, never showing an end frame twice in a row', () => {
    expect(pingPong(4, 11)).toEqual([0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2]);
    const order = pingPong(7, 100);
    for (let i = 1; i < order.length; i++) expect(Math.abs(order[i]! - order[i - 1]!)).toBe(1);
  });

  it('plays a long clip from its start, and a one-frame clip as a still', () => {
    expect(pingPong(10, 4)).toEqual([0, 1, 2, 3]);
    expect(pingPong(1, 3)).toEqual([0, 0, 0]);
  });
});

function result(clip: string, kind: Clip['kind'], marks: [string, number][], person: string | null = clip): ClipResult {
  const ms = marks.map(([student, at]) => ({ student, at, right: student === person }));
  return {
    clip,
    kind,
    person: kind === 'crowd' ? null : person,
    frames: 100,
    framesWithFace: 100,
    marks: ms,
    firstMarkAt: ms.find((m) => m.right)?.at ?? null,
    reviews: [],
    timeline: [],
    pad: null,
    unanalysed: 0,
  };
}

describe('rates over the set', () => {
  it('counts attack clips with any mark (APCER) and genuine clips not marked within 10 s (BPCER)', () => {
    const r = setRates([
      result('g1', 'genuine', [['g1', 2]]),
      result('g2', 'genuine', [['g2', 12]]),
      result('g3', 'genuine', []),
      result('g4', 'genuine', [['g4', 10]]),
      result('a1', 'attack', [['a1', 3]]),
      result('a2', 'attack', [['g1', 5]]),
      result('a3', 'attack', []),
      result('a4', 'attack', []),
      result('c1', 'crowd', [['g2', 1]]),
    ]);
    expect(r.apcer).toBe(2 / 4);
    expect(r.attacksAccepted).toEqual(['a1', 'a2']);
    expect(r.bpcer).toBe(2 / 4);
    expect(r.genuineLate).toEqual(['g2', 'g3']);
    expect(r.genuineNeverMarked).toEqual(['g3']);
    // Times 2, 10, 12, never: the median is the second, p90 falls on the one never marked.
    expect(r.secondsToMarkP50).toBe(10);
    expect(r.secondsToMarkP90).toBeNull();
    expect(r.crowdMarks).toBe(1);
    // The attack marked as someone else and the crowd's mark.
    expect(r.wrongMarks).toBe(2);
  });

  it('has no rate for a kind the set lacks', () => {
    expect(setRates([result('c', 'crowd', [])]).apcer).toBeNaN();
  });

  it('reads the verdict timeline as runs', () => {
    const r = result('g', 'genuine', []);
    r.timeline = [
      { second: 0, kind: 'undecided', reason: 'a', state: 'pending' },
      { second: 1, kind: 'undecided', reason: 'a', state: 'pending' },
      { second: 2, kind: 'live', reason: 'b', state: 'pending' },
      { second: 3, kind: 'live', reason: 'b', state: 'marked' },
      { second: 4, kind: 'no-face', reason: '', state: '' },
    ];
    expect(timelineRuns(r).map((x) => `${x.from}-${x.to} ${x.kind} ${x.state}`)).toEqual([
      '0-1 undecided pending',
      '2-2 live pending',
      '3-3 live marked',
      '4-4 no-face ',
    ]);
  });
});

describe('enrolment', () => {
  const clips = parseLabels(
    'clip,kind,person,faces\nan.mp4,genuine,ann,1\nan_fake.mp4,attack,ann,1\nbo_fake.mp4,attack,bo,1\ncy_fake.mp4,attack,cy,1\nroom.mp4,crowd,,6\n',
  );

  it('plans each person from their own live clip, else live crops, else the attack clip itself', () => {
    const plans = planEnrolment(clips, new Map([['bo', 'crops/bo_real']]));
    expect(plans).toEqual([
      { person: 'ann', source: { from: 'clip', clip: 'an.mp4' } },
      { person: 'bo', source: { from: 'crops', folder: 'crops/bo_real' } },
      { person: 'cy', source: { from: 'clip', clip: 'cy_fake.mp4' } },
    ]);
    const used = new Map([
      ['ann', 3],
      ['bo', 5],
      ['cy', 3],
    ]);
    const how = (name: string) =>
      enrolledHow(
        clips.find((c) => c.name === name)!,
        plans,
        used,
      );
    expect(how('an.mp4')).toBe('3 frames of the same clip');
    expect(how('an_fake.mp4')).toBe('3 frames of an.mp4 (a live clip of the same person)');
    expect(how('bo_fake.mp4')).toBe('5 live face crops (crops/bo_real)');
    expect(how('cy_fake.mp4')).toBe('3 frames of the same clip (the replay itself)');
    expect(how('room.mp4')).toBe('nobody in it is enrolled');
  });

  it('refuses a labels row without a kind, or an attack without a person', () => {
    expect(() => parseLabels('clip,kind,person\nx.mp4,print,ann\n')).toThrow(/row 2/);
    expect(() => parseLabels('clip,kind,person\nx.mp4,attack,\n')).toThrow(/needs a person/);
  });

  it('replaces a refused frame by the nearest one not tried yet, after then before, and says why each was refused', async () => {
    const refuse = new Map([
      [20, 'too-blurry'],
      [22, 'no-face'],
      [80, 'turned-too-far'],
    ]);
    const checked: number[] = [];
    const r = await choosePhotos(
      [20, 50, 80],
      (t) => nearby(t, 2, 4, 0, 98),
      async (pct) => {
        checked.push(pct);
        const why = refuse.get(pct);
        return why ? { reasons: [why] } : { vector: Float32Array.of(pct) };
      },
    );
    expect(r.used.map((u) => [u.target, u.position])).toEqual([
      [20, 18],
      [50, 50],
      [80, 82],
    ]);
    expect(r.refused).toEqual([
      { position: 20, reasons: ['too-blurry'] },
      { position: 22, reasons: ['no-face'] },
      { position: 80, reasons: ['turned-too-far'] },
    ]);
    expect(checked).toEqual([20, 22, 18, 50, 80, 82]);
  });

  it('gives up on a target after its nearby frames, and never tries one frame twice', async () => {
    const checked: number[] = [];
    const r = await choosePhotos(
      [1, 2],
      (t) => nearby(t, 1, 1, 0, 3),
      async (i) => {
        checked.push(i);
        return { reasons: ['no-face'] };
      },
    );
    expect(r.used).toEqual([]);
    expect(checked).toEqual([1, 2, 0, 3]);
  });

  it('spreads crops evenly over the folder', () => {
    expect(spread(31, 5)).toEqual([0, 8, 15, 23, 30]);
    expect(spread(3, 5)).toEqual([0, 1, 2]);
  });
});

/** A unit vector near `base` (a face seen again): small seeded noise. */
function near(base: Float32Array, seed: number): Float32Array {
  const v = base.map((x, i) => x + 0.01 * Math.sin(seed * 31 + i * 7));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const unit = (seed: number) => near(new Float32Array(128).fill(0), seed);

function faceAt(box: FaceObservation['box'], embedding: Float32Array | null, extra: object = {}): FaceObservation {
  return {
    box,
    embedding,
    detectionScore: 0.95,
    size: box[2],
    pose: { yaw: 2, pitch: -1, roll: 0 },
    sharpness: embedding ? 8 : Number.NaN,
    brightness: 120,
    antispoof: 0.8,
    liveness: Number.NaN,
    mesh: Array.from({ length: 468 }, (_, i) => [box[0] + (i % 20) * 5.25, box[1] + Math.floor(i / 20) * 4.5] as [number, number]),
    patch: { x: box[0], y: box[1], step: 4.5, size: 2, gray: Float32Array.of(10, 20, Number.NaN, 40) },
    pad: Number.NaN,
    // A field the engine may add later: saved and given back all the same.
    ...extra,
  } as FaceObservation;
}

async function syntheticRun(): Promise<{ run: Omit<SavedRealvid, 'version'>; clip: Clip }> {
  const ann = unit(1);
  const bo = unit(2);
  const entries: GalleryEntry[] = [
    { studentId: 'ann', embeddingId: 'an.mp4 @ 20 %', vector: near(ann, 3) },
    { studentId: 'bo', embeddingId: 'crops/bo_real/1.png', vector: bo },
  ];
  const frames: FrameObservation[] = Array.from({ length: 12 }, (_, i) => ({
    at: i * 200,
    width: 640,
    height: 360,
    faces: i === 5 ? [] : [faceAt([200 + i, 100, 120, 120], i % 4 === 3 ? null : near(ann, i), { pad: i % 2 ? 0.9 : Number.NaN, futureScore: i })],
  }));
  const clip: Clip = { name: 'an.mp4', kind: 'genuine', person: 'ann' };
  return {
    clip,
    run: {
      settings: { dir: '/footage', fps: 5, seconds: 2.4 },
      modelId: 'faceapi-resnet@1.7.15',
      liveness: DEFAULT_LIVENESS,
      entries,
      people: [
        { person: 'ann', source: { from: 'clip', clip: 'an.mp4' }, used: ['an.mp4 @ 20 %'], refused: [{ photo: 'an.mp4 @ 50 %', reasons: ['too-blurry'] }] },
      ],
      clips: [{ clip, decoded: 12, engineMs: 1234.5, frames }],
      rates: setRates([]),
    },
  };
}

describe('saved runs', () => {
  it('gives back every frame as pushed (typed arrays, NaN, fields it does not know) and the sessions judge it the same', async () => {
    const { run, clip } = await syntheticRun();
    const file = join(dir, 'run.json.gz');
    saveRealvid(file, run);
    const back = loadRealvid(file);
    expect(back.entries[0]!.vector).toBeInstanceOf(Float32Array);
    expect(back.entries).toEqual(run.entries);
    expect(back.people).toEqual(run.people);
    const [was, is] = [run.clips[0]!.frames, back.clips[0]!.frames];
    expect(is).toEqual(was);
    expect(is[0]!.faces[0]!.embedding).toBeInstanceOf(Float32Array);
    expect(is[0]!.faces[0]!.patch!.gray[2]).toBeNaN();
    expect(is[0]!.faces[0]!.sharpness).toBe(8);
    expect((is[7]!.faces[0] as unknown as { futureScore: number }).futureScore).toBe(7);
    expect(is[3]!.faces[0]!.embedding).toBeNull();

    // Liveness off: this test judges the round trip, not the synthetic mesh.
    const judge = async (r: Omit<SavedRealvid, 'version'>) => {
      const gallery = await Gallery.create({ modelId: r.modelId }, r.entries);
      const c = r.clips[0]!;
      const o = { fps: 5, frames: c.frames.length, gallery, liveness: DEFAULT_LIVENESS, recognition: { ...DEFAULT_RECOGNITION, requireLiveness: false } };
      return runClip(clip, o, async (i) => c.frames[i]!);
    };
    const [before, after] = [await judge(run), await judge(back)];
    expect(before.marks).toEqual([{ student: 'ann', at: expect.any(Number), right: true }]);
    expect(after).toEqual(before);
    expect(after.framesWithFace).toBe(11);
    expect(after.pad).toBe(0.9);
  });

  it('refuses a damaged file, another version, or a frame without a box, by name', async () => {
    const junk = join(dir, 'junk.json.gz');
    writeFileSync(junk, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(() => loadRealvid(junk)).toThrow(SavedRunError);
    expect(() => loadRealvid(junk)).toThrow(/not a saved realvid run/);
    const old = join(dir, 'old.json.gz');
    writeFileSync(old, gzipSync(JSON.stringify({ version: 0 })));
    expect(() => loadRealvid(old)).toThrow(/another version/);
    const { run } = await syntheticRun();
    const bad = join(dir, 'bad.json.gz');
    saveRealvid(bad, {
      ...run,
      clips: [{ ...run.clips[0]!, frames: [{ at: 0, width: 1, height: 1, faces: [{ box: [1, 2] } as unknown as FaceObservation] }] }],
    });
    expect(() => loadRealvid(bad)).toThrow(/clip an.mp4, frame 0, face 0: needs a 4-number box/);
  });

  it('makes a damaged file a usage error of the command, not a crash', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"version": 1, "clips": [');
    await expect(realvidCommand(['--load', junk, '--json'])).rejects.toThrow(UsageError);
    await expect(realvidCommand(['--load', junk, '--fps', '3'])).rejects.toThrow(/keeps the saved run's --fps/);
  });
});

const CLIP = join(FOOTAGE, 'vdotup_face.mp4');
const HAVE_FFMPEG = await haveFfmpeg();
const HAVE = HAVE_FFMPEG && existsSync(CLIP);
if (!HAVE)
  console.warn(
    `[@rollcall/cli] skipping the real-footage realvid test: ${HAVE_FFMPEG ? `no clip at ${CLIP} (set REALVID_DIR)` : 'ffmpeg or ffprobe is not installed'}`,
  );

describe.skipIf(!HAVE)('a real clip', () => {
  let decoded: Awaited<ReturnType<typeof decodeClip>>;
  beforeAll(async () => {
    decoded = await decodeClip(CLIP, { fps: 2, seconds: 3 });
  });

  it('decodes a 3 s stretch at 2 fps into frames of the probed size, and plays it back and forth', async () => {
    const info = await probeVideo(CLIP);
    expect(decoded.frames).toHaveLength(6);
    for (const f of decoded.frames) {
      expect([f.width, f.height]).toEqual([info.width, info.height]);
      expect(f.data).toHaveLength(info.width * info.height * 3);
    }
    // Played for 6 s: each step shows another picture than the step before (no jump, no repeat).
    const shown = pingPong(decoded.frames.length, 12).map((i) => decoded.frames[i]!);
    expect(pingPong(decoded.frames.length, 12)).toEqual([0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0, 1]);
    for (let i = 1; i < shown.length; i++) expect(Buffer.compare(shown[i]!.data, shown[i - 1]!.data)).not.toBe(0);
  });

  it('shows the real engine one face in a decoded frame', async () => {
    const engine = await createNodeFaceEngine();
    const r = await engine.analyzeFrame(decoded.frames[3]!, []);
    expect(r.faces).toHaveLength(1);
    expect(r.faces[0]!.embedding).not.toBeNull();
  });
});
