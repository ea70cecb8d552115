// Test helpers for learning: face vectors at a chosen similarity to another, and a sighting (an
// accepted mark made by the caller) that a learned embedding can rest on.
import { encodeVector, l2Normalize } from '@rollcall/contracts';
import { uuid, type TestApi } from './context.ts';

export const FACEAPI = 'faceapi-resnet@1.7.15';

/** A deterministic random unit vector of 128 values. */
export function unit(seed: number): Float32Array {
  let a = seed * 2654435761;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return l2Normalize(Float32Array.from({ length: 128 }, next));
}

/** A unit vector at cosine exactly `c` to the unit vector `v` (its other part drawn from `seed`). */
export function near(v: Float32Array, c: number, seed: number): Float32Array {
  const u = unit(seed);
  const along = u.reduce((s, x, i) => s + x * v[i]!, 0);
  const side = l2Normalize(u.map((x, i) => x - along * v[i]!));
  return l2Normalize(v.map((x, i) => c * x + Math.sqrt(1 - c * c) * side[i]!));
}

export const b64 = (v: Float32Array) => encodeVector(v);

/** Enrols `v` as one of the student's photos (as the admin). */
export async function enrolPhoto(api: TestApi, studentId: string, v: Float32Array, tag: string) {
  const sourceHash = Buffer.from(tag.padEnd(32, '.').slice(0, 32)).toString('hex');
  const res = await api.call('POST', `/api/students/${studentId}/embeddings`, { embeddings: [{ modelId: FACEAPI, vector: b64(v), quality: 0.9, sourceHash }] });
  if (res.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(res.body)}`);
}

/**
 * The caller marks the student now in a new session of the class: by camera ('face'), or by hand
 * with a score (a teacher confirming a review item). Returns when it was seen and the mark's answer.
 */
export async function markSeen(api: TestApi, classId: string, studentId: string, token: string | null | undefined, method: 'face' | 'manual' = 'face') {
  const session = (await api.call('POST', `/api/classes/${classId}/sessions`, {})).body.id as string;
  const at = new Date().toISOString();
  const res = await api.call(
    'POST',
    '/api/attendance',
    { marks: [{ id: uuid(), studentId, sessionId: session, deviceId: 'camera', markedAt: at, method, similarity: 0.97 }] },
    token === undefined ? {} : { token },
  );
  return { at, status: res.body?.results?.[0]?.status as string | undefined };
}
