// Reads the seed layout of a bulk enrolment: `<folder>/<StudentID>_<Name>/*.jpg`, the layout of
// the old system's dataset/raw_images (e.g. S001_John/front.jpg).
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseStudentFolder } from '@rollcall/contracts';

export interface StudentFolder {
  studentId: string;
  name: string;
  /** Absolute paths of the photos, in name order. */
  photos: string[];
}

export interface LayoutProblem {
  folder: string;
  reason: string;
}

const PHOTO_EXT = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp']);

export function readLayout(root: string): { students: StudentFolder[]; problems: LayoutProblem[] } {
  const students: StudentFolder[] = [];
  const problems: LayoutProblem[] = [];
  for (const entry of readdirSync(root).sort()) {
    const dir = join(root, entry);
    if (entry.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const parsed = parseStudentFolder(entry);
    if (!parsed) {
      problems.push({ folder: entry, reason: 'folder name is not <StudentID>_<Name>' });
      continue;
    }
    const photos = readdirSync(dir)
      .sort()
      .filter((f) => PHOTO_EXT.has(extname(f).toLowerCase()))
      .map((f) => join(dir, f));
    if (photos.length === 0) problems.push({ folder: entry, reason: 'no photos' });
    else students.push({ ...parsed, photos });
  }
  return { students, problems };
}
