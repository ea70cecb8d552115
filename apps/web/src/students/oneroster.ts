// OneRoster 1.1 CSV, as school information systems export it: users.csv, classes.csv and
// enrollments.csv read together into the same rows a roster CSV gives. Students become students
// (their sourcedId is their student ID, so importing a later export again changes nothing),
// classes become classes by title, and student enrollments become class rosters. Teachers are
// listed, not made into accounts: an account needs a password and a role only an admin chooses.
// Parents, guardians and relatives become the guardians of the students they are linked to by
// agentSourcedIds (on either side: the guardian's row or the student's).
import Papa from 'papaparse';
import { checkGuardian, guardianLabel } from './roster-guardians.ts';
import { t, translator } from '../core/i18n.ts';
import { checkStudent, fullName, whereIs, type RosterProblem, type RosterRow } from './roster-row.ts';

export type OneRosterFile = 'users' | 'classes' | 'enrollments';

export interface OneRosterTeacher {
  name: string;
  email: string | null;
  classes: string[];
}

export interface OneRosterPreview {
  rows: RosterRow[];
  problems: RosterProblem[];
  /** Rows left out on purpose (a teacher's user row, a record marked to be deleted), with why. */
  skipped: RosterProblem[];
  teachers: OneRosterTeacher[];
  /** Classes in classes.csv with no student enrolled: not created. */
  emptyClasses: string[];
}

/** OneRoster 1.1 roles of people who answer for a student. */
const GUARDIAN_ROLES = new Set(['parent', 'guardian', 'relative']);

const norm = (h: string) => h.toLowerCase().replace(/[^a-z]/g, '');

/** Columns each file must have, as OneRoster 1.1 names them; they also tell the files apart whatever they are called. */
const REQUIRED: Record<OneRosterFile, string[]> = {
  users: ['sourcedId', 'role', 'givenName', 'familyName'],
  classes: ['sourcedId', 'title'],
  enrollments: ['classSourcedId', 'userSourcedId', 'role'],
};

interface Table {
  name: string;
  headers: string[];
  rows: Record<string, string>[];
  /** papaparse's message for a malformed row, by row index. */
  broken: Map<number, string>;
}

function readTable(name: string, text: string): Table {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const broken = new Map<number, string>();
  for (const e of parsed.errors) if (e.row !== undefined && e.row !== null) broken.set(Math.min(e.row, parsed.data.length - 1), e.message);
  return { name, headers: parsed.meta.fields ?? [], rows: parsed.data, broken };
}

/** Which OneRoster file a CSV is, judged by its header (a renamed users.csv is still users), or null. */
export function oneRosterKind(text: string): OneRosterFile | null {
  const header = new Set((Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: 1 }).data[0] ?? []).map(norm));
  for (const kind of ['enrollments', 'users', 'classes'] as const) if (REQUIRED[kind].every((c) => header.has(norm(c)))) return kind;
  return null;
}

/** A required cell left empty. */
const missingColumn = (column: string) => t({ id: 'students.oneRoster.missing', defaultMessage: '{column}: missing' }, { column });

/** A user row whose role is not a student's ("role teacher, not a student"). */
const notAStudent = (role: string) =>
  t(
    { id: 'students.oneRoster.notStudent', defaultMessage: '{hasRole, select, yes {role {role}} other {role missing}}, not a student' },
    { hasRole: role ? 'yes' : 'no', role },
  );

/** An enrollment naming a class, teacher or student the other files do not have. */
const notIn = (kind: 'class' | 'teacher' | 'student', id: string, file: string) =>
  t(
    {
      id: 'students.oneRoster.notIn',
      defaultMessage: '{kind, select, class {No class} teacher {No teacher} other {No student}} {hasId, select, yes {{id}} other {(empty)}} in {file}',
    },
    { kind, hasId: id ? 'yes' : 'no', id, file },
  );

/** A record marked "tobedeleted" (OneRoster's delta exports) is a removal, not a row to import. */
const deleted = (status: string) => norm(status) === 'tobedeleted';

export function parseOneRoster(files: Record<OneRosterFile, { name: string; text: string }>): OneRosterPreview {
  const problems: RosterProblem[] = [];
  const skipped: RosterProblem[] = [];
  const tables = {} as Record<OneRosterFile, Table>;
  for (const kind of ['users', 'classes', 'enrollments'] as const) {
    const table = readTable(files[kind].name, files[kind].text);
    const have = new Set(table.headers.map(norm));
    const missing = REQUIRED[kind].filter((c) => !have.has(norm(c)));
    if (missing.length > 0)
      problems.push({
        file: table.name,
        line: 1,
        message: t(
          { id: 'students.oneRoster.headerLacks', defaultMessage: 'The header lacks {columns}.' },
          { columns: translator().intl.formatList(missing, { type: 'unit' }) },
        ),
        raw: {},
      });
    tables[kind] = table;
  }
  if (problems.length > 0) return { rows: [], problems, skipped, teachers: [], emptyClasses: [] };

  /** Each usable row of a table with a reader for its cells, broken rows reported on the way. */
  const each = (table: Table, use: (cell: (column: string) => string, at: Omit<RosterProblem, 'message'>) => void) => {
    const column = new Map(table.headers.map((h) => [norm(h), h]));
    table.rows.forEach((raw, i) => {
      const at = { file: table.name, line: i + 2, raw };
      if (table.broken.has(i))
        return problems.push({
          ...at,
          message: t({ id: 'students.roster.malformed', defaultMessage: 'Malformed row: {problem}' }, { problem: table.broken.get(i) }),
        });
      const cell = (c: string) => (raw[column.get(norm(c)) ?? ''] ?? '').trim();
      if (deleted(cell('status'))) return skipped.push({ ...at, message: t({ id: 'students.oneRoster.deleted', defaultMessage: 'marked to be deleted' }) });
      use(cell, at);
    });
  };

  // Classes: titles as teachers know them; two sections with one title get their class code to tell them apart.
  const classRows: { id: string; title: string; code: string }[] = [];
  const classLine = new Map<string, number>();
  each(tables.classes, (cell, at) => {
    const id = cell('sourcedId');
    const title = cell('title');
    if (!id) return problems.push({ ...at, message: missingColumn('sourcedId') });
    if (!title) return problems.push({ ...at, message: missingColumn('title') });
    if (classLine.has(id))
      return problems.push({
        ...at,
        message: t({ id: 'students.oneRoster.classTwice', defaultMessage: 'Class {id} already appears on line {line}' }, { id, line: classLine.get(id) }),
      });
    classLine.set(id, at.line);
    classRows.push({ id, title, code: cell('classCode') });
  });
  const titleCount = new Map<string, number>();
  for (const c of classRows) titleCount.set(c.title, (titleCount.get(c.title) ?? 0) + 1);
  const classTitle = new Map(classRows.map((c) => [c.id, (titleCount.get(c.title) ?? 0) > 1 ? `${c.title} (${c.code || c.id})` : c.title]));

  // Users: students become rows; teachers are kept to report; guardians are linked below; other roles (aides) are left out.
  const guardianRows: { id: string; name: string; role: string; cell: (c: string) => string; at: Omit<RosterProblem, 'message'> }[] = [];
  const agentsOf = new Map<string, string[]>();
  const agents = (cell: (c: string) => string) =>
    cell('agentSourcedIds')
      .split(/[,;]/)
      .map((a) => a.trim())
      .filter(Boolean);
  const students = new Map<string, RosterRow>();
  const teachers = new Map<string, OneRosterTeacher>();
  const userLine = new Map<string, number>();
  const badUsers = new Map<string, string>();
  each(tables.users, (cell, at) => {
    const id = cell('sourcedId');
    const role = norm(cell('role'));
    const name = fullName(cell('givenName'), cell('familyName'));
    if (id && userLine.has(id))
      return problems.push({
        ...at,
        message: t({ id: 'students.oneRoster.userTwice', defaultMessage: 'User {id} already appears on line {line}' }, { id, line: userLine.get(id) }),
      });
    if (id) userLine.set(id, at.line);
    if (norm(cell('enabledUser')) === 'false')
      return skipped.push({
        ...at,
        message: t({ id: 'students.oneRoster.disabled', defaultMessage: '{who}: account disabled in the school system' }, { who: name || id }),
      });
    if (role === 'teacher') return void teachers.set(id, { name: name || id, email: cell('email') || null, classes: [] });
    if (GUARDIAN_ROLES.has(role)) return void guardianRows.push({ id, name, role: cell('role'), cell, at });
    if (role !== 'student') return skipped.push({ ...at, message: `${name || id}: ${notAStudent(cell('role'))}` });
    const check = checkStudent({ studentId: id, name, email: cell('email') || null }, 'sourcedId');
    if (typeof check === 'string') {
      badUsers.set(id, whereIs(at));
      return problems.push({ ...at, message: check });
    }
    students.set(id, {
      file: at.file,
      line: at.line,
      studentId: check.studentId,
      name: check.name,
      email: check.email ?? null,
      classes: [],
      consent: null,
      guardians: [],
    });
    agentsOf.set(id, agents(cell));
  });

  for (const g of guardianRows) {
    const of = new Set(agents(g.cell).filter((s) => students.has(s)));
    for (const [studentId, list] of agentsOf) if (list.includes(g.id)) of.add(studentId);
    if (of.size === 0) {
      skipped.push({
        ...g.at,
        message: t(
          { id: 'students.oneRoster.orphanGuardian', defaultMessage: '{who}: a {role} of no student in the file' },
          { who: g.name || g.id, role: g.role },
        ),
      });
      continue;
    }
    const cells = { name: g.name, relation: g.role, email: g.cell('email'), phone: g.cell('sms') || g.cell('phone'), sourceId: g.id };
    const guardian = checkGuardian({ ...cells, language: g.cell('preferredLanguage') || g.cell('language') }, guardianLabel(g.name || g.id));
    if (typeof guardian === 'string') {
      problems.push({ ...g.at, message: guardian });
      continue;
    }
    for (const studentId of of) students.get(studentId)!.guardians.push(guardian);
  }

  // Enrollments: a student's puts them on the class roster; a teacher's is reported with the class.
  const enrolled = new Set<string>();
  each(tables.enrollments, (cell, at) => {
    const classId = cell('classSourcedId');
    const userId = cell('userSourcedId');
    const title = classTitle.get(classId);
    if (!title) return problems.push({ ...at, message: notIn('class', classId, tables.classes.name) });
    const role = norm(cell('role'));
    if (role === 'teacher') {
      const teacher = teachers.get(userId);
      if (!teacher) return problems.push({ ...at, message: notIn('teacher', userId, tables.users.name) });
      if (!teacher.classes.includes(title)) teacher.classes.push(title);
      return;
    }
    if (role !== 'student') return skipped.push({ ...at, message: notAStudent(cell('role')) });
    const student = students.get(userId);
    if (!student) {
      const why = badUsers.get(userId);
      return problems.push({
        ...at,
        message: why
          ? t({ id: 'students.oneRoster.studentError', defaultMessage: 'Student {id} has an error on {where}' }, { id: userId, where: why })
          : notIn('student', userId, tables.users.name),
      });
    }
    enrolled.add(classId);
    if (!student.classes.includes(title)) student.classes.push(title);
  });

  return {
    rows: [...students.values()],
    problems,
    skipped,
    teachers: [...teachers.values()],
    emptyClasses: classRows.filter((c) => !enrolled.has(c.id)).map((c) => classTitle.get(c.id)!),
  };
}
