// Offline sync. A device that holds nothing (since=0, or a revision this server never reached,
// e.g. after a restore) reads the whole set of its scope as it is now, paged by student id; one
// that holds revision N gets what changed since, folded so each entity appears once. One whose
// classes changed after N (a class given or taken away) holds the wrong classes: it is sent a whole
// set of its new scope, which it stores in place of everything it held.
import type { SyncResponse } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import type { Executor, ServiceContext } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EmbeddingsService } from '../embeddings/embeddings.service.ts';
import { inScope, type Actor, type Scope } from '../../shared/actor.ts';
import type { StudentsService } from '../students/students.service.ts';
import { changesSince, scopeRevisionOf, syncState, type Entity } from './changes.repository.ts';
import { idsOf } from '../../shared/ids.ts';

type Deps = { classes: ClassesService; embeddings: EmbeddingsService; students: StudentsService };
type Page = Omit<SyncResponse, 'serverTime'>;

/** Where a whole set's next page starts: the revision its first page read, and the last student sent. */
interface Cursor {
  head: number;
  after: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.head, c.after])).toString('base64url');
function decodeCursor(text: string): Cursor {
  try {
    const [head, after] = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown[];
    if (Number.isSafeInteger(head) && (head as number) >= 0 && typeof after === 'string') return { head: head as number, after };
  } catch {
    // Falls through to the error below: the text was not one of ours.
  }
  throw new ApiError('validation-failed', 'cursor is not one this server gave: start again from since=0.');
}

export function syncService(ctx: ServiceContext, deps: Deps) {
  return {
    /**
     * A teacher or device gets only its classes, and the students on their rosters with their
     * embeddings; a student who joins one of its rosters reaches it with the student's records,
     * however old. A device drops students that are on none of its rosters any more: a roster
     * edit sends the class's new id list and a deleted class its id, never who left (the caller's
     * classes as they were are not kept, and naming a deleted class's students to a caller that
     * never held it would leak them), so the answer says the caller is scoped and the device,
     * which knows what it held, drops every student on none of its cached rosters after the last
     * page. An admin is not scoped and keeps every student.
     */
    async since(
      requested: number,
      limit: number,
      modelId: string | undefined,
      { actor, scope }: { actor: Actor; scope: Scope },
      cursor?: string,
    ): Promise<SyncResponse> {
      const from = cursor === undefined ? null : decodeCursor(cursor);
      if (from && requested !== 0) throw new ApiError('validation-failed', 'a cursor continues a whole set: ask with since=0.');
      // One read transaction: the revision and the rows it covers come from the same snapshot.
      const page = await ctx.db.transaction().execute(async (trx): Promise<Page> => {
        const { revision: head, memberLogFrom } = await syncState(trx);
        // A cursor from before a restore names a revision this server no longer reached: start again.
        // (Classes changed between pages leave the whole set's revision before the change: the next pull starts again.)
        if (from && from.head <= head) return wholeSet(trx, deps, { head: from.head, after: from.after, reset: false }, limit, modelId, scope);
        // Not a delta: the server keeps no record of which classes the caller held before, so it
        // cannot name the class taken away nor its students who are on no remaining roster; a
        // whole set needs no such record, and the device drops what it held before storing it.
        const scopeAt = await scopeRevisionOf(trx, actor);
        const scopeChanged = requested > 0 && requested <= head && scopeAt > requested;
        // The caller's classes were read before a change of them committed: the answer claims only
        // the revisions before that change, so the next pull starts again with the new classes.
        const stale = actor.scopeRevision !== undefined && scopeAt > actor.scopeRevision;
        if (from || requested === 0 || requested > head || scopeChanged || stale) {
          const upTo = stale ? scopeAt - 1 : head;
          return wholeSet(trx, deps, { head: upTo, after: null, reset: from !== null || requested > head || scopeChanged || stale }, limit, modelId, scope);
        }
        return delta(trx, deps, { since: requested, head, memberLogFrom }, limit, modelId, scope);
      });
      return { ...page, serverTime: toIso(ctx.now()) };
    },
  };
}

/**
 * One page of the scope's current state. The first page sends the classes and fixes the revision
 * the whole set answers with; later pages read the rows as they are then, and what changed after
 * that revision comes again in the next delta, so nothing between pages is missed.
 */
async function wholeSet(
  trx: Executor,
  { classes, embeddings: embeddingsOf, students: studentsOf }: Deps,
  at: { head: number; after: string | null; reset: boolean },
  limit: number,
  modelId: string | undefined,
  scope: Scope,
): Promise<Page> {
  const scopeClasses = scope.all ? await classes.allClassIds(trx) : [...scope.classIds].sort();
  // Students paged by id (a keyset, so a page never shifts when rows come and go between pages).
  const candidates = scope.all
    ? await studentsOf.studentIdsAfter(trx, at.after, limit + 1)
    : await classes.rosterStudentIdsAfter(trx, scopeClasses, at.after, limit + 1);
  // `limit` counts rows, a student or an embedding each, as a delta's pages do; a page holds at least one student.
  const counts = await embeddingsOf.countsOf(trx, candidates);
  const pageIds: string[] = [];
  let rows = 0;
  for (const id of candidates) {
    rows += 1 + (counts.get(id) ?? 0);
    if (pageIds.length > 0 && rows > limit) break;
    pageIds.push(id);
  }
  const more = pageIds.length < candidates.length;
  const rank = new Map(pageIds.map((id, i) => [id, i]));
  const students = (await studentsOf.findStudents(trx, pageIds)).sort((a, b) => rank.get(a.studentId)! - rank.get(b.studentId)!);
  // Array sort is stable: each student's embeddings stay in the order they were made.
  const embeddings = (await embeddingsOf.findByStudents(trx, pageIds, modelId)).sort((a, b) => rank.get(a.studentId)! - rank.get(b.studentId)!);
  const classRows = at.after === null ? await classesWithRosters(trx, classes, scopeClasses) : [];
  return {
    since: 0,
    revision: more ? 0 : at.head,
    more,
    cursor: more ? encodeCursor({ head: at.head, after: pageIds.at(-1)! }) : null,
    reset: at.reset,
    scoped: !scope.all,
    students: { upserted: students, deleted: [] },
    embeddings: { upserted: embeddings.map((e) => ({ ...e, vector: e.vector! })), deleted: [] },
    classes: { upserted: classRows, deleted: [] },
  };
}

async function classesWithRosters(trx: Executor, classes: ClassesService, ids: string[]) {
  const names = await classes.classNames(trx, ids);
  const present = ids.filter((id) => names.has(id));
  const rosters = await classes.rostersOf(trx, present);
  return present.map((id) => ({ id, name: names.get(id)!, studentIds: rosters.get(id) ?? [] }));
}

/**
 * The change log from `since`, one page of it. A roster change sends the class with its id list,
 * and the students who joined it with their embeddings; revisions up to memberLogFrom did not log
 * joins, so a device asking from before then gets the whole roster of each changed class.
 */
async function delta(
  trx: Executor,
  { classes, embeddings: embeddingsOf, students: studentsOf }: Deps,
  { since, head, memberLogFrom }: { since: number; head: number; memberLogFrom: number },
  limit: number,
  modelId: string | undefined,
  scope: Scope,
): Promise<Page> {
  const changes = await changesSince(trx, since, head, limit);
  const more = changes.length === limit && changes.at(-1)!.revision < head;
  const revision = more ? changes.at(-1)!.revision : head;

  const last = new Map<string, 'upsert' | 'delete'>();
  // A student or embedding deleted from another class's roster is none of a scoped caller's
  // business (its ids would leak). A deleted class always goes out: the caller's own class
  // left its scope with the deletion, and a class id says nothing about a person.
  const visible = (c: (typeof changes)[number]) => c.op === 'upsert' || c.entity === 'class' || inScope(scope, c.classId);
  // Roster joins are read below; a change of classes was answered with a whole set before a delta was read.
  for (const c of changes) if (c.entity !== 'member' && c.entity !== 'scope' && visible(c)) last.set(`${c.entity}:${c.entityId}`, c.op);
  const ids = (entity: Entity, op: 'upsert' | 'delete') =>
    [...last].filter(([k, o]) => o === op && k.startsWith(`${entity}:`)).map(([k]) => k.slice(entity.length + 1));

  // In change-log order, so a device applies them as they happened.
  const inOrder = <T>(rows: T[], key: (r: T) => string, order: string[]) => {
    const rank = new Map(order.map((id, i) => [id, i]));
    return rows.sort((a, b) => rank.get(key(a))! - rank.get(key(b))!);
  };
  // A scoped caller's students: only theirs are read (a school's laptop pages through the whole district's log).
  // Embeddings are read by id and dropped after: an owner lookup first reads the same rows (a 4 KB vector is stored inline).
  const scopeRosters = scope.all ? null : await classes.rostersOf(trx, [...scope.classIds]);
  const allowed = scopeRosters && new Set([...scopeRosters.values()].flat());
  const studentIds = ids('student', 'upsert').filter((id) => !allowed || allowed.has(id));
  let students = inOrder(await studentsOf.findStudents(trx, studentIds), (s) => s.studentId, studentIds);
  let embeddings = inOrder(await embeddingsOf.findByIds(trx, ids('embedding', 'upsert'), modelId), (e) => e.id, ids('embedding', 'upsert'));
  let classIds = ids('class', 'upsert');
  if (scopeRosters && allowed && !scope.all) {
    classIds = classIds.filter((c) => scope.classIds.has(c));
    // Students new to one of the caller's rosters and still on one: an admin already had every student.
    const joinedNow =
      since < memberLogFrom
        ? classIds.flatMap((c) => scopeRosters.get(c) ?? [])
        : changes.filter((c) => c.entity === 'member' && inScope(scope, c.classId)).map((c) => c.entityId);
    const joined = [...new Set(joinedNow)].filter((id) => allowed.has(id));
    const joinedSet = new Set(joined);
    students = [...students.filter((s) => !joinedSet.has(s.studentId)), ...(await studentsOf.findStudents(trx, joined))];
    const joinedEmbeddings = await embeddingsOf.findByStudents(trx, joined, modelId);
    const joinedIds = new Set(joinedEmbeddings.map((e) => e.id));
    embeddings = [...embeddings.filter((e) => allowed.has(e.studentId) && !joinedIds.has(e.id)), ...joinedEmbeddings];
  }
  const classRows = [...(await classes.classNames(trx, classIds))].map(([id, name]) => ({ id, name }));
  const rosters = await classes.rostersOf(trx, idsOf(classRows));
  // A row missing now was deleted later in the same snapshot's history: report it deleted.
  const gone = (entity: Entity, present: Set<string>) => (scope.all ? ids(entity, 'upsert').filter((id) => !present.has(id)) : []);
  const deleted = (entity: Entity, present: Set<string>) => [...ids(entity, 'delete'), ...gone(entity, present)];

  return {
    since,
    revision,
    more,
    cursor: null,
    reset: false,
    scoped: !scope.all,
    students: { upserted: students, deleted: deleted('student', new Set(students.map((s) => s.studentId))) },
    embeddings: {
      upserted: embeddings.map((e) => ({ ...e, vector: e.vector! })),
      // With a modelId, another model's embeddings count as gone: the device never holds them.
      deleted: deleted('embedding', new Set(embeddings.map((e) => e.id))),
    },
    classes: {
      upserted: classRows.map((c) => ({ id: c.id, name: c.name, studentIds: rosters.get(c.id) ?? [] })),
      deleted: deleted('class', new Set(classRows.map((c) => c.id))),
    },
  };
}
