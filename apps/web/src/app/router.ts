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
  | { page: 'settings' }
  | { page: 'privacy' }
  | { page: 'teachers' }
  | { page: 'laptops' }
  | { page: 'pair'; code: string }
  | { page: 'camera' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, second] = path.split('/');
  switch (head) {
    case 'students':
      if (second === 'new') return { page: 'student-new' };
      if (second) return { page: 'student', studentId: decodeURIComponent(second) };
      return { page: 'students' };
    case 'import-roster':
      return { page: 'import-roster' };
    case 'import-folder':
      return { page: 'import-folder' };
    case 'classes':
      return { page: 'classes' };
    case 'records':
      return { page: 'records' };
    case 'settings':
      return { page: 'settings' };
    case 'privacy':
      return { page: 'privacy' };
    case 'teachers':
      return { page: 'teachers' };
    case 'laptops':
      return { page: 'laptops' };
    case 'pair':
      return { page: 'pair', code: second ? decodeURIComponent(second) : '' };
    case 'camera':
      return { page: 'camera' };
    default:
      return { page: 'attendance' };
  }
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
