// Hostile-input probe, learning: what a device or a teacher posts as a learned embedding is judged
// by the server's own rules (contracts' learning.ts), never taken on the device's word. Each
// refusal is 'learning-refused' with its reason, and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dot, LEARN_RULES } from '@rollcall/contracts';
import { dialects, grantConsent, startApi, uuid, type TestApi } from './context.ts';
import { b64, enrolPhoto, FACEAPI, markSeen, near, unit } from './sightings.ts';

const learnedOf = async (api: TestApi, studentId: string) =>
  (await api.call('GET', `/api/students/${studentId}/embeddings`)).body.items.filter((e: { origin: string }) => e.origin === 'sighting');

describe.each(dialects)('learning refused on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  let device: string;
  let n = 0;
  /** A student of the class with consent and one enrolment photo (unless `photo` is false). */
  const student = async (face: Float32Array | false) => {
    const id = `SL${++n}`;
    await api.call('POST', '/api/students', { studentId: id, name: `Pupil ${n}` });
    await api.call('PUT', `/api/classes/${classId}/students/${id}`);
    await grantConsent(api, id);
    if (face) await enrolPhoto(api, id, face, id);
    return id;
  };
  const post = (studentId: string, vectors: Float32Array[], sightedAt: string, token = device, how = 'clear-mark') =>
    api.call(
      'POST',
      `/api/students/${studentId}/learned-embeddings`,
      { embeddings: vectors.map((v) => ({ modelId: FACEAPI, vector: b64(v), quality: 0.9, learned: { deviceId: 'any', how, sightedAt } })) },
      { token },
    );
  /** The device marks the student by camera, then posts; the answer's refusal reason, or 'created'. */
  const seenThenPost = async (studentId: string, vectors: Float32Array[]) => {
    const seen = await markSeen(api, classId, studentId, device);
    expect(seen.status).toBe('accepted');
    return outcome(await post(studentId, vectors, seen.at));
  };
  const outcome = (res: { status: number; body: { error?: { code: string; details?: { reason?: string } } } }) =>
    res.status === 201 ? 'created' : `${res.body.error!.code}:${res.body.error!.details?.reason}`;

  beforeAll(async () => {
    api = await startApi(dialect);
    classId = (await api.call('POST', '/api/classes', { name: 'Learning 1' })).body.id;
    device = (await api.device([classId])).token;
  });
  afterAll(() => api.close());

  it("refuses another student's face, near-copies of it, and the same vector for a second student", async () => {
    const other = unit(1);
    const victim = await student(unit(2));
    // What the probe posted: six near-copies of a classmate's vector, unlike the student's own.
    const copies = [near(other, 0.999, 11), near(other, 0.999, 12)];
    expect(await seenThenPost(victim, copies)).toBe('learning-refused:unlike-student');

    // A genuine new view of one student is refused for a classmate whose photo it is unlike.
    const first = await student(unit(3));
    const second = await student(unit(4));
    const view = near(unit(3), 0.975, 13);
    expect(await seenThenPost(first, [view])).toBe('created');
    expect(await seenThenPost(second, [view])).toBe('learning-refused:unlike-student');
    expect(await learnedOf(api, victim)).toEqual([]);
    expect(await learnedOf(api, second)).toEqual([]);
  });

  it('refuses a face as close to a classmate as to the student, and a near-copy of what the student holds', async () => {
    const face = unit(21);
    const twin = near(face, 0.97, 22);
    const a = await student(face);
    await student(twin);
    const between = Float32Array.from(face, (x, i) => x + twin[i]!);
    const norm = Math.sqrt(dot(between, between));
    const middle = between.map((x) => x / norm);
    expect(await seenThenPost(a, [middle])).toBe('learning-refused:close-to-classmate');
    expect(await learnedOf(api, a)).toEqual([]);
    const alone = unit(24);
    const b = await student(alone);
    expect(await seenThenPost(b, [near(alone, 0.995, 25)])).toBe('learning-refused:near-copy');
    expect(await learnedOf(api, b)).toEqual([]);
  });

  it('refuses to be the first face of a student: consent withdrawn and granted again leaves no photo, and a laptop cannot build one', async () => {
    const face = unit(31);
    const id = await student(face);
    await api.call('POST', `/api/students/${id}/consent`, { status: 'withdrawn', onBehalfOf: 'parent' });
    await grantConsent(api, id);
    expect(await seenThenPost(id, [near(face, 0.975, 32)])).toBe('learning-refused:no-enrolment');
    expect((await api.call('GET', `/api/students/${id}/embeddings`)).body.items).toEqual([]);
  });

  it("refuses without the caller's own recent accepted mark of the student at that sighting", async () => {
    const face = unit(41);
    const id = await student(face);
    const frame = () => [near(face, 0.975, 40 + ++n)];
    // Never marked.
    expect(outcome(await post(id, frame(), new Date().toISOString()))).toBe('learning-refused:no-sighting');
    // Marked by another caller (a teacher), posted by the device.
    const teacher = (await api.teacher([classId])).token;
    const byTeacher = await markSeen(api, classId, id, teacher);
    expect(outcome(await post(id, frame(), byTeacher.at))).toBe('learning-refused:no-sighting');
    // Marked by the device, but at another moment than the one it says it saw the face.
    const seen = await markSeen(api, classId, id, device);
    const hourEarlier = new Date(Date.parse(seen.at) - 3_600_000).toISOString();
    expect(outcome(await post(id, frame(), hourEarlier))).toBe('learning-refused:no-sighting');
    // A mark the server received long ago vouches for nothing now.
    const deviceId = (
      await api.database.db
        .selectFrom('attendance_marks')
        .select('marked_by')
        .where('student_id', '=', id)
        .where('method', '=', 'face')
        .executeTakeFirstOrThrow()
    ).marked_by!;
    const old = Date.now() - 3 * 3_600_000;
    const other = await student(unit(42));
    await api.database.db
      .insertInto('attendance_marks')
      .values({
        id: uuid(),
        student_id: other,
        session_id: null,
        class_id: null,
        device_id: 'camera',
        marked_at: old,
        marked_day: new Date(old).toISOString().slice(0, 10),
        marked_offset: 0,
        received_at: old,
        similarity: 0.97,
        method: 'face',
        status: 'present',
        reason: null,
        marked_by: deviceId,
        marked_by_name: 'Room',
      })
      .execute();
    expect(outcome(await post(other, [near(unit(42), 0.975, 43)], new Date(old).toISOString()))).toBe('learning-refused:no-sighting');
    expect(await learnedOf(api, id)).toEqual([]);
    expect(await learnedOf(api, other)).toEqual([]);
  });

  it('refuses a sighting in the future', async () => {
    const face = unit(51);
    const id = await student(face);
    await markSeen(api, classId, id, device);
    expect(outcome(await post(id, [near(face, 0.975, 52)], '9999-01-01T00:00:00.000Z'))).toBe('learning-refused:sighted-in-future');
    expect(await learnedOf(api, id)).toEqual([]);
  });

  it("records how it was confirmed from the caller's mark and takes a confirmed review item's lower floor only from a hand mark", async () => {
    const face = unit(61);
    const id = await student(face);
    const { minScore: confirmedFloor } = LEARN_RULES['review-confirmed'];
    const inBand = near(face, (confirmedFloor + LEARN_RULES['clear-mark'].minScore) / 2, 62);
    // A camera mark sets the clear-mark floor, whatever `how` says.
    const seen = await markSeen(api, classId, id, device);
    expect(outcome(await post(id, [inBand], seen.at, device, 'review-confirmed'))).toBe('learning-refused:unlike-student');
    // A teacher's hand mark with a score is a confirmed review item: the lower floor applies.
    const teacher = (await api.teacher([classId])).token;
    const confirmed = await markSeen(api, classId, id, teacher, 'manual');
    expect(outcome(await post(id, [inBand], confirmed.at, teacher, 'clear-mark'))).toBe('created');
    expect((await learnedOf(api, id)).map((e: { learned: { how: string } }) => e.learned.how)).toEqual(['review-confirmed']);
  });
});
