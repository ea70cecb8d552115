// Device settings: stored in this browser only (the Dexie meta table), each with a default that
// comes from measurement, and validated when read back (an old or hand-edited value falls back).
import { z } from 'zod';
import { DEFAULT_MATCH } from '@rollcall/face';
import { DEFAULT_LIVENESS } from '@rollcall/recognition';
import { META, getMeta, setMeta, type RollcallDb } from '../local/db.ts';

export const Settings = z.object({
  /** Cosine similarity a face must reach to be recognised (the face pipeline's evaluation sets the default). */
  threshold: z.number().min(0.5).max(1).catch(DEFAULT_MATCH.threshold),
  /** How far the best student must lead the next one. */
  margin: z.number().min(0).max(0.5).catch(DEFAULT_MATCH.margin),
  /** Frames of one face that must agree before a mark is made. */
  consensusFrames: z.number().int().min(1).max(30).catch(3),
  /** Seconds before the same student can be marked again (the server enforces it too). */
  cooldownSeconds: z.number().int().min(0).max(3600).catch(60),
  /** Require the antispoof and liveness checks to pass before marking. */
  liveness: z.boolean().catch(true),
  /** Stricter schools: no face is marked until its eyes have blinked (slower at the door). */
  requireBlink: z.boolean().catch(false),
  /**
   * A face that moves like a person while its skin texture is unclear (it may be a photo or a
   * screen): 'review' sends it to Needs review, 'flag' marks it and flags the mark in the register.
   */
  unsureTexture: z.enum(['review', 'flag']).catch(DEFAULT_LIVENESS.unsureTexture),
  /** Camera device id; empty for the default camera. */
  cameraId: z.string().catch(''),
  /** Requested camera resolution. */
  resolution: z.enum(['640x480', '1280x720', '1920x1080']).catch('1280x720'),
  /** Keep embedding faces already recognised on every frame (slower; only to measure the saving). */
  embedDecided: z.boolean().catch(false),
  /** Inference backend: auto picks WebGL when it is fast, wasm otherwise. */
  backend: z.enum(['auto', 'webgl', 'wasm']).catch('auto'),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

export async function readSettings(db: RollcallDb): Promise<Settings> {
  return Settings.parse({ ...DEFAULT_SETTINGS, ...(await getMeta<Partial<Settings>>(db, META.settings, {})) });
}

export async function writeSettings(db: RollcallDb, patch: Partial<Settings>): Promise<Settings> {
  const next = Settings.parse({ ...(await readSettings(db)), ...patch });
  await setMeta(db, META.settings, next);
  return next;
}
