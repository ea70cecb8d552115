// Reads the seed layout of a bulk enrolment: `<folder>/<StudentID>_<Name>/*.jpg`, the layout of
// the old system's dataset/raw_images (e.g. S001_John/front.jpg).
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { StudentId } from '@rollcall/contracts';

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

/** `S001_John_Smith` -> S001, "John Smith"; underscores in the name become spaces. */
export function parseFolderName(folder: string): { studentId: string; name: string } | null {
  const cut = folder.indexOf('_');
  if (cut <= 0 || cut === folder.length - 1) return null;
  const studentId = folder.slice(0, cut);
  const name = folder.slice(cut + 1).replace(/_/g, ' ').trim();
  if (!StudentId.safeParse(studentId).success || name === '') return null;
  return { studentId, name };
}

export function readLayout(root: string): { students: StudentFolder[]; problems: LayoutProblem[] } {
  const students: StudentFolder[] = [];
  const problems: LayoutProblem[] = [];
  for (const entry of readdirSync(root).sort()) {
    const dir = join(root, entry);
    if (entry.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const parsed = parseFolderName(entry);
    if (!parsed) {
      problems.push({ folder: entry, reason: 'folder name is not <StudentID>_<Name>' });
      continue;
    }
    const photos = readdirSync(dir).sort().filter((f) => PHOTO_EXT.has(extname(f).toLowerCase())).map((f) => join(dir, f));
    if (photos.length === 0) problems.push({ folder: entry, reason: 'no photos' });
    else students.push({ ...parsed, photos });
  }
  return { students, problems };
}
