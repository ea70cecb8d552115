// The browser tab's title per page ("Records – Rollcall"), so a teacher with several tabs and a
// screen reader announcing the page both know where they are.
import { t } from '../core/i18n.ts';
import type { Route } from '../core/router.ts';

function title(page: Route['page']): string {
  switch (page) {
    case 'attendance':
      return t({ id: 'ui.pageTitle.attendance', defaultMessage: 'Take attendance' });
    case 'students':
      return t({ id: 'ui.pageTitle.students', defaultMessage: 'Students' });
    case 'student-new':
      return t({ id: 'ui.pageTitle.studentNew', defaultMessage: 'Add student' });
    case 'student':
      return t({ id: 'ui.pageTitle.student', defaultMessage: 'Edit student' });
    case 'import-roster':
      return t({ id: 'ui.pageTitle.importRoster', defaultMessage: 'Import a roster CSV' });
    case 'import-folder':
      return t({ id: 'ui.pageTitle.importFolder', defaultMessage: 'Import photo folders' });
    case 'classes':
      return t({ id: 'ui.pageTitle.classes', defaultMessage: 'Classes' });
    case 'records':
      return t({ id: 'ui.pageTitle.records', defaultMessage: 'Records' });
    case 'absences':
      return t({ id: 'ui.pageTitle.absences', defaultMessage: 'Absences to explain' });
    case 'notices':
      return t({ id: 'ui.pageTitle.notices', defaultMessage: 'Absence notices' });
    case 'privacy':
      return t({ id: 'ui.pageTitle.privacy', defaultMessage: 'Privacy' });
    case 'teachers':
      return t({ id: 'ui.pageTitle.teachers', defaultMessage: 'Teachers' });
    case 'laptops':
      return t({ id: 'ui.pageTitle.laptops', defaultMessage: 'Classroom laptops' });
    case 'pair':
      return t({ id: 'ui.pageTitle.pair', defaultMessage: 'Set up this classroom laptop' });
    case 'settings':
      return t({ id: 'ui.pageTitle.settings', defaultMessage: 'Settings' });
    case 'camera':
      return t({ id: 'ui.pageTitle.camera', defaultMessage: 'Camera check' });
  }
}

export const pageTitle = (route: Route | null): string =>
  route ? t({ id: 'ui.pageTitle.withApp', defaultMessage: '{page} – Rollcall' }, { page: title(route.page) }) : 'Rollcall';
