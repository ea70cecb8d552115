// Set-up shared by the sync tests that play devices: students enrolled with consent and faces, a
// class of them, and a caller's sync client for pullSync with a MemorySyncTarget as its cache.
import { expect } from 'vitest';
import { MemorySyncTarget, pullSync, type SyncClient } from '@rollcall/sync';
import { grantConsent, hash, vectorB64, type TestApi } from './context.ts';

export const MODEL = 'faceapi-resnet@1.7.15';
export const sorted = (keys: Iterable<string>) => [...keys].sort();

/** `tag` keeps each file's source hashes apart (the API refuses a photo enrolled twice). */
export function syncDevices(api: () => TestApi, tag: string) {
  let seed = 0;
  const emb = () => ({ modelId: MODEL, vector: vectorB64(128, ++seed), quality: 0.9, sourceHash: hash(`${tag}-${seed}`) });
  return {
    /** Students with consent and two embeddings each. */
    async enrol(...ids: string[]) {
      for (const id of ids) expect((await api().call('POST', '/api/students', { studentId: id, name: `Pupil ${id}` })).status).toBe(201);
      await grantConsent(api(), ...ids);
      for (const id of ids) expect((await api().call('POST', `/api/students/${id}/embeddings`, { embeddings: [emb(), emb()] })).status).toBe(201);
    },
    classOf: async (name: string, studentIds: string[]): Promise<string> => (await api().call('POST', '/api/classes', { name, studentIds })).body.id,
    syncClient(token: string): SyncClient {
      const client = api().clientAs(token);
      return { sync: (query, opts) => client.sync({ query }, opts) };
    },
  };
}

/** A device's cache after a pull (pages of 5 rows), and whether the pull started again from a whole set. */
export async function pullDevice(client: SyncClient, target: MemorySyncTarget) {
  const result = await pullSync(client, target, { modelId: MODEL, limit: 5 });
  const owners = new Set([...target.embeddings.values()].map((e) => e.studentId));
  return { reset: result.reset, classes: sorted(target.classes.keys()), students: sorted(target.students.keys()), faces: sorted(owners) };
}

/** What a fresh device of the same caller would hold now: a cache brought up to date must equal it. */
export async function freshDevice(client: SyncClient): Promise<MemorySyncTarget> {
  const fresh = new MemorySyncTarget();
  await pullSync(client, fresh, { modelId: MODEL });
  return fresh;
}
