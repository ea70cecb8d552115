// Who is in the simulated class: which identities are enrolled (from which photos), which of them
// are present, who the never-enrolled strangers are, and where each person sits. Seeded and pure.
import { prng } from '@rollcall/matcher';
import type { LabelledPhoto } from '../eval/dataset.ts';
import { UsageError } from '../paths.ts';

export interface ClassOptions {
  students: number;
  present: number;
  strangers: number;
  photosPerStudent: number;
  /** K consecutive photos by name (one sitting) instead of K drawn at random (varied enrolment). */
  oneSitting: boolean;
  seed: number;
}

export interface Seat {
  identity: string;
  /** Enrolled in the class (a student) or never enrolled (a stranger). */
  kind: 'student' | 'stranger';
  /** Photos shown in turn, one per second (never an enrolment photo while the person has others). */
  shown: string[];
  /** Centre of the face in the frame, and the face's width in pixels. */
  x: number;
  y: number;
  face: number;
  /** Box-blur radius of this person's image (0 = sharp): a face slightly out of focus. */
  blur: number;
}

export interface ClassPlan {
  /**
   * Every enrolled student with the photos an admin enrols, and the photos they would try instead
   * of a refused one, in order (one sitting: the next ones by name; varied: the rest at random).
   */
  enrolled: { identity: string; photos: string[]; spares: string[] }[];
  seats: Seat[];
}

export interface FrameGeometry {
  width: number;
  height: number;
  /** Face widths are drawn uniformly from this range, capped so neighbours do not overlap. */
  minFace: number;
  maxFace: number;
  /** Share of people shown mildly blurred. */
  blurredShare: number;
}

export const CLASSROOM_FRAME: FrameGeometry = { width: 1280, height: 720, minFace: 60, maxFace: 160, blurredShare: 0.3 };

function shuffle<T>(xs: readonly T[], r: () => number): T[] {
  return xs
    .map((x) => [r(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);
}

/** Photos by identity, each list sorted by name (the order a one-sitting enrolment follows). */
export function byIdentity(photos: readonly LabelledPhoto[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of photos) out.set(p.identity, [...(out.get(p.identity) ?? []), p.path]);
  for (const list of out.values()) list.sort();
  return out;
}

export function planClass(photos: readonly LabelledPhoto[], o: ClassOptions, g: FrameGeometry = CLASSROOM_FRAME): ClassPlan {
  const r = prng(o.seed);
  const all = byIdentity(photos);
  // A student needs a photo to enrol and, ideally, others to be seen with.
  const ids = shuffle([...all.keys()].filter((id) => all.get(id)!.length >= 2).sort(), r);
  if (o.students + o.strangers > ids.length) {
    throw new UsageError(
      `--students ${o.students} + --strangers ${o.strangers} needs ${o.students + o.strangers} identities with 2+ photos; the folder has ${ids.length}`,
    );
  }
  if (o.present > o.students) throw new UsageError(`--present ${o.present} is more than --students ${o.students}`);
  const enrolled = ids.slice(0, o.students).map((identity) => {
    const list = all.get(identity)!;
    const k = Math.min(o.photosPerStudent, list.length - 1);
    const start = Math.floor(r() * (list.length - k + 1));
    if (o.oneSitting) return { identity, photos: list.slice(start, start + k), spares: [...list.slice(start + k), ...list.slice(0, start).reverse()] };
    const order = shuffle(list, r);
    return { identity, photos: order.slice(0, k), spares: order.slice(k) };
  });
  const people: Omit<Seat, 'x' | 'y' | 'face' | 'blur'>[] = [
    ...shuffle(enrolled, r)
      .slice(0, o.present)
      .map((e) => ({
        identity: e.identity,
        kind: 'student' as const,
        shown: shuffle(
          all.get(e.identity)!.filter((p) => !e.photos.includes(p)),
          r,
        ),
      })),
    ...ids.slice(o.students, o.students + o.strangers).map((identity) => ({ identity, kind: 'stranger' as const, shown: shuffle(all.get(identity)!, r) })),
  ];
  // Seats on a grid over the frame (in random order), each jittered within its cell.
  const m = people.length;
  const cols = Math.max(1, Math.ceil(Math.sqrt((m * g.width) / g.height)));
  const rows = Math.max(1, Math.ceil(m / cols));
  const cw = g.width / cols;
  const ch = g.height / rows;
  const cells = shuffle([...Array(cols * rows).keys()], r).slice(0, m);
  const seats = people.map((p, i): Seat => {
    const cell = cells[i]!;
    const face = Math.min(g.minFace + (g.maxFace - g.minFace) * r(), cw / 2.2, ch / 2.6);
    const x = ((cell % cols) + 0.5 + 0.3 * (r() - 0.5)) * cw;
    const y = (Math.floor(cell / cols) + 0.5 + 0.3 * (r() - 0.5)) * ch;
    return { ...p, x, y, face: Math.round(face), blur: r() < g.blurredShare ? 1 : 0 };
  });
  return { enrolled, seats };
}

/**
 * The plan once enrolment is done: where a spare photo was enrolled in place of a refused one, the
 * camera no longer shows it; a student whose every other photo was enrolled is shown the refused
 * ones (a photo too blurred to enrol is still a face in the room).
 */
export function afterEnrolment(plan: ClassPlan, enrolment: { entries: readonly { embeddingId: string }[] }): ClassPlan {
  const enrolledPhotos = new Set(enrolment.entries.map((e) => e.embeddingId));
  const planned = new Map(plan.enrolled.map((e) => [e.identity, e.photos]));
  return {
    ...plan,
    seats: plan.seats.map((s) => {
      if (s.kind !== 'student') return s;
      const rest = s.shown.filter((p) => !enrolledPhotos.has(p));
      if (rest.length === s.shown.length) return s;
      return { ...s, shown: rest.length ? rest : (planned.get(s.identity) ?? []).filter((p) => !enrolledPhotos.has(p)) };
    }),
  };
}
