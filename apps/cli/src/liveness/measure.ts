// Runs the real Node face engine on every frame of a simulated track and keeps what the
// recognition core would hand to track liveness: box, mesh, the face's pixels, antispoof per frame.
import { withPatch, type FaceEngine } from '@rollcall/face';
import type { LivenessSample } from '@rollcall/recognition';
import { renderTrack, DEFAULT_SCENE, type FaceLocator, type TrackSpec } from '../scenes/tracks.ts';

export interface MeasuredTrack {
  spec: TrackSpec;
  /** Frames rendered; frames where no face was found have no sample. */
  frames: number;
  samples: LivenessSample[];
  /** Engine milliseconds per frame (detection + mesh + antispoof, no embedding). */
  msPerFrame: number;
}

function largest<F extends { box: readonly number[] }>(faces: readonly F[]): F | undefined {
  return [...faces].sort((a, b) => b.box[2]! * b.box[3]! - a.box[2]! * a.box[3]!)[0];
}

export async function measureTrackFrames(engine: FaceEngine, folder: string, spec: TrackSpec, opts = DEFAULT_SCENE): Promise<MeasuredTrack> {
  const samples: LivenessSample[] = [];
  let frames = 0;
  let ms = 0;
  // The clip is scaled by the face the engine finds in each photo, so every set gets faces of the planned size.
  const locate: FaceLocator = async (photo) => {
    const face = largest((await engine.analyzeSelective(photo, () => false)).faces);
    return face ? { x: face.box[0] + face.box[2] / 2, y: face.box[1] + face.box[3] / 2, width: face.box[2] } : null;
  };
  for await (const f of renderTrack(folder, spec, opts, locate)) {
    frames++;
    // Liveness needs no embedding: the light path the page takes for faces it only tracks.
    const r = await engine.analyzeSelective(f.image, () => false);
    ms += r.timing.detectMs + r.timing.embedMs;
    const face = largest(r.faces);
    // The patch and the texture score as analyzeFrame makes them for a face on the full path.
    if (face)
      samples.push({
        at: f.at,
        box: face.box,
        mesh: face.mesh,
        patch: withPatch(f.image, face).patch,
        antispoof: face.antispoof,
        pad: (await engine.padScores(f.image, [face.box]))[0]!,
      });
  }
  return { spec, frames, samples, msPerFrame: frames ? ms / frames : Number.NaN };
}
