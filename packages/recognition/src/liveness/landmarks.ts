// Which of Human's 468 face-mesh points (MediaPipe's topology) liveness looks at, and the eye
// openness measured from them.
import type { Point } from './fit.ts';

/** Mesh size Human returns; anything else is not a face mesh this module understands. */
export const MESH_POINTS = 468;

/**
 * Points that do not move with expression but lie at different depths on a head: face oval
 * (every other point), brows, eye corners, nose bridge, tip and wings, cheekbones, chin. On a
 * turning head the nose moves against the cheeks and the oval slides; on a picture they cannot.
 * Lips and eyelids are left out: they move with speech and blinks, which are judged separately.
 */
export const STABLE_POINTS: readonly number[] = [
  // face oval
  10, 297, 284, 389, 454, 361, 397, 379, 400, 152, 176, 150, 172, 132, 234, 162, 54, 67,
  // brows
  70, 105, 107, 336, 334, 300,
  // eye corners
  33, 133, 362, 263,
  // nose bridge, tip, wings
  168, 6, 197, 195, 5, 4, 1, 2, 98, 327,
  // cheekbones and cheeks
  50, 280, 117, 346, 205, 425,
  // chin
  199, 175,
];

/** Lips and eyelids: they move against the face plane when a person talks, smiles or blinks. */
export const EXPRESSION_POINTS: readonly number[] = [61, 291, 0, 17, 13, 14, 78, 308, 37, 267, 84, 314, 159, 145, 386, 374];

/** Upper/lower lid pairs and the two corners of each eye. */
const EYES = [
  {
    lids: [
      [159, 145],
      [158, 153],
      [160, 144],
    ],
    corners: [33, 133],
  },
  {
    lids: [
      [386, 374],
      [385, 380],
      [387, 373],
    ],
    corners: [362, 263],
  },
] as const;

export function pick(mesh: readonly Point[], indices: readonly number[]): Point[] {
  return indices.map((i) => mesh[i]!);
}

/** Mean lid gap over eye width for both eyes (about 0.25-0.35 open, under 0.1 closed); NaN without a mesh. */
export function eyeOpenness(mesh: readonly Point[] | null): number {
  if (!mesh || mesh.length < MESH_POINTS) return Number.NaN;
  let sum = 0;
  for (const eye of EYES) {
    const [c0, c1] = eye.corners;
    const width = Math.hypot(mesh[c0]![0] - mesh[c1]![0], mesh[c0]![1] - mesh[c1]![1]);
    if (width <= 0) return Number.NaN;
    let gap = 0;
    for (const [u, l] of eye.lids) gap += Math.hypot(mesh[u]![0] - mesh[l]![0], mesh[u]![1] - mesh[l]![1]);
    sum += gap / eye.lids.length / width;
  }
  return sum / EYES.length;
}
