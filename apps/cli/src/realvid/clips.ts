// The real-footage set (../shared/realvid): which clip shows whom and how, read from its
// labels.csv, and from what each person is enrolled (their own live clip, live crops, or, when
// there is nothing else, the attack clip itself).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../eval/dataset.ts';

export type ClipKind = 'genuine' | 'attack' | 'crowd';

export interface Clip {
  /** File name in the set's folder. */
  name: string;
  kind: ClipKind;
  /** Who is shown (the same value on a genuine and an attack clip: the same person); null for a crowd. */
  person: string | null;
}

/** Where a person's enrolment photos come from. */
export type EnrolSource = { from: 'clip'; clip: string } | { from: 'crops'; folder: string };

export interface EnrolPlan {
  person: string;
  source: EnrolSource;
}

const KINDS = new Set<ClipKind>(['genuine', 'attack', 'crowd']);

export class LabelsError extends Error {
  readonly code = 'labels-invalid';
}

/** labels.csv: clip,kind,person,... (a header row, then a clip a row). */
export function parseLabels(text: string): Clip[] {
  return parseCsv(text).map(([name, kind, person], i) => {
    if (!name || !KINDS.has(kind as ClipKind)) throw new LabelsError(`labels.csv row ${i + 2}: needs a clip name and a kind (genuine, attack or crowd)`);
    if (kind !== 'crowd' && !person) throw new LabelsError(`labels.csv row ${i + 2}: a ${kind} clip needs a person`);
    return { name, kind: kind as ClipKind, person: kind === 'crowd' ? null : person! };
  });
}

export function readClips(dir: string): Clip[] {
  const file = join(dir, 'labels.csv');
  if (!existsSync(file)) throw new LabelsError(`no labels.csv in ${dir}`);
  const clips = parseLabels(readFileSync(file, 'utf8'));
  const missing = clips.filter((c) => !existsSync(join(dir, c.name))).map((c) => c.name);
  if (missing.length) throw new LabelsError(`labels.csv names clips that are not in ${dir}: ${missing.join(', ')}`);
  return clips;
}

/** Persons with a folder of live face crops: `crops/<person>_real/`. */
export function cropFolders(dir: string): Map<string, string> {
  const crops = join(dir, 'crops');
  const out = new Map<string, string>();
  if (!existsSync(crops)) return out;
  for (const name of readdirSync(crops)) {
    const m = /^(.+)_real$/.exec(name);
    if (m && statSync(join(crops, name)).isDirectory()) out.set(m[1]!, join('crops', name));
  }
  return out;
}

/**
 * One plan per person: frames of their own genuine clip; else their live crops; else frames of
 * their attack clip itself (the hardest case: the replay then matches its person as well as a
 * live face would, and only liveness can stop it).
 */
export function planEnrolment(clips: readonly Clip[], crops: ReadonlyMap<string, string>): EnrolPlan[] {
  const people = [...new Set(clips.flatMap((c) => (c.person ? [c.person] : [])))];
  return people.map((person) => {
    const genuine = clips.find((c) => c.person === person && c.kind === 'genuine');
    if (genuine) return { person, source: { from: 'clip', clip: genuine.name } };
    const folder = crops.get(person);
    if (folder) return { person, source: { from: 'crops', folder } };
    return { person, source: { from: 'clip', clip: clips.find((c) => c.person === person)!.name } };
  });
}

/** How the person in `clip` was enrolled, in the words the published figures must use. */
export function enrolledHow(clip: Clip, plans: readonly EnrolPlan[], used: ReadonlyMap<string, number>): string {
  if (!clip.person) return 'nobody in it is enrolled';
  const plan = plans.find((p) => p.person === clip.person);
  const n = used.get(clip.person) ?? 0;
  if (!plan || n === 0) return 'not enrolled (every photo tried was refused)';
  if (plan.source.from === 'crops') return `${n} live face crops (${plan.source.folder})`;
  if (plan.source.clip === clip.name) return `${n} frames of the same clip${clip.kind === 'attack' ? ' (the replay itself)' : ''}`;
  return `${n} frames of ${plan.source.clip} (a live clip of the same person)`;
}
