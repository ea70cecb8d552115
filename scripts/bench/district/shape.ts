// The district being measured, worked out from its student count: schools of 40 classes of 25
// (1,000 students), three embeddings a student, one registration session a class each school day.
// There is no school in the data model (one database holds one school, or a district on one
// server): a "school" here is only a block of 40 classes, their students, teachers and laptops.

export const CLASS_SIZE = 25;
export const CLASSES_PER_SCHOOL = 40;
export const EMBEDDINGS_PER_STUDENT = 3;
export const MODEL_ID = 'human-faceres@3.3.6';
export const DIM = 1024;

export interface Shape {
  students: number;
  classes: number;
  schools: number;
  /** School days of ended sessions, the last ones before the day the bench runs. */
  days: number;
}

export function shapeOf(students: number, days: number): Shape {
  if (!Number.isInteger(students) || students < CLASS_SIZE) throw new Error(`--students must be a whole number of at least ${CLASS_SIZE}`);
  if (!Number.isInteger(days) || days < 1) throw new Error('--days must be a whole number of at least 1');
  const classes = Math.ceil(students / CLASS_SIZE);
  return { students, classes, schools: Math.ceil(classes / CLASSES_PER_SCHOOL), days };
}

/** The class indexes of a school: 40 in a row. */
export const classesOfSchool = (shape: Shape, school: number): number[] =>
  Array.from({ length: CLASSES_PER_SCHOOL }, (_, i) => school * CLASSES_PER_SCHOOL + i).filter((c) => c < shape.classes);

/** A student's class: students fill classes in order, 25 each. */
export const classOfStudent = (student: number): number => Math.floor(student / CLASS_SIZE);

/** The last `days` weekdays before `today` (YYYY-MM-DD, UTC), oldest first. */
export function schoolDays(today: Date, days: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 86_400_000; out.length < days; t -= 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out.reverse();
}
