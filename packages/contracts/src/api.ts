// The one table of every HTTP route: method, path, schemas. The API validates requests with it
// and generates its OpenAPI description from it; the web app's client is typed by it.
import { z } from 'zod';
import { IdParams, Ok } from './common.ts';
import * as A from './attendance.ts';
import * as C from './classes.ts';
import * as E from './embeddings.ts';
import * as S from './students.ts';
import { Health, SyncQuery, SyncResponse } from './sync.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
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
  health: route({ method: 'GET', path: '/api/health', summary: 'Database reachability, migration level and version', tag: 'system', response: Health }),

  listStudents: route({ method: 'GET', path: '/api/students', summary: 'Search students by id or name (paginated)', tag: 'students', query: S.ListStudentsQuery, response: S.StudentPage }),
  createStudent: route({ method: 'POST', path: '/api/students', summary: 'Create a student', tag: 'students', body: S.CreateStudentBody, response: S.Student, status: 201 }),
  getStudent: route({ method: 'GET', path: '/api/students/:studentId', summary: 'Get one student', tag: 'students', params: S.StudentParams, response: S.Student }),
  updateStudent: route({ method: 'PATCH', path: '/api/students/:studentId', summary: "Change a student's name or email", tag: 'students', params: S.StudentParams, body: S.UpdateStudentBody, response: S.Student }),
  deleteStudent: route({ method: 'DELETE', path: '/api/students/:studentId', summary: 'Delete a student, their embeddings at once, and their marks unless keepMarks=true', tag: 'students', params: S.StudentParams, query: S.DeleteStudentQuery, response: S.DeletedStudent }),

  listEmbeddings: route({ method: 'GET', path: '/api/students/:studentId/embeddings', summary: "List a student's embeddings (metadata; vectors with includeVectors=true)", tag: 'embeddings', params: S.StudentParams, query: E.ListEmbeddingsQuery, response: E.EmbeddingList }),
  addEmbeddings: route({ method: 'POST', path: '/api/students/:studentId/embeddings', summary: 'Add face embeddings to a student (a photo already stored is reported as duplicate)', tag: 'embeddings', params: S.StudentParams, body: E.AddEmbeddingsBody, response: E.AddEmbeddingsResult, status: 201 }),
  deleteEmbedding: route({ method: 'DELETE', path: '/api/students/:studentId/embeddings/:embeddingId', summary: 'Delete one embedding', tag: 'embeddings', params: E.EmbeddingParams, response: Ok }),

  sync: route({ method: 'GET', path: '/api/sync', summary: 'Students, embeddings and rosters changed since a revision (since=0: everything)', tag: 'sync', query: SyncQuery, response: SyncResponse }),

  listClasses: route({ method: 'GET', path: '/api/classes', summary: 'List classes', tag: 'classes', response: C.ClassList }),
  createClass: route({ method: 'POST', path: '/api/classes', summary: 'Create a class, optionally with its roster', tag: 'classes', body: C.CreateClassBody, response: C.Class, status: 201 }),
  getClass: route({ method: 'GET', path: '/api/classes/:id', summary: 'Get one class', tag: 'classes', params: IdParams, response: C.Class }),
  updateClass: route({ method: 'PATCH', path: '/api/classes/:id', summary: 'Rename a class', tag: 'classes', params: IdParams, body: C.UpdateClassBody, response: C.Class }),
  deleteClass: route({ method: 'DELETE', path: '/api/classes/:id', summary: 'Delete a class and its sessions (marks stay, as day marks)', tag: 'classes', params: IdParams, response: Ok }),
  getRoster: route({ method: 'GET', path: '/api/classes/:id/students', summary: "A class's roster", tag: 'classes', params: IdParams, response: C.Roster }),
  setRoster: route({ method: 'PUT', path: '/api/classes/:id/students', summary: "Replace a class's roster", tag: 'classes', params: IdParams, body: C.RosterBody, response: C.Roster }),
  addToRoster: route({ method: 'PUT', path: '/api/classes/:id/students/:studentId', summary: 'Add one student to a roster', tag: 'classes', params: C.RosterMemberParams, response: C.Roster }),
  removeFromRoster: route({ method: 'DELETE', path: '/api/classes/:id/students/:studentId', summary: 'Remove one student from a roster', tag: 'classes', params: C.RosterMemberParams, response: C.Roster }),

  listSessions: route({ method: 'GET', path: '/api/classes/:id/sessions', summary: "A class's sessions, newest first", tag: 'sessions', params: IdParams, query: C.ListSessionsQuery, response: C.SessionList }),
  createSession: route({ method: 'POST', path: '/api/classes/:id/sessions', summary: 'Start a session of a class (ends any session of it still running)', tag: 'sessions', params: IdParams, body: C.CreateSessionBody, response: C.ClassSession, status: 201 }),
  currentSession: route({ method: 'GET', path: '/api/classes/:id/sessions/current', summary: 'The session of a class running now, if any', tag: 'sessions', params: IdParams, response: C.CurrentSession }),
  getSession: route({ method: 'GET', path: '/api/sessions/:id', summary: 'Get one session', tag: 'sessions', params: IdParams, response: C.ClassSession }),
  updateSession: route({ method: 'PATCH', path: '/api/sessions/:id', summary: 'Change or end a session (endsAt)', tag: 'sessions', params: IdParams, body: C.UpdateSessionBody, response: C.ClassSession }),
  deleteSession: route({ method: 'DELETE', path: '/api/sessions/:id', summary: 'Delete a session (its marks stay, as day marks)', tag: 'sessions', params: IdParams, response: Ok }),
  clearSessionMarks: route({ method: 'DELETE', path: '/api/sessions/:id/marks', summary: "Clear a session's attendance log (audited)", tag: 'attendance', params: IdParams, body: A.ClearMarksBody.optional(), response: A.ClearedMarks }),

  postMarks: route({ method: 'POST', path: '/api/attendance', summary: 'Post a batch of marks; idempotent on each mark id; enforces once-per-session and the cooldown', tag: 'attendance', body: A.PostMarksBody, response: A.PostMarksResult }),
  listMarks: route({ method: 'GET', path: '/api/attendance', summary: 'Marks filtered by day range, class, session, student', tag: 'attendance', query: A.ListMarksQuery, response: A.MarkPage }),
  updateMark: route({ method: 'PATCH', path: '/api/attendance/:id', summary: "Correct a mark's status (audited)", tag: 'attendance', params: IdParams, body: A.UpdateMarkBody, response: A.Mark }),
  deleteMark: route({ method: 'DELETE', path: '/api/attendance/:id', summary: 'Remove one mark (audited)', tag: 'attendance', params: IdParams, body: A.ClearMarksBody.optional(), response: Ok }),
  markAudit: route({ method: 'GET', path: '/api/attendance/:id/audit', summary: 'The audit trail of a mark', tag: 'attendance', params: IdParams, response: A.AuditList }),
  stats: route({ method: 'GET', path: '/api/stats/daily', summary: 'Per day and class: roster size, present, late, excused, absent', tag: 'attendance', query: A.StatsQuery, response: A.StatsResult }),

  events: route({ method: 'GET', path: '/api/events', summary: 'Server-Sent Events: accepted marks and roster changes, from every API instance', tag: 'events', response: z.unknown(), stream: true }),
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

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
