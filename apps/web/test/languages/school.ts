// A school with something on every page, made through the API: pupils whose names sort
// differently by language, a class with a session running (the register) and one with a lesson
// ended today (records, absences), guardians, a timetable period, a teacher and a paired laptop.
import { randomUUID } from 'node:crypto';
import { setupAdmin } from '../harness.ts';

export const ADMIN = { email: 'office@school.example', name: 'Office Admin', password: 'a long enough passphrase' };
export const TEACHER = { email: 'ann.lee@school.example', name: 'Ann Lee', password: 'teacher passphrase 42' };
export const LAPTOP = 'Room 9 laptop';
export const REGISTER_CLASS = 'Form 7B';
export const LESSON_CLASS = 'Year 9 Chemistry';

/** Names whose order depends on the language: Spanish sorts Ñ after every N, English and German with N. */
export const PUPILS = [
  { studentId: 'Z1', name: 'Zoë Ørsted' },
  { studentId: 'N2', name: 'Ñoño Pérez' },
  { studentId: 'L1', name: 'Łukasz Nowak' },
  { studentId: 'N1', name: 'Nora Quinn' },
  { studentId: 'D1', name: 'Daryl Dixon' },
] as const;
/** A pupil with a guardian and, on the lesson ended today, an absence to explain. */
export const ABSENT = PUPILS[3];
export const GUARDIAN = 'Pat Quinn';

export interface Cookie {
  name: string;
  value: string;
}

export interface School {
  admin: Cookie;
  teacher: Cookie;
  laptop: Cookie;
  registerClassId: string;
  runningSessionId: string;
}

/** The session cookie a response sets. */
function cookieOf(res: Response): Cookie {
  const [name, value] = (res.headers.get('set-cookie') ?? '').split(';')[0]!.split('=') as [string, string];
  if (!value) throw new Error(`no session cookie from ${res.url}`);
  return { name, value };
}

async function post(base: string, p: string, body: unknown, cookie?: Cookie, method = 'POST'): Promise<Response> {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie && { cookie: `${cookie.name}=${cookie.value}` }) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res;
}

export async function seedSchool(base: string): Promise<School> {
  const admin = await setupAdmin(base, ADMIN);
  const api = async <T = { id: string }>(method: string, p: string, body: unknown) => (await (await post(base, p, body, admin, method)).json()) as T;
  for (const s of PUPILS) await api('POST', '/api/students', { ...s, email: `${s.studentId.toLowerCase()}@school.example` });
  const ids = PUPILS.map((s) => s.studentId);
  // Consent for all but one, so the camera-free badge shows too.
  await api('POST', '/api/consent', { entries: ids.slice(1).map((studentId) => ({ studentId, status: 'granted', onBehalfOf: 'parent' })) });
  const register = await api('POST', '/api/classes', { name: REGISTER_CLASS, studentIds: ids });
  const lesson = await api('POST', '/api/classes', { name: LESSON_CLASS, studentIds: ids });
  await api('PUT', `/api/students/${ABSENT.studentId}/guardians`, {
    guardians: [{ name: GUARDIAN, relation: 'mother', phone: '07700 900123', email: 'pat@example.org' }],
  });
  await api('POST', `/api/classes/${lesson.id}/periods`, { label: 'Period 2', weekday: 3, startsAt: '09:50', endsAt: '10:45', lateAfterMinutes: 7 });

  // A lesson earlier today (never before midnight), ended: present, late, excused with a reason, the rest absent.
  const now = Date.now();
  const startsAt = Math.max(now - 40 * 60_000, new Date(now).setHours(0, 0, 1, 0));
  const at = (minutes: number) => new Date(Math.min(startsAt + minutes * 60_000, now - 1000)).toISOString();
  const ended = await api('POST', `/api/classes/${lesson.id}/sessions`, { startsAt: new Date(startsAt).toISOString(), lateAfterMinutes: 10 });
  const mark = (studentId: string, extra: object) => ({ id: randomUUID(), studentId, sessionId: ended.id, deviceId: 'laptop', markedAt: at(1), ...extra });
  await api('POST', '/api/attendance', {
    marks: [
      mark('Z1', { method: 'face', similarity: 0.91 }),
      mark('D1', { method: 'manual', status: 'late' }),
      mark('L1', { method: 'manual', status: 'excused', reason: 'Dentist' }),
    ],
  });
  await api('POST', `/api/sessions/${ended.id}/end`, { endsAt: at(20) });

  const running = await api('POST', `/api/classes/${register.id}/sessions`, { lateAfterMinutes: 10 });
  await api('POST', '/api/users', { ...TEACHER, role: 'teacher', classIds: [register.id, lesson.id] });
  const teacher = cookieOf(await post(base, '/api/auth/sign-in', { email: TEACHER.email, password: TEACHER.password }));
  const { pairing } = await api<{ pairing: { code: string } }>('POST', '/api/devices', { name: LAPTOP, classIds: [register.id] });
  const laptop = cookieOf(await post(base, '/api/devices/pair', { code: pairing.code }));
  return { admin, teacher, laptop, registerClassId: register.id, runningSessionId: running.id };
}

/**
 * A face waiting in Needs review on the register's session, put in this device's store as the
 * recogniser leaves one (the queue lists the store's items): two pupils who look alike.
 */
export function reviewItem(sessionId: string, classId: string) {
  return {
    id: randomUUID(),
    sessionId,
    classId,
    createdAt: Date.now(),
    // A 1x1 grey PNG: the queue shows a thumbnail; what it shows does not matter here.
    thumbnail: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
    why: 'ambiguous',
    candidates: [
      { studentId: 'N1', score: 0.62 },
      { studentId: 'N2', score: 0.6 },
    ],
  };
}
