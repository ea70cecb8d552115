// One line per route: hand the parsed request to a service. Rules live in the services.
import type { Handlers } from './router.ts';
import type { Services } from '../services.ts';

export function handlers(s: Services): Handlers {
  return {
    health: () => s.health.check(),

    listStudents: async ({ query }) => ({ ...(await s.students.list(query, query.limit, query.offset)), limit: query.limit, offset: query.offset }),
    createStudent: ({ body }) => s.students.create(body),
    getStudent: ({ params }) => s.students.get(params.studentId),
    updateStudent: ({ params, body }) => s.students.update(params.studentId, body),
    deleteStudent: ({ params, query }) => s.students.delete(params.studentId, query.keepMarks === 'true'),

    listEmbeddings: ({ params, query }) => s.embeddings.list(params.studentId, query.includeVectors === 'true', query.modelId),
    addEmbeddings: ({ params, body }) => s.embeddings.add(params.studentId, body),
    deleteEmbedding: ({ params }) => s.embeddings.delete(params.studentId, params.embeddingId),

    sync: ({ query }) => s.sync.since(query.since, query.limit, query.modelId),

    listClasses: () => s.classes.list(),
    createClass: ({ body }) => s.classes.create(body.name, body.studentIds),
    getClass: ({ params }) => s.classes.get(params.id),
    updateClass: ({ params, body }) => s.classes.rename(params.id, body.name),
    deleteClass: ({ params }) => s.classes.delete(params.id),
    getRoster: ({ params }) => s.classes.roster(params.id),
    setRoster: ({ params, body }) => s.classes.setRoster(params.id, body.studentIds),
    addToRoster: ({ params }) => s.classes.addMember(params.id, params.studentId),
    removeFromRoster: ({ params }) => s.classes.removeMember(params.id, params.studentId),

    listSessions: ({ params, query }) => s.sessions.list(params.id, query.from, query.to),
    createSession: ({ params, body }) => s.sessions.create(params.id, body),
    currentSession: ({ params }) => s.sessions.current(params.id),
    getSession: ({ params }) => s.sessions.get(params.id),
    updateSession: ({ params, body }) => s.sessions.update(params.id, body),
    deleteSession: ({ params }) => s.sessions.delete(params.id),
    clearSessionMarks: async ({ params, body }) => {
      await s.sessions.get(params.id);
      return { deleted: await s.attendance.remove({ sessionId: params.id }, body?.reason) };
    },

    postMarks: ({ body }) => s.attendance.post(body.marks),
    listMarks: async ({ query }) => ({ ...(await s.attendance.list(query)), limit: query.limit, offset: query.offset }),
    updateMark: ({ params, body }) => s.attendance.update(params.id, body.status, body.reason),
    deleteMark: async ({ params, body }) => {
      await s.attendance.get(params.id);
      await s.attendance.remove({ markId: params.id }, body?.reason);
      return { ok: true as const };
    },
    markAudit: ({ params }) => s.attendance.audit(params.id),
    stats: ({ query }) => s.stats.daily(query.from, query.to, query.classId),
  };
}
