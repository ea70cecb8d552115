// The hash router reads back what href writes, for every page, and sends anything else to Take attendance.
import { describe, expect, it } from 'vitest';
import { href, parseHash, type Route } from './router.ts';

describe('router', () => {
  it('parses every page from the link href makes for it', () => {
    const routes: Route[] = [
      { page: 'attendance' },
      { page: 'students' },
      { page: 'student-new' },
      { page: 'student', studentId: 'S/1 ä' },
      ...(['import-roster', 'import-folder', 'classes', 'records', 'settings', 'privacy', 'camera'] as const).map((page) => ({ page })),
    ];
    for (const route of routes) expect(parseHash(href(route))).toEqual(route);
  });

  it('opens Take attendance for an empty or unknown hash', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/constructor']) expect(parseHash(hash)).toEqual({ page: 'attendance' });
  });
});
