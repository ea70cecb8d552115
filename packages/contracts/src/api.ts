// The one table of every HTTP route: method, path, schemas. The API validates requests with it
// and generates its OpenAPI description from it; the web app's client is typed by it.
import { z } from 'zod';
import { IdParams, Ok } from './common.ts';
import * as A from './attendance.ts';
import * as AB from './absences.ts';
import * as AC from './attendance-codes.ts';
import * as C from './classes.ts';
import * as K from './consent.ts';
import * as R from './register.ts';
import * as E from './embeddings.ts';
import * as S from './students.ts';
import * as U from './auth.ts';
import { Health, SyncQuery, SyncResponse } from './sync.ts';
import * as T from './timetable.ts';
import * as G from './guardians.ts';
import { LanguageChoice } from './language.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. public: anyone. any: any signed-in user or registered device. classroom:
 * what a lesson needs (starting and ending a session, today's marks), for staff and for a paired
 * classroom laptop. staff: admins and teachers. admin: admins only. Teachers and devices are
 * further limited to their own classes by the services (a teacher of another class gets 403).
 */
export type Access = 'public' | 'any' | 'classroom' | 'staff' | 'admin';

export interface RouteDef {
  method: Method;
  access: Access;
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status; errors use ERROR_STATUS. */
  status?: 200 | 201;
  /** A Server-Sent Events stream rather than one JSON answer. */
  stream?: boolean;
}

const route = <const R extends RouteDef>(r: R) => r;

export const routes = {
  health: route({
    access: 'public',
    method: 'GET',
    path: '/api/health',
    summary: 'Whether the server and database work; an admin also gets version, database and migration level',
    tag: 'system',
    response: Health,
  }),

  listStudents: route({
    access: 'any',
    method: 'GET',
    path: '/api/students',
    summary: 'Search students by id or name (paginated)',
    tag: 'students',
    query: S.ListStudentsQuery,
    response: S.StudentPage,
  }),
  createStudent: route({
    access: 'admin',
    method: 'POST',
    path: '/api/students',
    summary: 'Create a student',
    tag: 'students',
    body: S.CreateStudentBody,
    response: S.Student,
    status: 201,
  }),
  getStudent: route({
    access: 'any',
    method: 'GET',
    path: '/api/students/:studentId',
    summary: 'Get one student',
    tag: 'students',
    params: S.StudentParams,
    response: S.Student,
  }),
  updateStudent: route({
    access: 'admin',
    method: 'PATCH',
    path: '/api/students/:studentId',
    summary: "Change a student's name or email",
    tag: 'students',
    params: S.StudentParams,
    body: S.UpdateStudentBody,
    response: S.Student,
  }),
  deleteStudent: route({
    access: 'admin',
    method: 'DELETE',
    path: '/api/students/:studentId',
    summary: 'Delete a student, their embeddings at once, and their marks unless keepMarks=true',
    tag: 'students',
    params: S.StudentParams,
    query: S.DeleteStudentQuery,
    response: S.DeletedStudent,
  }),

  listEmbeddings: route({
    access: 'any',
    method: 'GET',
    path: '/api/students/:studentId/embeddings',
    summary: "List a student's embeddings (metadata; vectors with includeVectors=true)",
    tag: 'embeddings',
    params: S.StudentParams,
    query: E.ListEmbeddingsQuery,
    response: E.EmbeddingList,
  }),
  addEmbeddings: route({
    access: 'admin',
    method: 'POST',
    path: '/api/students/:studentId/embeddings',
    summary: 'Add face embeddings to a student (a photo already stored is reported as duplicate)',
    tag: 'embeddings',
    params: S.StudentParams,
    body: E.AddEmbeddingsBody,
    response: E.AddEmbeddingsResult,
    status: 201,
  }),
  addLearnedEmbeddings: route({
    access: 'any',
    method: 'POST',
    path: '/api/students/:studentId/learned-embeddings',
    summary:
      "Add embeddings a device learned from a confirmed recognition of a student on its classes' rosters: each must rest on the caller's recent accepted mark of the student, be close to the student's enrolment photos, clear of classmates and new (learning-refused otherwise); at the cap the oldest learned one makes room; the same vector twice is a duplicate",
    tag: 'embeddings',
    params: S.StudentParams,
    body: E.AddLearnedEmbeddingsBody,
    response: E.AddEmbeddingsResult,
    status: 201,
  }),
  deleteEmbedding: route({
    access: 'admin',
    method: 'DELETE',
    path: '/api/students/:studentId/embeddings/:embeddingId',
    summary: 'Delete one embedding',
    tag: 'embeddings',
    params: E.EmbeddingParams,
    response: Ok,
  }),

  sync: route({
    access: 'any',
    method: 'GET',
    path: '/api/sync',
    summary: 'Students, embeddings and rosters changed since a revision (since=0: everything)',
    tag: 'sync',
    query: SyncQuery,
    response: SyncResponse,
  }),

  listClasses: route({ access: 'any', method: 'GET', path: '/api/classes', summary: 'List classes', tag: 'classes', response: C.ClassList }),
  createClass: route({
    access: 'admin',
    method: 'POST',
    path: '/api/classes',
    summary: 'Create a class, optionally with its roster',
    tag: 'classes',
    body: C.CreateClassBody,
    response: C.Class,
    status: 201,
  }),
  getClass: route({ access: 'any', method: 'GET', path: '/api/classes/:id', summary: 'Get one class', tag: 'classes', params: IdParams, response: C.Class }),
  updateClass: route({
    access: 'admin',
    method: 'PATCH',
    path: '/api/classes/:id',
    summary: 'Rename a class',
    tag: 'classes',
    params: IdParams,
    body: C.UpdateClassBody,
    response: C.Class,
  }),
  deleteClass: route({
    access: 'admin',
    method: 'DELETE',
    path: '/api/classes/:id',
    summary: 'Delete a class and its sessions (marks stay, as day marks)',
    tag: 'classes',
    params: IdParams,
    response: Ok,
  }),
  getRoster: route({
    access: 'any',
    method: 'GET',
    path: '/api/classes/:id/students',
    summary: "A class's roster",
    tag: 'classes',
    params: IdParams,
    response: C.Roster,
  }),
  setRoster: route({
    access: 'admin',
    method: 'PUT',
    path: '/api/classes/:id/students',
    summary: "Replace a class's roster",
    tag: 'classes',
    params: IdParams,
    body: C.RosterBody,
    response: C.Roster,
  }),
  addToRoster: route({
    access: 'admin',
    method: 'PUT',
    path: '/api/classes/:id/students/:studentId',
    summary: 'Add one student to a roster',
    tag: 'classes',
    params: C.RosterMemberParams,
    response: C.Roster,
  }),
  removeFromRoster: route({
    access: 'admin',
    method: 'DELETE',
    path: '/api/classes/:id/students/:studentId',
    summary: 'Remove one student from a roster',
    tag: 'classes',
    params: C.RosterMemberParams,
    response: C.Roster,
  }),

  listSessions: route({
    access: 'any',
    method: 'GET',
    path: '/api/classes/:id/sessions',
    summary: "A class's sessions, newest first",
    tag: 'sessions',
    params: IdParams,
    query: C.ListSessionsQuery,
    response: C.SessionList,
  }),
  createSession: route({
    access: 'classroom',
    method: 'POST',
    path: '/api/classes/:id/sessions',
    summary: 'Start a session of a class (ends any session of it still running)',
    tag: 'sessions',
    params: IdParams,
    body: C.CreateSessionBody,
    response: C.ClassSession,
    status: 201,
  }),
  currentSession: route({
    access: 'any',
    method: 'GET',
    path: '/api/classes/:id/sessions/current',
    summary: 'The session of a class running now, if any',
    tag: 'sessions',
    params: IdParams,
    response: C.CurrentSession,
  }),
  getSession: route({
    access: 'any',
    method: 'GET',
    path: '/api/sessions/:id',
    summary: 'Get one session',
    tag: 'sessions',
    params: IdParams,
    response: C.ClassSession,
  }),
  updateSession: route({
    access: 'staff',
    method: 'PATCH',
    path: '/api/sessions/:id',
    summary: 'Change or end a session (endsAt)',
    tag: 'sessions',
    params: IdParams,
    body: C.UpdateSessionBody,
    response: C.ClassSession,
  }),
  deleteSession: route({
    access: 'staff',
    method: 'DELETE',
    path: '/api/sessions/:id',
    summary: 'Delete a session (its marks stay, as day marks)',
    tag: 'sessions',
    params: IdParams,
    response: Ok,
  }),
  clearSessionMarks: route({
    access: 'staff',
    method: 'DELETE',
    path: '/api/sessions/:id/marks',
    summary: "Clear a session's attendance log (audited)",
    tag: 'attendance',
    params: IdParams,
    body: A.ClearMarksBody.optional(),
    response: A.ClearedMarks,
  }),

  postMarks: route({
    access: 'any',
    method: 'POST',
    path: '/api/attendance',
    summary: 'Post a batch of marks; idempotent on each mark id; enforces once-per-session and the cooldown',
    tag: 'attendance',
    body: A.PostMarksBody,
    response: A.PostMarksResult,
  }),
  listMarks: route({
    access: 'classroom',
    method: 'GET',
    path: '/api/attendance',
    summary: 'Marks filtered by day range, class, session, student',
    tag: 'attendance',
    query: A.ListMarksQuery,
    response: A.MarkPage,
  }),
  updateMark: route({
    access: 'staff',
    method: 'PATCH',
    path: '/api/attendance/:id',
    summary: "Correct a mark's status (audited)",
    tag: 'attendance',
    params: IdParams,
    body: A.UpdateMarkBody,
    response: A.Mark,
  }),
  deleteMark: route({
    access: 'staff',
    method: 'DELETE',
    path: '/api/attendance/:id',
    summary: 'Remove one mark (audited)',
    tag: 'attendance',
    params: IdParams,
    body: A.ClearMarksBody.optional(),
    response: Ok,
  }),
  markAudit: route({
    access: 'staff',
    method: 'GET',
    path: '/api/attendance/:id/audit',
    summary: 'The audit trail of a mark',
    tag: 'attendance',
    params: IdParams,
    response: A.AuditList,
  }),
  stats: route({
    access: 'staff',
    method: 'GET',
    path: '/api/stats/daily',
    summary: 'Per day and class: roster size, present, late, excused, absent (named)',
    tag: 'attendance',
    query: A.StatsQuery,
    response: A.StatsResult,
  }),

  sessionRegister: route({
    access: 'any',
    method: 'GET',
    path: '/api/sessions/:id/register',
    summary: "A session's register: every roster student with their status (not seen, present, late, excused, absent)",
    tag: 'register',
    params: IdParams,
    response: R.Register,
  }),
  endSession: route({
    access: 'classroom',
    method: 'POST',
    path: '/api/sessions/:id/end',
    summary: 'End a session: every roster student without a mark is marked absent',
    tag: 'register',
    params: IdParams,
    body: R.EndSessionBody.optional(),
    response: R.EndedSession,
  }),
  listRegisters: route({
    access: 'staff',
    method: 'GET',
    path: '/api/registers',
    summary: 'The registers of the sessions of one class (classId) or several (classIds) in a day range (one row per roster student per session)',
    tag: 'register',
    query: R.RegistersQuery,
    response: R.RegisterList,
  }),
  attendanceRates: route({
    access: 'staff',
    method: 'GET',
    path: '/api/stats/students',
    summary: "Each student's attendance rate over a day range; below=0.9 lists persistent absence",
    tag: 'register',
    query: R.RatesQuery,
    response: R.RatesResult,
  }),
  listAbsences: route({
    access: 'staff',
    method: 'GET',
    path: '/api/absences',
    summary: "A day's absences still to explain (default today): absent or never seen in its ended sessions, without a reason",
    tag: 'absences',
    query: AB.AbsencesQuery,
    response: AB.AbsenceList,
  }),
  explainAbsence: route({
    access: 'staff',
    method: 'POST',
    path: '/api/absences/explain',
    summary: "Record why a student was absent from a session: the mark is corrected (audited) to its reason's code",
    tag: 'absences',
    body: AB.ExplainAbsenceBody,
    response: AB.ExplainedAbsence,
  }),
  getAttendanceCodes: route({
    access: 'staff',
    method: 'GET',
    path: '/api/attendance-codes',
    summary: "The school's attendance codes and absence reasons (the plain P/L/E/A set until an admin chooses)",
    tag: 'absences',
    response: AC.CodeSet,
  }),
  setAttendanceCodes: route({
    access: 'admin',
    method: 'PUT',
    path: '/api/attendance-codes',
    summary: "Replace the school's attendance codes and absence reasons (one default code per status, each code once)",
    tag: 'absences',
    body: AC.CodeSetBody,
    response: AC.CodeSet,
  }),

  getTimetable: route({
    access: 'any',
    method: 'GET',
    path: '/api/timetable',
    summary: "The weekly periods and today's-and-later covers of your classes (an admin: every class), and the term dates",
    tag: 'timetable',
    query: T.TimetableQuery,
    response: T.Timetable,
  }),
  createPeriod: route({
    access: 'admin',
    method: 'POST',
    path: '/api/classes/:id/periods',
    summary: 'Add a weekly period to a class (it may not overlap another period of the class on that weekday)',
    tag: 'timetable',
    params: IdParams,
    body: T.CreatePeriodBody,
    response: T.Period,
    status: 201,
  }),
  deletePeriod: route({
    access: 'admin',
    method: 'DELETE',
    path: '/api/periods/:id',
    summary: 'Remove a weekly period (sessions it started stay)',
    tag: 'timetable',
    params: IdParams,
    response: Ok,
  }),
  createTerm: route({
    access: 'admin',
    method: 'POST',
    path: '/api/terms',
    summary: 'Add a term: once any term is set, periods run only on days inside a term',
    tag: 'timetable',
    body: T.CreateTermBody,
    response: T.Term,
    status: 201,
  }),
  deleteTerm: route({ access: 'admin', method: 'DELETE', path: '/api/terms/:id', summary: 'Remove a term', tag: 'timetable', params: IdParams, response: Ok }),
  createCover: route({
    access: 'admin',
    method: 'POST',
    path: '/api/classes/:id/covers',
    summary: 'Let a teacher take a class for one day (they see and run it on that day only)',
    tag: 'timetable',
    params: IdParams,
    body: T.CreateCoverBody,
    response: T.Cover,
    status: 201,
  }),
  deleteCover: route({
    access: 'admin',
    method: 'DELETE',
    path: '/api/covers/:id',
    summary: 'Remove a cover',
    tag: 'timetable',
    params: IdParams,
    response: Ok,
  }),

  getGuardians: route({
    access: 'staff',
    method: 'GET',
    path: '/api/students/:studentId/guardians',
    summary: "A student's guardians and how to reach them",
    tag: 'guardians',
    params: S.StudentParams,
    response: G.GuardianList,
  }),
  setGuardians: route({
    access: 'admin',
    method: 'PUT',
    path: '/api/students/:studentId/guardians',
    summary: "Replace a student's guardians (those kept by id keep their notices)",
    tag: 'guardians',
    params: S.StudentParams,
    body: G.SetGuardiansBody,
    response: G.GuardianList,
  }),
  listNotices: route({
    access: 'staff',
    method: 'GET',
    path: '/api/students/:studentId/notices',
    summary: "Absence notices to a student's guardians: to whom, when, and what the mail server answered",
    tag: 'guardians',
    params: S.StudentParams,
    response: G.NoticeList,
  }),
  getNoticeSettings: route({
    access: 'admin',
    method: 'GET',
    path: '/api/notices/settings',
    summary: 'When absence notices go to guardians, and their wording per language',
    tag: 'guardians',
    response: G.NoticeSettings,
  }),
  updateNoticeSettings: route({
    access: 'admin',
    method: 'PATCH',
    path: '/api/notices/settings',
    summary: 'Change when absence notices go, or their wording',
    tag: 'guardians',
    body: G.UpdateNoticeSettingsBody,
    response: G.NoticeSettings,
  }),

  events: route({
    access: 'any',
    method: 'GET',
    path: '/api/events',
    summary: 'Server-Sent Events: accepted marks and roster changes, from every API instance',
    tag: 'events',
    response: z.unknown(),
    stream: true,
  }),
  setupStatus: route({
    access: 'public',
    method: 'GET',
    path: '/api/auth/setup',
    summary: 'Whether the first admin still has to be created',
    tag: 'auth',
    response: U.SetupStatus,
  }),
  setup: route({
    access: 'public',
    method: 'POST',
    path: '/api/auth/setup',
    summary: 'Create the first admin (only while no admin exists) and sign in',
    tag: 'auth',
    body: U.SetupBody,
    response: U.SignedIn,
    status: 201,
  }),
  signIn: route({
    access: 'public',
    method: 'POST',
    path: '/api/auth/sign-in',
    summary: 'Sign in with email and password (sets an HttpOnly session cookie)',
    tag: 'auth',
    body: U.SignInBody,
    response: U.SignedIn,
  }),
  signOut: route({ access: 'public', method: 'POST', path: '/api/auth/sign-out', summary: 'End this browser session', tag: 'auth', response: Ok }),
  me: route({ access: 'any', method: 'GET', path: '/api/auth/me', summary: 'Who is calling: a user or a device', tag: 'auth', response: U.Me }),
  setMyLanguage: route({
    access: 'staff',
    method: 'PUT',
    path: '/api/auth/me/language',
    summary: "Choose the language the app speaks to me (null: follow the device, the browser and the school's default)",
    tag: 'auth',
    body: LanguageChoice,
    response: U.Me,
  }),
  setSchoolLanguage: route({
    access: 'admin',
    method: 'PUT',
    path: '/api/school/language',
    summary: "The school's default language, for people whose browser asks for none Rollcall speaks (audited)",
    tag: 'privacy',
    body: LanguageChoice,
    response: LanguageChoice,
  }),

  listUsers: route({ access: 'admin', method: 'GET', path: '/api/users', summary: 'List accounts', tag: 'users', response: U.UserList }),
  createUser: route({
    access: 'admin',
    method: 'POST',
    path: '/api/users',
    summary: 'Create an admin or teacher account',
    tag: 'users',
    body: U.CreateUserBody,
    response: U.User,
    status: 201,
  }),
  updateUser: route({
    access: 'admin',
    method: 'PATCH',
    path: '/api/users/:id',
    summary: 'Change name, role, password, classes, or disable an account',
    tag: 'users',
    params: IdParams,
    body: U.UpdateUserBody,
    response: U.User,
  }),
  deleteUser: route({
    access: 'admin',
    method: 'DELETE',
    path: '/api/users/:id',
    summary: 'Delete an account and its sessions and tokens',
    tag: 'users',
    params: IdParams,
    response: Ok,
  }),
  getClassTeachers: route({
    access: 'admin',
    method: 'GET',
    path: '/api/classes/:id/teachers',
    summary: 'Teachers of a class',
    tag: 'classes',
    params: IdParams,
    response: U.ClassTeachers,
  }),
  setClassTeachers: route({
    access: 'admin',
    method: 'PUT',
    path: '/api/classes/:id/teachers',
    summary: 'Replace the teachers of a class',
    tag: 'classes',
    params: IdParams,
    body: U.ClassTeachersBody,
    response: U.ClassTeachers,
  }),

  listTokens: route({
    access: 'staff',
    method: 'GET',
    path: '/api/tokens',
    summary: 'Your personal API tokens (for the CLI)',
    tag: 'auth',
    response: U.TokenList,
  }),
  createToken: route({
    access: 'staff',
    method: 'POST',
    path: '/api/tokens',
    summary: 'Create a personal API token; it is shown once',
    tag: 'auth',
    body: U.CreateTokenBody,
    response: U.TokenCreated,
    status: 201,
  }),
  deleteToken: route({
    access: 'staff',
    method: 'DELETE',
    path: '/api/tokens/:id',
    summary: 'Revoke one of your tokens',
    tag: 'auth',
    params: IdParams,
    response: Ok,
  }),

  listDevices: route({
    access: 'staff',
    method: 'GET',
    path: '/api/devices',
    summary: 'Classroom devices (a teacher sees those of their classes)',
    tag: 'devices',
    response: U.DeviceList,
  }),
  createDevice: route({
    access: 'staff',
    method: 'POST',
    path: '/api/devices',
    summary: 'Register a classroom device for some classes; its token is shown once',
    tag: 'devices',
    body: U.CreateDeviceBody,
    response: U.DeviceCreated,
    status: 201,
  }),
  pairDevice: route({
    access: 'public',
    method: 'POST',
    path: '/api/devices/pair',
    summary: "A laptop exchanges a device's short pairing code (once, within minutes) for the device's session cookie",
    tag: 'devices',
    body: U.PairDeviceBody,
    response: U.DevicePaired,
  }),
  updateDevice: route({
    access: 'admin',
    method: 'PATCH',
    path: '/api/devices/:id',
    summary: 'Admins only: rename a classroom device or change its classes (a revoked one is refused); its next pull brings a whole set of its classes',
    tag: 'devices',
    params: IdParams,
    body: U.UpdateDeviceBody,
    response: U.Device,
  }),
  revokeDevice: route({
    access: 'staff',
    method: 'DELETE',
    path: '/api/devices/:id',
    summary: "Revoke a device's token at once",
    tag: 'devices',
    params: IdParams,
    response: Ok,
  }),

  exportStudent: route({
    access: 'admin',
    method: 'GET',
    path: '/api/students/:studentId/export',
    summary: 'Everything stored about one student (subject-access request)',
    tag: 'privacy',
    params: U.StudentExportParams,
    response: U.StudentExport,
  }),
  getConsent: route({
    access: 'admin',
    method: 'GET',
    path: '/api/students/:studentId/consent',
    summary: "A student's biometric consent and its history",
    tag: 'privacy',
    params: S.StudentParams,
    response: K.StudentConsent,
  }),
  setConsent: route({
    access: 'admin',
    method: 'POST',
    path: '/api/students/:studentId/consent',
    summary: 'Record consent (granted, refused, withdrawn); refusal or withdrawal deletes the face data at once (audited)',
    tag: 'privacy',
    params: S.StudentParams,
    body: K.ConsentChange,
    response: K.StudentConsent,
    status: 201,
  }),
  setConsentBulk: route({
    access: 'admin',
    method: 'POST',
    path: '/api/consent',
    summary: 'Record consent for many students (a class, a roster CSV); unknown ids are reported, not fatal',
    tag: 'privacy',
    body: K.BulkConsentBody,
    response: K.BulkConsentResult,
  }),
  consentReport: route({
    access: 'admin',
    method: 'GET',
    path: '/api/privacy/consent',
    summary: 'Consent counts for the school and per class; with classId, the printable list of that class',
    tag: 'privacy',
    query: K.ConsentReportQuery,
    response: K.ConsentReport,
  }),
  getPrivacySettings: route({
    access: 'admin',
    method: 'GET',
    path: '/api/privacy/settings',
    summary: 'The consent policy and mark retention, with their change history',
    tag: 'privacy',
    response: K.PrivacySettings,
  }),
  updatePrivacySettings: route({
    access: 'admin',
    method: 'PATCH',
    path: '/api/privacy/settings',
    summary: 'Switch the consent policy or change mark retention (audited)',
    tag: 'privacy',
    body: K.UpdatePrivacySettingsBody,
    response: K.PrivacySettings,
  }),
  purge: route({
    access: 'admin',
    method: 'POST',
    path: '/api/admin/purge',
    summary: 'Apply the retention setting now: delete marks older than it',
    tag: 'privacy',
    response: U.PurgeResult,
  }),
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
/** Routes that answer with one JSON document (not a Server-Sent Events stream). */
export type JsonRouteName = { [N in RouteName]: Routes[N] extends { stream: true } ? never : N }[RouteName];

type Field<R, K extends string> = R extends Record<K, infer S extends z.ZodType> ? S : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a caller sends (before defaults) and what a handler receives (after parsing). */
export type RequestInput<N extends RouteName> = {
  params: In<Field<Routes[N], 'params'>>;
  query: In<Field<Routes[N], 'query'>>;
  body: In<Field<Routes[N], 'body'>>;
};
export type ParsedRequest<N extends RouteName> = {
  params: Out<Field<Routes[N], 'params'>>;
  query: Out<Field<Routes[N], 'query'>>;
  body: Out<Field<Routes[N], 'body'>>;
};
export type ResponseOf<N extends RouteName> = z.output<Routes[N]['response']>;

/** Builds a concrete path from a route's pattern, encoding each parameter. */
export function buildPath(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}
