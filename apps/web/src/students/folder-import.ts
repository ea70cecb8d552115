// Folder import: the seed's dataset layout `<StudentID>_<Name>/*.jpg` (e.g. S001_John_Smith/front.jpg),
// grouped into one entry per student by the shared folder rule (parseStudentFolder). Pure, so it is
// tested without a browser.
import { parseStudentFolder } from '@rollcall/contracts';
import { t } from '../core/i18n.ts';

export interface FolderStudent<F> {
  folder: string;
  studentId: string;
  name: string;
  files: F[];
}

export interface FolderPlan<F> {
  students: FolderStudent<F>[];
  /** Files that are not in a `<ID>_<Name>` folder or not images, with why. */
  skipped: { path: string; reason: string }[];
}

const IMAGE = /\.(jpe?g|png|webp|gif|bmp)$/i;

/** `path` is relative to the chosen folder, as webkitRelativePath gives it ("dataset/S001_John/a.jpg"). */
export function planFolderImport<F>(files: { path: string; file: F }[]): FolderPlan<F> {
  const byFolder = new Map<string, FolderStudent<F>>();
  const skipped: FolderPlan<F>['skipped'] = [];
  // A folder that holds other folders ("raw_images") is a container, however its name reads.
  const containers = new Set<string>();
  for (const { path } of files) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length - 1; i++) containers.add(parts.slice(0, i).join('/'));
  }
  for (const { path, file } of files) {
    const parts = path.split('/').filter(Boolean);
    const name = parts.at(-1) ?? path;
    if (name.startsWith('.')) continue; // .DS_Store and friends
    if (!IMAGE.test(name)) {
      skipped.push({ path, reason: t({ id: 'students.folder.notImage', defaultMessage: 'not an image' }) });
      continue;
    }
    const folder = parts.at(-2);
    const m = folder && !containers.has(parts.slice(0, -1).join('/')) ? parseStudentFolder(folder) : null;
    if (!folder || !m) {
      skipped.push({ path, reason: t({ id: 'students.folder.notInFolder', defaultMessage: "not inside a '<StudentID>_<Name>' folder" }) });
      continue;
    }
    const entry = byFolder.get(folder) ?? { folder, ...m, files: [] };
    entry.files.push(file);
    byFolder.set(folder, entry);
  }
  const students = [...byFolder.values()].sort((a, b) => a.studentId.localeCompare(b.studentId));
  return { students, skipped };
}
