// Offline sync: what changed since a revision, folded so each entity appears once with its last
// state. since=0 (or a revision this server never reached, e.g. after a restore) is the whole set.
import type { SyncResponse } from '@rollcall/contracts';
import type { ServiceContext } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EmbeddingsService } from '../embeddings/embeddings.service.ts';
import { inScope, type Scope } from '../../shared/actor.ts';
import type { StudentsService } from '../students/students.service.ts';
import { changesSince, currentRevision, type Entity } from './changes.repository.ts';
import { idsOf } from '../../shared/ids.ts';

export function syncService(
  ctx: ServiceContext,
  { classes, embeddings: embeddingsOf, students: studentsOf }: { classes: ClassesService; embeddings: EmbeddingsService; students: StudentsService },
) {
  return {
    /**
     * A teacher or device gets only its classes, and the students on their rosters with their
     * embeddings. A roster change re-sends the whole roster of that class, so a student added to
     * a class reaches the device with records older than the revision it asks from. A device drops
     * students that are on none of its rosters any more.
     */
    async since(requested: number, limit: number, modelId: string | undefined, scope: Scope): Promise<SyncResponse> {
      // One read transaction: the revision and the rows it covers come from the same snapshot.
      return ctx.db.transaction().execute(async (trx) => {
        const head = await currentRevision(trx);
        const reset = requested > head;
        const since = reset ? 0 : requested;
        const changes = await changesSince(trx, since, head, limit);
        const more = changes.length === limit && changes.at(-1)!.revision < head;
        const revision = more ? changes.at(-1)!.revision : head;

        const last = new Map<string, 'upsert' | 'delete'>();
        // A student or embedding deleted from another class's roster is none of a scoped caller's
        // business (its ids would leak). A deleted class always goes out: the caller's own class
        // left its scope with the deletion, and a class id says nothing about a person.
        const visible = (c: (typeof changes)[number]) => c.op === 'upsert' || c.entity === 'class' || inScope(scope, c.classId);
        for (const c of changes) if (visible(c)) last.set(`${c.entity}:${c.entityId}`, c.op);
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
          const joined = [...new Set(classIds.flatMap((c) => scopeRosters.get(c) ?? []))];
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
        const deleted = (entity: Entity, present: Set<string>) => (since === 0 ? [] : [...ids(entity, 'delete'), ...gone(entity, present)]);

        return {
          since,
          revision,
          more,
          reset,
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
          serverTime: toIso(ctx.now()),
        };
      });
    },
  };
}
