// Which pages each kind of caller may open: the nav offers only these, and a page opened by its
// address anyway says so before any work is done (a teacher never fills in Add student only to be
// refused at Save). The API enforces the same rules; this only keeps people off dead ends.
import type { Me } from '@rollcall/contracts';
import type { Route } from '../core/router.ts';

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
    ? 'Only an admin can use this page. Ask your school’s Rollcall admin.'
    : 'A classroom laptop cannot open this page: sign in with your own account.';

const NAV: { label: string; route: Route }[] = [
  { label: 'Take attendance', route: { page: 'attendance' } },
  { label: 'Students', route: { page: 'students' } },
  { label: 'Classes', route: { page: 'classes' } },
  { label: 'Records', route: { page: 'records' } },
  { label: 'Absences', route: { page: 'absences' } },
  { label: 'Teachers', route: { page: 'teachers' } },
  { label: 'Classroom laptops', route: { page: 'laptops' } },
  { label: 'Absence notices', route: { page: 'notices' } },
  { label: 'Privacy', route: { page: 'privacy' } },
  { label: 'Settings', route: { page: 'settings' } },
  { label: 'Camera check', route: { page: 'camera' } },
];

export const navFor = (role: Role) => NAV.filter((n) => mayOpen(role, n.route.page));
