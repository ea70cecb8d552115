// The browser bench's fallback scene when ../shared/realvid is absent: twd photos of three people
// in a grid, each cell a new photo of its person every half second. The texture model rightly calls
// pasted photos pictures, so these faces wait in Needs review on the full path and the light path
// rarely runs: its figures are not a classroom's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeVector } from '@rollcall/contracts';
import { DEFAULT_GATES, enrolmentQuality, type FaceEngine } from '@rollcall/face';
import { decodeImage } from '@rollcall/face/node';
import { type Enrolment, faceCrops, photo } from '../../../apps/web/test/harness.ts';
import type { BenchPerson, BenchScene } from './scene.ts';

/** Each person's square in the grid (at most 4 a row: 1280 px wide with 4 or more). */
const CELL = 320;
const PEOPLE = ['daryl', 'rick', 'negan'];

export async function photoScene(engine: FaceEngine): Promise<BenchScene> {
  const people: BenchPerson[] = [];
  for (const who of PEOPLE) {
    const embeddings: Enrolment[] = [];
    for (const i of [1, 2]) {
      const face = (await engine.analyze(await decodeImage(new Uint8Array(readFileSync(photo(`twd/${who}`, `${who}${i}.jpg`)))))).faces[0];
      if (face)
        embeddings.push({
          modelId: face.embedding.modelId,
          vector: encodeVector(face.embedding.vector),
          quality: enrolmentQuality(face, DEFAULT_GATES),
          sourceHash: `${who}${i}`.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a'),
        });
    }
    people.push({ studentId: who.toUpperCase(), name: who, embeddings });
  }
  // Each photo cut around its face, so a person's face keeps its place and size in the cell as
  // their photos change (as a seated student's does); whole photos scaled to the cell moved the
  // face each time, the tracker saw a new face, and no track was ever decided.
  const crops = new Map(
    (
      await faceCrops(
        engine,
        PEOPLE.flatMap((who) => [1, 2, 3, 4].map((k) => photo(`twd/${who}`, `${who}${k}.jpg`))),
      )
    ).map((c) => [c.file, c]),
  );
  const notes = [
    'Scene: twd PHOTOS (no real footage), a new photo of each person every half second with per-frame noise.',
    '  The texture model calls pasted photos pictures: these faces wait in Needs review on the full path, so the light',
    '  path rarely runs and the ratio is not a classroom of people. Put the footage at ../shared/realvid for that.',
  ];
  // People repeat from cell to cell: any number of faces.
  return {
    title: 'fake camera from twd PHOTOS with per-frame noise (pictures to the texture model)',
    people,
    maxFaces: Infinity,
    notes,
    camera: (into, faces) => photoCamera(into, faces, crops),
  };
}

/**
 * n faces in a grid (at most 4 a row). Each cell is a sequence of different photos of one person
 * (a new photo every half second) with fresh noise on every frame: a still photo would be a
 * presentation attack to the liveness rule and never be decided.
 */
function photoCamera(into: string, n: number, crops: ReadonlyMap<string, { x: number; y: number; size: number }>): string {
  const out = path.join(into, `photos-${n}.y4m`);
  const perRow = Math.min(4, n);
  const rows = Math.ceil(n / perRow);
  const cellInputs = Array.from({ length: n }, (_, c) => [1, 2, 3, 4].map((k) => photo(`twd/${PEOPLE[c % 3]}`, `${PEOPLE[c % 3]}${((k + c) % 4) + 1}.jpg`)));
  const inputs = cellInputs.flat();
  const cells = cellInputs.map((seq, c) => {
    const parts = seq.map((file, k) => {
      const f = crops.get(file)!;
      return `[${c * 4 + k}:v]pad=iw+2*${f.size}:ih+2*${f.size}:${f.size}:${f.size}:color=gray,crop=${f.size}:${f.size}:${Math.round(f.x + f.size)}:${Math.round(f.y + f.size)},scale=${CELL}:${CELL},setsar=1,fps=10[p${c}_${k}]`;
    });
    return `${parts.join('; ')}; ${seq.map((_, k) => `[p${c}_${k}]`).join('')}concat=n=${seq.length}:v=1:a=0[c${c}]`;
  });
  const grid =
    rows === 1
      ? `${cellInputs.map((_, i) => `[c${i}]`).join('')}${n > 1 ? `hstack=inputs=${n}` : 'null'}[g]`
      : `${cellInputs.map((_, i) => `[c${i}]`).join('')}xstack=inputs=${n}:layout=${cellInputs.map((_, i) => `${(i % perRow) * CELL}_${Math.floor(i / perRow) * CELL}`).join('|')}[g]`;
  const filter = `${cells.join('; ')}; ${grid}; [g]noise=alls=4:allf=t,format=yuv420p[v]`;
  execFileSync('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    ...inputs.flatMap((i) => ['-loop', '1', '-t', '0.5', '-framerate', '10', '-i', i]),
    '-filter_complex',
    filter,
    '-map',
    '[v]',
    '-r',
    '10',
    out,
  ]);
  return out;
}
