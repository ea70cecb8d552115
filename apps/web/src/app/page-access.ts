// Which pages each kind of caller may open: the nav offers only these, and a page opened by its
// address anyway says so before any work is done (a teacher never fills in Add student only to be
// refused at Save). The API enforces the same rules; this only keeps people off dead ends.
import type { Me } from '@rollcall/contracts';
import type { Route } from '../core/router.ts';
import { t } from '../core/i18n.ts';

export type Role = 'admin' | 'teacher' | 'device';

const ALL: readonly Role[] = ['admin', 'teacher', 'device'];
const STAFF: readonly Role[] = ['admin', 'teacher'];
const ADMIN: readonly Role[] = ['admin'];

const ACCESS: Record<Route['page'], readonly Role[]> = {
  attendance: ALL,
  students: STAFF,
  'student-new': ADMIN,
  student: ADMIN,
  'import-roster': ADMIN,
  'import-folder': ADMIN,
  classes: STAFF,
  records: STAFF,
  absences: STAFF,
  notices: ADMIN,
  teachers: ADMIN,
  laptops: STAFF,
  privacy: ADMIN,
  settings: ALL,
  camera: ALL,
  pair: ALL,
};

export const roleOf = (me: Me): Role => (me.actor.kind === 'device' ? 'device' : me.actor.user.role);

export const mayOpen = (role: Role, page: Route['page']): boolean => ACCESS[page].includes(role);

/** Why a page is closed, in the words the page shows instead of itself. */
export const closedText = (page: Route['page']): string =>
  ACCESS[page] === ADMIN
    ? t({ id: 'app.access.adminOnly', defaultMessage: 'Only an admin can use this page. Ask your school’s Rollcall admin.' })
    : t({ id: 'app.access.notOnLaptop', defaultMessage: 'A classroom laptop cannot open this page: sign in with your own account.' });

// Built at call time, so the labels are in the language spoken now.
const nav = (): { label: string; route: Route }[] => [
  { label: t({ id: 'app.nav.attendance', defaultMessage: 'Take attendance' }), route: { page: 'attendance' } },
  { label: t({ id: 'app.nav.students', defaultMessage: 'Students' }), route: { page: 'students' } },
  { label: t({ id: 'app.nav.classes', defaultMessage: 'Classes' }), route: { page: 'classes' } },
  { label: t({ id: 'app.nav.records', defaultMessage: 'Records' }), route: { page: 'records' } },
  { label: t({ id: 'app.nav.absences', defaultMessage: 'Absences' }), route: { page: 'absences' } },
  { label: t({ id: 'app.nav.teachers', defaultMessage: 'Teachers' }), route: { page: 'teachers' } },
  { label: t({ id: 'app.nav.laptops', defaultMessage: 'Classroom laptops' }), route: { page: 'laptops' } },
  { label: t({ id: 'app.nav.notices', defaultMessage: 'Absence notices' }), route: { page: 'notices' } },
  { label: t({ id: 'app.nav.privacy', defaultMessage: 'Privacy' }), route: { page: 'privacy' } },
  { label: t({ id: 'app.nav.settings', defaultMessage: 'Settings' }), route: { page: 'settings' } },
  { label: t({ id: 'app.nav.camera', defaultMessage: 'Camera check' }), route: { page: 'camera' } },
];

export const navFor = (role: Role) => nav().filter((n) => mayOpen(role, n.route.page));
