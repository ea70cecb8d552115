// The browser tab's title per page ("Records – Rollcall"), so a teacher with several tabs and a
// screen reader announcing the page both know where they are.
import type { Route } from '../core/router.ts';

const TITLES: Record<Route['page'], string> = {
  attendance: 'Take attendance',
  students: 'Students',
  'student-new': 'Add student',
  student: 'Edit student',
  'import-roster': 'Import a roster CSV',
  'import-folder': 'Import photo folders',
  classes: 'Classes',
  records: 'Records',
  absences: 'Absences to explain',
  notices: 'Absence notices',
  privacy: 'Privacy',
  teachers: 'Teachers',
  laptops: 'Classroom laptops',
  pair: 'Set up this classroom laptop',
  settings: 'Settings',
  camera: 'Camera check',
};

export const pageTitle = (route: Route | null): string => (route ? `${TITLES[route.page]} – Rollcall` : 'Rollcall');
