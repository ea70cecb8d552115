// The shared enrolment module (@rollcall/contracts enrolment.ts) against the real API on both
// databases (#14 item 3): a student with more accepted photos than one request may carry is
// enrolled in chunks (the web folder import sent them in one request, which the API refuses), and
// the folder rule is the same for the web app and the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, MAX_EMBEDDINGS_PER_POST, parseStudentFolder, postEmbeddings, toNewEmbedding } from '@rollcall/contracts';
import { dialects, grantConsent, hash, startApi, type TestApi } from './context.ts';

/** A deterministic unit vector of the faceapi model's dimension. */
function face(seed: number): Float32Array {
  const v = new Float32Array(128);
  let x = seed * 9301 + 49297;
  for (let i = 0; i < v.length; i++) v[i] = (x = (x * 9301 + 49297) % 233280) / 233280 - 0.5;
  return v;
}

describe.each(dialects)('enrolment on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('enrols a folder with more photos than the per-post limit, in order, and re-running stores nothing twice', async () => {
    const folder = parseStudentFolder('S060_Many_Photos')!;
    expect(folder).toEqual({ studentId: 'S060', name: 'Many Photos' });
    await api.client.createStudent({ body: folder });
    await grantConsent(api, 'S060');
    const count = MAX_EMBEDDINGS_PER_POST + 11;
    const embeddings = Array.from({ length: count }, (_, i) =>
      toNewEmbedding({ modelId: 'faceapi-resnet@1.7.15', vector: face(i + 1), quality: 0.8, sourceHash: hash(i + 1) }),
    );

    // One request with all of them is refused: that is what the folder import used to send.
    const whole = await api.client.addEmbeddings({ params: { studentId: 'S060' }, body: { embeddings } }).catch((e: unknown) => e);
    expect(whole).toBeInstanceOf(ClientError);
    expect((whole as ClientError).code).toBe('validation-failed');

    const results = await postEmbeddings(api.client.addEmbeddings, 'S060', embeddings);
    expect(results.map((r) => r.status)).toEqual(Array(count).fill('created'));
    expect(results.map((r) => r.sourceHash)).toEqual(embeddings.map((e) => e.sourceHash));
    expect((await api.client.getStudent({ params: { studentId: 'S060' } })).embeddingCount).toBe(count);

    const again = await postEmbeddings(api.client.addEmbeddings, 'S060', embeddings);
    expect(again.every((r) => r.status === 'duplicate')).toBe(true);
  });

  it('reads folder names by one rule', () => {
    expect(parseStudentFolder('S001_John__Smith')).toEqual({ studentId: 'S001', name: 'John Smith' });
    expect(parseStudentFolder('S.2_Ann')).toEqual({ studentId: 'S.2', name: 'Ann' });
    for (const bad of ['S001', '_Ann', 'S001_', 'S001_ _', '-S1_Ann', 'S 1_Ann']) expect(parseStudentFolder(bad)).toBeNull();
  });
});
