// A tiny hash router: the app is served from one index.html by the API and by the service
// worker offline, so hash routes need no server support.
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'attendance' }
  | { page: 'students' }
  | { page: 'student-new' }
  | { page: 'student'; studentId: string }
  | { page: 'import-roster' }
  | { page: 'import-folder' }
  | { page: 'classes' }
  | { page: 'records' }
  | { page: 'absences' }
  | { page: 'notices' }
  | { page: 'settings' }
  | { page: 'privacy' }
  | { page: 'teachers' }
  | { page: 'laptops' }
  | { page: 'pair'; code: string }
  | { page: 'camera' };

/** Pages whose hash is their name and nothing more. */
const PLAIN_PAGES = [
  'students',
  'import-roster',
  'import-folder',
  'classes',
  'records',
  'absences',
  'notices',
  'settings',
  'privacy',
  'teachers',
  'laptops',
  'camera',
] as const;
const isPlainPage = (head: string | undefined): head is (typeof PLAIN_PAGES)[number] => (PLAIN_PAGES as readonly (string | undefined)[]).includes(head);

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, second] = path.split('/');
  if (head === 'students' && second) return second === 'new' ? { page: 'student-new' } : { page: 'student', studentId: decodeURIComponent(second) };
  if (head === 'pair') return { page: 'pair', code: second ? decodeURIComponent(second) : '' };
  return isPlainPage(head) ? { page: head } : { page: 'attendance' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'student':
      return `#/students/${encodeURIComponent(route.studentId)}`;
    case 'student-new':
      return '#/students/new';
    case 'attendance':
      return '#/attendance';
    case 'camera':
      return '#/camera';
    case 'pair':
      return route.code ? `#/pair/${encodeURIComponent(route.code)}` : '#/pair';
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseHash(hash);
}
