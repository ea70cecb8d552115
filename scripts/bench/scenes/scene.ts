// What the browser bench's fake camera shows and who in it is enrolled (scripts/bench/browser.ts).
import type { Enrolment } from '../../../apps/web/test/harness.ts';

export interface BenchPerson {
  studentId: string;
  name: string;
  embeddings: Enrolment[];
}

export interface BenchScene {
  /** One line for the table's heading. */
  title: string;
  people: BenchPerson[];
  /** The most faces its camera can show. */
  maxFaces: number;
  /** What the figures must say about the scene, printed above them. */
  notes: string[];
  /** The fake camera (a y4m file written into `into`) with `faces` faces in a grid. */
  camera(into: string, faces: number): string;
}
