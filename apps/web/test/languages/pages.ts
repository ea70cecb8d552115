// The pages each kind of caller opens (App.tsx, page-access.ts), each with its heading, its tab
// title and something of the school's it shows once loaded (waited for, so the checks see a page
// with its data, not a loading one).
import type { Message, Values } from '@rollcall/i18n';
import type { Language } from './catalogues.ts';
import { ABSENT, GUARDIAN, LAPTOP, LESSON_CLASS, PUPILS, TEACHER } from './school.ts';

export interface PageVisit {
  hash: string;
  /** The heading's element id, and the message (with its values) it reads. */
  heading: { id: string; message: Message; values?: Values };
  /** The document's title. */
  title: (l: Language) => string;
  /** Text of the school's shown on the page once its data is in. */
  shows?: string;
}

const inApp = (page: Message) => (l: Language) => l.say({ id: 'ui.pageTitle.withApp', defaultMessage: '{page} – Rollcall' }, { page: l.say(page) });

const ATTENDANCE: PageVisit = {
  hash: '#/',
  heading: { id: 'attendance-title', message: { id: 'attendance.page.title', defaultMessage: 'Take attendance' } },
  title: inApp({ id: 'ui.pageTitle.attendance', defaultMessage: 'Take attendance' }),
  shows: PUPILS[0].name,
};
const STUDENTS: PageVisit = {
  hash: '#/students',
  heading: { id: 'students-title', message: { id: 'students.list.title', defaultMessage: 'Students' } },
  title: inApp({ id: 'ui.pageTitle.students', defaultMessage: 'Students' }),
  shows: PUPILS[2].name,
};
const CLASSES: PageVisit = {
  hash: '#/classes',
  heading: { id: 'classes-title', message: { id: 'classes.title', defaultMessage: 'Classes' } },
  title: inApp({ id: 'ui.pageTitle.classes', defaultMessage: 'Classes' }),
  shows: LESSON_CLASS,
};
const RECORDS: PageVisit = {
  hash: '#/records',
  heading: { id: 'records-title', message: { id: 'records.page.title', defaultMessage: 'Records' } },
  title: inApp({ id: 'ui.pageTitle.records', defaultMessage: 'Records' }),
  // Marked present by the camera in the lesson ended today.
  shows: PUPILS[0].name,
};
const ABSENCES: PageVisit = {
  hash: '#/absences',
  heading: { id: 'absences-title', message: { id: 'absences.title', defaultMessage: 'Absences to explain' } },
  title: inApp({ id: 'ui.pageTitle.absences', defaultMessage: 'Absences to explain' }),
  shows: ABSENT.name,
};
const LAPTOPS: PageVisit = {
  hash: '#/laptops',
  heading: { id: 'laptops-title', message: { id: 'admin.laptops.title', defaultMessage: 'Classroom laptops' } },
  title: inApp({ id: 'ui.pageTitle.laptops', defaultMessage: 'Classroom laptops' }),
  shows: LAPTOP,
};
const SETTINGS: PageVisit = {
  hash: '#/settings',
  heading: { id: 'settings-title', message: { id: 'settings.title', defaultMessage: 'Settings' } },
  title: inApp({ id: 'ui.pageTitle.settings', defaultMessage: 'Settings' }),
};
export const CAMERA: PageVisit = {
  hash: '#/camera',
  heading: { id: 'camera-title', message: { id: 'cameraCheck.title', defaultMessage: 'Camera check' } },
  title: inApp({ id: 'ui.pageTitle.camera', defaultMessage: 'Camera check' }),
};

export const TEACHER_PAGES: readonly PageVisit[] = [ATTENDANCE, STUDENTS, CLASSES, RECORDS, ABSENCES, LAPTOPS, SETTINGS, CAMERA];
export const LAPTOP_PAGES: readonly PageVisit[] = [ATTENDANCE, SETTINGS, CAMERA];

export const ADMIN_PAGES: readonly PageVisit[] = [
  ATTENDANCE,
  STUDENTS,
  {
    hash: '#/students/new',
    heading: { id: 'student-edit-title', message: { id: 'students.list.add', defaultMessage: 'Add student' } },
    title: inApp({ id: 'ui.pageTitle.studentNew', defaultMessage: 'Add student' }),
  },
  {
    // Guardians, consent and notices of one pupil.
    hash: `#/students/${ABSENT.studentId}`,
    heading: { id: 'student-edit-title', message: { id: 'students.edit.title', defaultMessage: '{name} ({studentId})' }, values: ABSENT },
    title: inApp({ id: 'ui.pageTitle.student', defaultMessage: 'Edit student' }),
    shows: GUARDIAN,
  },
  {
    hash: '#/import-roster',
    heading: { id: 'roster-title', message: { id: 'students.roster.title', defaultMessage: 'Import a roster CSV' } },
    title: inApp({ id: 'ui.pageTitle.importRoster', defaultMessage: 'Import a roster CSV' }),
  },
  {
    hash: '#/import-folder',
    heading: { id: 'folder-title', message: { id: 'students.folder.title', defaultMessage: 'Import a folder of photos' } },
    title: inApp({ id: 'ui.pageTitle.importFolder', defaultMessage: 'Import photo folders' }),
  },
  CLASSES,
  RECORDS,
  ABSENCES,
  {
    hash: '#/notices',
    heading: { id: 'notices-title', message: { id: 'notices.title', defaultMessage: 'Absence notices' } },
    title: inApp({ id: 'ui.pageTitle.notices', defaultMessage: 'Absence notices' }),
  },
  {
    hash: '#/privacy',
    heading: { id: 'privacy-title', message: { id: 'consent.privacy.title', defaultMessage: 'Privacy' } },
    title: inApp({ id: 'ui.pageTitle.privacy', defaultMessage: 'Privacy' }),
  },
  {
    hash: '#/teachers',
    heading: { id: 'teachers-title', message: { id: 'admin.teachers.title', defaultMessage: 'Teachers' } },
    title: inApp({ id: 'ui.pageTitle.teachers', defaultMessage: 'Teachers' }),
    shows: TEACHER.name,
  },
  LAPTOPS,
  SETTINGS,
  CAMERA,
];

const signInTitle = (l: Language) => l.say({ id: 'app.title.signIn', defaultMessage: 'Sign in – Rollcall' });

/** What someone not signed in sees: the sign-in page, and pairing a classroom laptop. */
export const SIGNED_OUT_PAGES: readonly PageVisit[] = [
  { hash: '#/', heading: { id: 'auth-title', message: { id: 'auth.signIn.title', defaultMessage: 'Sign in to Rollcall' } }, title: signInTitle },
  { hash: '#/pair', heading: { id: 'pair-title', message: { id: 'auth.pair.title', defaultMessage: 'Set up this classroom laptop' } }, title: signInTitle },
];
