// SQL behind the daily statistics: the marks and sessions of a span of days, the classes with
// their roster sizes, and how many students the school has.
import type { Executor } from '../../shared/context.ts';

export async function statsInputs(db: Executor, from: string, to: string, classId: string | undefined) {
  let marksQ = db
    .selectFrom('attendance_marks')
    .select(['student_id', 'class_id', 'marked_day', 'status'])
    .where('marked_day', '>=', from)
    .where('marked_day', '<=', to);
  let sessionsQ = db.selectFrom('class_sessions').select(['class_id', 'day']).where('day', '>=', from).where('day', '<=', to);
  if (classId) {
    marksQ = marksQ.where('class_id', '=', classId);
    sessionsQ = sessionsQ.where('class_id', '=', classId);
  }
  const [marks, sessions, classes, rosterCounts, totalStudents] = await Promise.all([
    marksQ.execute(),
    sessionsQ.execute(),
    db.selectFrom('classes').select(['id', 'name']).execute(),
    db
      .selectFrom('class_students')
      .select(['class_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('class_id')
      .execute(),
    db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { marks, sessions, classes, rosterCounts, totalStudents };
}
