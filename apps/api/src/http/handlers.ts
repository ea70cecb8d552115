// One line per route: hand the parsed request and the caller's scope to a service. Rules live
// in the services; who may call what lives in the contracts' route table.
import type { Handlers } from './router.ts';
import { DEVICE_COOKIE, SESSION_COOKIE } from './router.ts';
import { SESSION_MS } from '../features/auth/auth.service.ts';
import type { Services } from '../services.ts';
import type { Actor } from '../shared/actor.ts';

/** A paired laptop stays paired for a school year; revoking the device ends it sooner. */
const DEVICE_COOKIE_MS = 400 * 24 * 3_600_000;

export function handlers(s: Services): Handlers {
  /** Who is calling, with the school's default language the app falls back on. */
  const meOf = async (actor: Actor) => ({ ...(await s.auth.me(actor)), schoolLanguage: await s.language.school() });
  return {
    health: (_req, ctx) => s.health.check(ctx.actor),

    setupStatus: () => s.auth.setupStatus(),
    setup: async ({ body }, ctx) => {
      const { secret, ...signedIn } = await s.auth.setup(body);
      ctx.setCookie(SESSION_COOKIE, secret, SESSION_MS);
      return signedIn;
    },
    signIn: async ({ body }, ctx) => {
      const { secret, ...signedIn } = await s.auth.signIn(body.email, body.password, ctx.address);
      ctx.setCookie(SESSION_COOKIE, secret, SESSION_MS);
      return signedIn;
    },
    signOut: async (_req, ctx) => {
      // Without a person signed in, signing out unpairs the laptop (its device cookie goes).
      if (!ctx.cookie(SESSION_COOKIE)) ctx.clearCookie(DEVICE_COOKIE);
      ctx.clearCookie(SESSION_COOKIE);
      return s.auth.signOut(ctx.cookie(SESSION_COOKIE));
    },
    me: (_req, { actor }) => meOf(actor),
    setMyLanguage: async ({ body }, { actor }) => (await s.language.setMine(actor.id, body.language), meOf(actor)),
    setSchoolLanguage: ({ body }) => s.language.setSchool(body.language),

    listUsers: () => s.users.list(),
    createUser: ({ body }) => s.users.create(body),
    updateUser: ({ params, body }, { actor }) => s.users.update(actor.id, params.id, body),
    deleteUser: ({ params }, { actor }) => s.users.delete(actor.id, params.id),
    getClassTeachers: ({ params }) => s.users.teachersOf(params.id),
    setClassTeachers: ({ params, body }) => s.users.setTeachers(params.id, body.userIds),

    listTokens: (_req, { actor }) => s.tokens.list(actor.id),
    createToken: ({ body }, { actor }) => s.tokens.create(actor.id, body.name),
    deleteToken: ({ params }, { actor }) => s.tokens.revoke(actor.id, params.id),

    listDevices: (_req, { scope }) => s.devices.list(scope),
    createDevice: ({ body }, { actor, scope }) => s.devices.create(actor, scope, body),
    pairDevice: async ({ body }, ctx) => {
      const { token, device } = await s.devices.pair(body.code, ctx.address);
      ctx.setCookie(DEVICE_COOKIE, token, DEVICE_COOKIE_MS);
      return { device };
    },
    updateDevice: ({ params, body }) => s.devices.update(params.id, body),
    revokeDevice: ({ params }, { actor, scope }) => s.devices.revoke(actor, scope, params.id),

    listStudents: async ({ query }, { scope }) => ({
      ...(await s.students.list(query, query.limit, query.offset, scope)),
      limit: query.limit,
      offset: query.offset,
    }),
    createStudent: ({ body }) => s.students.create(body),
    getStudent: ({ params }, { scope }) => s.students.get(params.studentId, scope),
    updateStudent: ({ params, body }) => s.students.update(params.studentId, body),
    deleteStudent: ({ params, query }) => s.students.delete(params.studentId, query.keepMarks === 'true'),
    exportStudent: ({ params }) => s.privacy.exportStudent(params.studentId),
    purge: () => s.privacy.purge(),
    getConsent: ({ params }) => s.consent.get(params.studentId),
    setConsent: ({ params, body }, { actor }) => s.consent.set(params.studentId, body, actor),
    setConsentBulk: ({ body }, { actor }) => s.consent.bulk(body, actor),
    consentReport: ({ query }) => s.consent.report(query.classId),
    getPrivacySettings: () => s.privacySettings.get(),
    updatePrivacySettings: ({ body }, { actor }) => s.privacySettings.update(body, actor),

    listEmbeddings: ({ params, query }, { scope }) => s.embeddings.list(params.studentId, query.includeVectors === 'true', query.modelId, scope),
    addEmbeddings: ({ params, body }) => s.embeddings.add(params.studentId, body),
    addLearnedEmbeddings: ({ params, body }, { scope, actor }) => s.embeddings.addLearned(params.studentId, body, scope, actor),
    deleteEmbedding: ({ params }) => s.embeddings.delete(params.studentId, params.embeddingId),

    sync: ({ query }, { actor, scope }) => s.sync.since(query.since, query.limit, query.modelId, { actor, scope }, query.cursor),

    listClasses: (_req, { scope }) => s.classes.list(scope),
    createClass: ({ body }) => s.classes.create(body.name, body.studentIds),
    getClass: ({ params }, { scope }) => s.classes.get(params.id, scope),
    updateClass: ({ params, body }) => s.classes.rename(params.id, body.name),
    deleteClass: ({ params }) => s.classes.delete(params.id),
    getRoster: ({ params }, { scope }) => s.classes.roster(params.id, scope),
    setRoster: ({ params, body }) => s.classes.setRoster(params.id, body.studentIds),
    addToRoster: ({ params }) => s.classes.addMember(params.id, params.studentId),
    removeFromRoster: ({ params }) => s.classes.removeMember(params.id, params.studentId),

    listSessions: ({ params, query }, { scope, actor }) => s.sessions.list(params.id, query.from, query.to, scope, actor),
    createSession: ({ params, body }, { scope }) => s.sessions.create(params.id, body, scope),
    currentSession: ({ params }, { scope }) => s.sessions.current(params.id, scope),
    getSession: ({ params }, { scope, actor }) => s.sessions.get(params.id, scope, actor),
    updateSession: ({ params, body }, { scope }) => s.sessions.update(params.id, body, scope),
    deleteSession: ({ params }, { scope }) => s.sessions.delete(params.id, scope),
    clearSessionMarks: async ({ params, body }, { scope, actor }) => ({
      deleted: await s.attendance.remove({ sessionId: params.id }, body?.reason, scope, actor),
    }),

    postMarks: ({ body }, { scope, actor }) => s.attendance.post(body.marks, scope, actor),
    listMarks: async ({ query }, { scope, actor }) => ({ ...(await s.attendance.list(query, scope, actor)), limit: query.limit, offset: query.offset }),
    updateMark: ({ params, body }, { scope, actor }) => s.attendance.update(params.id, body.status, body.reason, scope, actor),
    deleteMark: async ({ params, body }, { scope, actor }) => {
      await s.attendance.remove({ markId: params.id }, body?.reason, scope, actor);
      return { ok: true as const };
    },
    markAudit: ({ params }, { scope }) => s.attendance.audit(params.id, scope),
    stats: ({ query }, { scope }) => s.stats.daily(query.from, query.to, query.classId, scope),

    sessionRegister: ({ params }, { scope, actor }) => s.register.register(params.id, scope, actor),
    endSession: async ({ params, body }, { scope, actor }) => {
      const ended = await s.register.end(params.id, body?.endsAt, scope, actor);
      // Notices the end queued may be due at once: the sender looks now, not at its next poll.
      s.wakeNotices();
      return ended;
    },
    listRegisters: ({ query }, { scope }) => s.register.registers(query.classIds, query.from, query.to, scope),
    attendanceRates: ({ query }, { scope }) => s.rates.rates(query, scope),
    listAbsences: ({ query }, { scope }) => s.absences.list(query.day, scope),
    explainAbsence: ({ body }, { scope, actor }) => s.absences.explain(body, scope, actor),
    getAttendanceCodes: () => s.codes.get(),
    setAttendanceCodes: ({ body }, { actor }) => s.codes.set(body, actor),

    getTimetable: ({ query }, { scope, actor }) => s.timetable.get(query.classId, scope, actor),
    createPeriod: ({ params, body }) => s.timetable.addPeriod(params.id, body),
    deletePeriod: ({ params }) => s.timetable.deletePeriod(params.id),
    createTerm: ({ body }) => s.timetable.addTerm(body),
    deleteTerm: ({ params }) => s.timetable.deleteTerm(params.id),
    createCover: ({ params, body }) => s.timetable.addCover(params.id, body),
    deleteCover: ({ params }) => s.timetable.deleteCover(params.id),

    getGuardians: ({ params }, { scope }) => s.guardians.list(params.studentId, scope),
    setGuardians: ({ params, body }) => s.guardians.set(params.studentId, body),
    listNotices: ({ params }, { scope }) => s.guardians.notices(params.studentId, scope),
    getNoticeSettings: () => s.notices.settings(),
    updateNoticeSettings: ({ body }) => s.notices.updateSettings(body),
  };
}
