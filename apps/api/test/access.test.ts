// Who may call what: every route, called as anonymous, a classroom device of class A, a teacher
// of class B, a teacher of class A and an admin, on both databases. The expected answers are
// written out here by hand (not derived from the route table), and a missing row fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAIN_CODES, routes, type RouteName } from '@rollcall/contracts';
import { ADMIN, dialects, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';
import { b64, enrolPhoto, markSeen, near, unit } from './sightings.ts';

type Who = 'anonymous' | 'device' | 'otherTeacher' | 'teacher' | 'admin';
const WHO: Who[] = ['anonymous', 'device', 'otherTeacher', 'teacher', 'admin'];
type Outcome = 'ok' | 401 | 403 | 404;

// Columns: anonymous, device of A, teacher of B, teacher of A, admin.
const PUBLIC: Outcome[] = ['ok', 'ok', 'ok', 'ok', 'ok'];
const ANY: Outcome[] = [401, 'ok', 'ok', 'ok', 'ok'];
const CLASS_A_READ: Outcome[] = [401, 'ok', 403, 'ok', 'ok'];
/** A student of another class answers like an unknown one (no existence probe, #11 finding 10). */
const CLASS_A_STUDENT: Outcome[] = [401, 'ok', 404, 'ok', 'ok'];
const CLASS_A_STAFF: Outcome[] = [401, 403, 403, 'ok', 'ok'];
const STAFF: Outcome[] = [401, 403, 'ok', 'ok', 'ok'];
const ADMIN_ONLY: Outcome[] = [401, 403, 403, 403, 'ok'];

interface Fixtures {
  api: TestApi;
  classA: string;
  classB: string;
  sessionA: string;
  markA: string;
  tokens: Record<Who, string | null>;
}
type Req = { method: string; path: string; body?: unknown };
type Builder = (f: Fixtures, who: Who) => Promise<Req> | Req;

let counter = 0;
const next = () => ++counter;
const freshStudent = async (f: Fixtures, inClass?: string) => {
  const id = `F${next()}`;
  await f.api.call('POST', '/api/students', { studentId: id, name: `Fresh ${id}` });
  if (inClass) await f.api.call('PUT', `/api/classes/${inClass}/students/${id}`);
  return id;
};
const freshSession = async (f: Fixtures) =>
  (await f.api.call('POST', `/api/classes/${f.classA}/sessions`, { startsAt: new Date(Date.now() - 60_000 * next()).toISOString() })).body.id as string;
const freshMark = async (f: Fixtures) => {
  const student = await freshStudent(f, f.classA);
  const id = uuid();
  await f.api.call('POST', '/api/attendance', {
    marks: [{ id, studentId: student, sessionId: f.sessionA, deviceId: 'd', markedAt: new Date().toISOString(), method: 'face' }],
  });
  return id;
};

const MATRIX: Record<RouteName, [Outcome[], Builder]> = {
  health: [PUBLIC, () => ({ method: 'GET', path: '/api/health' })],
  setupStatus: [PUBLIC, () => ({ method: 'GET', path: '/api/auth/setup' })],
  // Public, but refused for everyone once an admin exists.
  setup: [
    [403, 403, 403, 403, 403],
    () => ({ method: 'POST', path: '/api/auth/setup', body: { email: `x${next()}@s.example`, name: 'X', password: 'another long password' } }),
  ],
  signIn: [PUBLIC, () => ({ method: 'POST', path: '/api/auth/sign-in', body: { email: ADMIN.email, password: ADMIN.password } })],
  signOut: [PUBLIC, () => ({ method: 'POST', path: '/api/auth/sign-out' })],
  me: [ANY, () => ({ method: 'GET', path: '/api/auth/me' })],
  setMyLanguage: [STAFF, () => ({ method: 'PUT', path: '/api/auth/me/language', body: { language: null } })],
  setSchoolLanguage: [ADMIN_ONLY, () => ({ method: 'PUT', path: '/api/school/language', body: { language: null } })],

  listUsers: [ADMIN_ONLY, () => ({ method: 'GET', path: '/api/users' })],
  createUser: [
    ADMIN_ONLY,
    () => ({ method: 'POST', path: '/api/users', body: { email: `u${next()}@s.example`, name: 'U', role: 'teacher', password: 'a long password!' } }),
  ],
  updateUser: [
    ADMIN_ONLY,
    async (f) => {
      const u = await f.api.call('POST', '/api/users', { email: `u${next()}@s.example`, name: 'U', role: 'teacher', password: 'a long password!' });
      return { method: 'PATCH', path: `/api/users/${u.body.id}`, body: { name: 'Renamed' } };
    },
  ],
  deleteUser: [
    ADMIN_ONLY,
    async (f) => {
      const u = await f.api.call('POST', '/api/users', { email: `u${next()}@s.example`, name: 'U', role: 'teacher', password: 'a long password!' });
      return { method: 'DELETE', path: `/api/users/${u.body.id}` };
    },
  ],
  getClassTeachers: [ADMIN_ONLY, (f) => ({ method: 'GET', path: `/api/classes/${f.classA}/teachers` })],
  setClassTeachers: [
    ADMIN_ONLY,
    async (f) => ({
      method: 'PUT',
      path: `/api/classes/${f.classB}/teachers`,
      body: { userIds: (await f.api.call('GET', `/api/classes/${f.classB}/teachers`)).body.userIds },
    }),
  ],

  listTokens: [STAFF, () => ({ method: 'GET', path: '/api/tokens' })],
  createToken: [STAFF, () => ({ method: 'POST', path: '/api/tokens', body: { name: 'another' } })],
  deleteToken: [
    STAFF,
    async (f, who) => {
      // Each caller revokes a token of its own (others' token ids are not theirs to revoke).
      const own = f.tokens[who] && who !== 'device' ? await f.api.call('POST', '/api/tokens', { name: 'to revoke' }, { token: f.tokens[who] }) : null;
      return { method: 'DELETE', path: `/api/tokens/${own?.body.info.id ?? uuid()}` };
    },
  ],

  listDevices: [STAFF, () => ({ method: 'GET', path: '/api/devices' })],
  createDevice: [CLASS_A_STAFF, (f) => ({ method: 'POST', path: '/api/devices', body: { name: 'Room', classIds: [f.classA] } })],
  // Public: the code is the credential (each caller gets a fresh one).
  pairDevice: [
    PUBLIC,
    async (f) => ({
      method: 'POST',
      path: '/api/devices/pair',
      body: { code: (await f.api.call('POST', '/api/devices', { name: `Room ${next()}`, classIds: [f.classA] })).body.pairing.code },
    }),
  ],
  updateDevice: [ADMIN_ONLY, async (f) => ({ method: 'PATCH', path: `/api/devices/${(await f.api.device([f.classA])).id}`, body: { name: `Room ${next()}` } })],
  revokeDevice: [CLASS_A_STAFF, async (f) => ({ method: 'DELETE', path: `/api/devices/${(await f.api.device([f.classA])).id}` })],

  listStudents: [ANY, () => ({ method: 'GET', path: '/api/students' })],
  createStudent: [ADMIN_ONLY, () => ({ method: 'POST', path: '/api/students', body: { studentId: `N${next()}`, name: 'New' } })],
  getStudent: [CLASS_A_STUDENT, () => ({ method: 'GET', path: '/api/students/SA' })],
  updateStudent: [ADMIN_ONLY, () => ({ method: 'PATCH', path: '/api/students/SA', body: { name: 'Student A' } })],
  deleteStudent: [ADMIN_ONLY, async (f) => ({ method: 'DELETE', path: `/api/students/${await freshStudent(f, f.classA)}` })],
  exportStudent: [ADMIN_ONLY, () => ({ method: 'GET', path: '/api/students/SA/export' })],
  purge: [ADMIN_ONLY, () => ({ method: 'POST', path: '/api/admin/purge' })],
  getConsent: [ADMIN_ONLY, () => ({ method: 'GET', path: '/api/students/SA/consent' })],
  setConsent: [ADMIN_ONLY, () => ({ method: 'POST', path: '/api/students/SA/consent', body: { status: 'granted', onBehalfOf: 'parent' } })],
  setConsentBulk: [ADMIN_ONLY, () => ({ method: 'POST', path: '/api/consent', body: { entries: [{ studentId: 'SA', status: 'granted' }] } })],
  consentReport: [ADMIN_ONLY, (f) => ({ method: 'GET', path: `/api/privacy/consent?classId=${f.classA}` })],
  getPrivacySettings: [ADMIN_ONLY, () => ({ method: 'GET', path: '/api/privacy/settings' })],
  updatePrivacySettings: [ADMIN_ONLY, () => ({ method: 'PATCH', path: '/api/privacy/settings', body: { consentRequired: true } })],

  listEmbeddings: [CLASS_A_STUDENT, () => ({ method: 'GET', path: '/api/students/SA/embeddings' })],
  addEmbeddings: [
    ADMIN_ONLY,
    () => ({
      method: 'POST',
      path: '/api/students/SA/embeddings',
      body: { embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, next()), quality: 0.9, sourceHash: hash(`e${counter}`) }] },
    }),
  ],
  // Devices and teachers of the student's class may teach the gallery what they saw; others are told the student does not exist.
  addLearnedEmbeddings: [
    CLASS_A_STUDENT,
    async (f, who) => {
      // An enrolled student the caller has just marked by camera: what the server asks of a learned face.
      const student = await freshStudent(f, f.classA);
      await grantConsent(f.api, student);
      const photo = unit(next());
      await enrolPhoto(f.api, student, photo, student);
      const { at } = await markSeen(f.api, f.classA, student, f.tokens[who]);
      const learned = { deviceId: 'laptop-1', how: 'clear-mark', sightedAt: at };
      return {
        method: 'POST',
        path: `/api/students/${student}/learned-embeddings`,
        body: { embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: b64(near(photo, 0.975, next())), quality: 0.9, learned }] },
      };
    },
  ],
  deleteEmbedding: [
    ADMIN_ONLY,
    async (f) => {
      const added = await f.api.call('POST', '/api/students/SA/embeddings', {
        embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, next()), quality: 0.9, sourceHash: hash(`d${counter}`) }],
      });
      return { method: 'DELETE', path: `/api/students/SA/embeddings/${added.body.results[0].id}` };
    },
  ],
  sync: [ANY, () => ({ method: 'GET', path: '/api/sync?since=0' })],

  listClasses: [ANY, () => ({ method: 'GET', path: '/api/classes' })],
  createClass: [ADMIN_ONLY, () => ({ method: 'POST', path: '/api/classes', body: { name: `Class ${next()}` } })],
  getClass: [CLASS_A_READ, (f) => ({ method: 'GET', path: `/api/classes/${f.classA}` })],
  updateClass: [ADMIN_ONLY, (f) => ({ method: 'PATCH', path: `/api/classes/${f.classA}`, body: { name: 'Class A' } })],
  deleteClass: [
    ADMIN_ONLY,
    async (f) => ({ method: 'DELETE', path: `/api/classes/${(await f.api.call('POST', '/api/classes', { name: `Doomed ${next()}` })).body.id}` }),
  ],
  getRoster: [CLASS_A_READ, (f) => ({ method: 'GET', path: `/api/classes/${f.classA}/students` })],
  setRoster: [
    ADMIN_ONLY,
    async (f) => ({
      method: 'PUT',
      path: `/api/classes/${f.classA}/students`,
      body: { studentIds: (await f.api.call('GET', `/api/classes/${f.classA}/students`)).body.studentIds },
    }),
  ],
  addToRoster: [ADMIN_ONLY, (f) => ({ method: 'PUT', path: `/api/classes/${f.classA}/students/SA` })],
  removeFromRoster: [ADMIN_ONLY, async (f) => ({ method: 'DELETE', path: `/api/classes/${f.classA}/students/${await freshStudent(f, f.classA)}` })],

  // A laptop lists only recent sessions, and this asks for every day: see laptop-lesson.test.ts.
  listSessions: [CLASS_A_STAFF, (f) => ({ method: 'GET', path: `/api/classes/${f.classA}/sessions` })],
  createSession: [
    CLASS_A_READ,
    (f) => ({ method: 'POST', path: `/api/classes/${f.classA}/sessions`, body: { startsAt: '2026-01-05T08:00:00Z', endsAt: '2026-01-05T09:00:00Z' } }),
  ],
  currentSession: [CLASS_A_READ, (f) => ({ method: 'GET', path: `/api/classes/${f.classA}/sessions/current` })],
  getSession: [CLASS_A_READ, (f) => ({ method: 'GET', path: `/api/sessions/${f.sessionA}` })],
  updateSession: [CLASS_A_STAFF, (f) => ({ method: 'PATCH', path: `/api/sessions/${f.sessionA}`, body: { lateAfterMinutes: 10 } })],
  deleteSession: [CLASS_A_STAFF, async (f) => ({ method: 'DELETE', path: `/api/sessions/${await freshSession(f)}` })],
  clearSessionMarks: [CLASS_A_STAFF, async (f) => ({ method: 'DELETE', path: `/api/sessions/${await freshSession(f)}/marks` })],

  // A caller outside class A gets 200 with the mark rejected as forbidden: counted as 403 below.
  postMarks: [
    CLASS_A_READ,
    async (f) => ({
      method: 'POST',
      path: '/api/attendance',
      body: {
        marks: [
          { id: uuid(), studentId: await freshStudent(f, f.classA), sessionId: f.sessionA, deviceId: 'd', markedAt: new Date().toISOString(), method: 'face' },
        ],
      },
    }),
  ],
  // A laptop lists only recent marks, and this asks for every day: see laptop-lesson.test.ts.
  listMarks: [STAFF, () => ({ method: 'GET', path: '/api/attendance' })],
  updateMark: [CLASS_A_STAFF, (f) => ({ method: 'PATCH', path: `/api/attendance/${f.markA}`, body: { status: 'present' } })],
  deleteMark: [CLASS_A_STAFF, async (f) => ({ method: 'DELETE', path: `/api/attendance/${await freshMark(f)}` })],
  markAudit: [CLASS_A_STAFF, (f) => ({ method: 'GET', path: `/api/attendance/${f.markA}/audit` })],
  stats: [STAFF, () => ({ method: 'GET', path: '/api/stats/daily?from=2026-01-01&to=2026-12-31' })],
  events: [ANY, () => ({ method: 'GET', path: '/api/events' })],

  sessionRegister: [CLASS_A_READ, (f) => ({ method: 'GET', path: `/api/sessions/${f.sessionA}/register` })],
  endSession: [CLASS_A_READ, async (f) => ({ method: 'POST', path: `/api/sessions/${await freshSession(f)}/end` })],
  listRegisters: [CLASS_A_STAFF, (f) => ({ method: 'GET', path: `/api/registers?classId=${f.classA}&from=2026-01-01&to=2026-12-31` })],
  attendanceRates: [STAFF, () => ({ method: 'GET', path: '/api/stats/students?from=2026-01-01&to=2026-12-31&below=0.9' })],
  listAbsences: [STAFF, () => ({ method: 'GET', path: '/api/absences?day=2026-01-05' })],
  explainAbsence: [
    CLASS_A_STAFF,
    async (f) => ({
      method: 'POST',
      path: '/api/absences/explain',
      body: { sessionId: f.sessionA, studentId: await freshStudent(f, f.classA), reason: 'Illness' },
    }),
  ],
  getAttendanceCodes: [STAFF, () => ({ method: 'GET', path: '/api/attendance-codes' })],
  setAttendanceCodes: [ADMIN_ONLY, () => ({ method: 'PUT', path: '/api/attendance-codes', body: PLAIN_CODES })],

  getTimetable: [ANY, () => ({ method: 'GET', path: '/api/timetable' })],
  // A fresh class each time: periods of one class may not overlap.
  createPeriod: [
    ADMIN_ONLY,
    async (f) => ({
      method: 'POST',
      path: `/api/classes/${(await f.api.call('POST', '/api/classes', { name: `Timetabled ${next()}` })).body.id}/periods`,
      body: { label: 'P', weekday: 1, startsAt: '09:00', endsAt: '10:00' },
    }),
  ],
  deletePeriod: [
    ADMIN_ONLY,
    async (f) => {
      const cls = (await f.api.call('POST', '/api/classes', { name: `Timetabled ${next()}` })).body.id;
      const p = await f.api.call('POST', `/api/classes/${cls}/periods`, { label: 'P', weekday: 7, startsAt: '23:00', endsAt: '23:59' });
      return { method: 'DELETE', path: `/api/periods/${p.body.id}` };
    },
  ],
  createTerm: [ADMIN_ONLY, () => ({ method: 'POST', path: '/api/terms', body: { name: 'Term', firstDay: '2026-01-05', lastDay: '2026-03-27' } })],
  deleteTerm: [
    ADMIN_ONLY,
    async (f) => ({
      method: 'DELETE',
      path: `/api/terms/${(await f.api.call('POST', '/api/terms', { name: 'T', firstDay: '2026-01-05', lastDay: '2026-01-06' })).body.id}`,
    }),
  ],
  createCover: [
    ADMIN_ONLY,
    async (f) => ({
      method: 'POST',
      path: `/api/classes/${f.classB}/covers`,
      body: { userId: (await f.api.call('GET', '/api/auth/me')).body.actor.user.id, day: '2030-01-0' + (1 + (next() % 9)) },
    }),
  ],
  // Staff of the student's class: a teacher of another class is told the student does not exist.
  getGuardians: [[401, 403, 404, 'ok', 'ok'], () => ({ method: 'GET', path: '/api/students/SA/guardians' })],
  setGuardians: [ADMIN_ONLY, () => ({ method: 'PUT', path: '/api/students/SA/guardians', body: { guardians: [{ name: 'Pat Parent' }] } })],
  listNotices: [[401, 403, 404, 'ok', 'ok'], () => ({ method: 'GET', path: '/api/students/SA/notices' })],
  getNoticeSettings: [ADMIN_ONLY, () => ({ method: 'GET', path: '/api/notices/settings' })],
  updateNoticeSettings: [ADMIN_ONLY, () => ({ method: 'PATCH', path: '/api/notices/settings', body: { delayMinutes: 5 } })],
  deleteCover: [
    ADMIN_ONLY,
    async (f) => {
      const me = (await f.api.call('GET', '/api/auth/me')).body.actor.user.id;
      const c = await f.api.call('POST', `/api/classes/${f.classB}/covers`, { userId: me, day: '2031-01-01' });
      return { method: 'DELETE', path: `/api/covers/${c.body.id}` };
    },
  ],
};

async function outcome(f: Fixtures, who: Who, req: Req): Promise<{ outcome: Outcome | number; body: unknown }> {
  if (req.path === '/api/events') {
    const controller = new AbortController();
    const headers: Record<string, string> = f.tokens[who] ? { authorization: `Bearer ${f.tokens[who]}` } : {};
    const res = await fetch(f.api.base + req.path, { headers, signal: controller.signal });
    const body = res.ok ? null : await res.json();
    controller.abort();
    return { outcome: res.ok ? 'ok' : res.status, body };
  }
  const res = await f.api.call(req.method, req.path, req.body, { token: f.tokens[who] });
  const forbiddenItem = res.status === 200 && res.body?.results?.[0]?.reason === 'forbidden';
  return { outcome: forbiddenItem ? 403 : res.status < 300 ? 'ok' : res.status, body: res.body };
}

describe.each(dialects)('access control on %s', (dialect) => {
  let f: Fixtures;
  beforeAll(async () => {
    const api = await startApi(dialect);
    await api.call('POST', '/api/students', { studentId: 'SA', name: 'Student A' });
    await api.call('POST', '/api/students', { studentId: 'SB', name: 'Student B' });
    await grantConsent(api, 'SA');
    const classA = (await api.call('POST', '/api/classes', { name: 'Class A', studentIds: ['SA'] })).body.id;
    const classB = (await api.call('POST', '/api/classes', { name: 'Class B', studentIds: ['SB'] })).body.id;
    const sessionA = (await api.call('POST', `/api/classes/${classA}/sessions`, {})).body.id;
    const markA = uuid();
    await api.call('POST', '/api/attendance', {
      marks: [{ id: markA, studentId: 'SA', sessionId: sessionA, deviceId: 'd', markedAt: new Date().toISOString(), method: 'face' }],
    });
    const tokens: Record<Who, string | null> = {
      anonymous: null,
      device: (await api.device([classA])).token,
      otherTeacher: (await api.teacher([classB])).token,
      teacher: (await api.teacher([classA])).token,
      admin: api.adminToken,
    };
    f = { api, classA, classB, sessionA, markA, tokens };
  });
  afterAll(() => f.api.close());

  it('has an expected row for every route', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(routes).sort());
  });

  it.each(Object.keys(routes) as RouteName[])('%s answers each caller as expected', async (name) => {
    const [expected, build] = MATRIX[name];
    const got: Record<string, Outcome | number> = {};
    for (const who of WHO) {
      const result = await outcome(f, who, await build(f, who));
      got[who] = result.outcome;
      if (result.outcome === 401) expect((result.body as { error: { code: string } }).error.code).toBe('unauthenticated');
      if (result.outcome === 403 && name !== 'postMarks') expect((result.body as { error: { code: string } }).error.code).toBe('forbidden');
    }
    expect(got).toEqual(Object.fromEntries(WHO.map((w, i) => [w, expected[i]])));
  });
});
