// The Settings form's checks, old settings read back, and the device wipe, against fake-indexeddb.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS } from '@rollcall/recognition';
import { Outbox } from '@rollcall/sync';
import { livenessParams } from '../camera/session-params.ts';
import { META, RollcallDb, getMeta, setMeta } from '../local/db.ts';
import { DexieOutboxStore } from '../local/dexie-outbox-store.ts';
import { toDraft, validateDraft } from './settings-form.ts';
import { DEFAULT_SETTINGS, readSettings, writeSettings } from '../core/settings.ts';
import { wipeDevice } from './wipe.ts';

describe('validateDraft', () => {
  it('accepts the defaults and typed numbers', () => {
    expect(validateDraft(toDraft(DEFAULT_SETTINGS))).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    const r = validateDraft({ ...toDraft(DEFAULT_SETTINGS), threshold: ' 0.9 ', consensusFrames: '5' });
    expect(r.ok && r.value.threshold).toBe(0.9);
    expect(r.ok && r.value.consensusFrames).toBe(5);
  });

  it('refuses out-of-range, empty, fractional and non-numeric values with a reason per field', () => {
    const r = validateDraft({ ...toDraft(DEFAULT_SETTINGS), threshold: '1.5', margin: '', consensusFrames: '2.5', cooldownSeconds: 'soon' });
    expect(r).toEqual({
      ok: false,
      errors: {
        threshold: 'Enter a number from 0.5 to 1.',
        margin: 'Enter a number from 0 to 0.5.',
        consensusFrames: 'Enter a whole number from 1 to 30.',
        cooldownSeconds: 'Enter a whole number of seconds from 0 to 3600.',
      },
    });
  });
});

let n = 0;
describe('what to do with a face that may be a photo or a screen', () => {
  it('settings saved before the choice existed, or damaged, read back as "ask me" (review)', async () => {
    const db = new RollcallDb(`texture-${++n}`);
    const { unsureTexture: _, ...old } = DEFAULT_SETTINGS;
    await setMeta(db, META.settings, { ...old, threshold: 0.9 });
    expect(await readSettings(db)).toMatchObject({ unsureTexture: 'review', threshold: 0.9 });
    await setMeta(db, META.settings, { ...old, unsureTexture: 'mark-anyway' });
    expect((await readSettings(db)).unsureTexture).toBe('review');
    expect(DEFAULT_SETTINGS.unsureTexture).toBe(DEFAULT_LIVENESS.unsureTexture);
  });

  it('the form keeps the choice, it is stored, and it reaches the liveness rule', async () => {
    const r = validateDraft({ ...toDraft(DEFAULT_SETTINGS), unsureTexture: 'flag' });
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, unsureTexture: 'flag' } });
    const db = new RollcallDb(`texture-${++n}`);
    await writeSettings(db, { unsureTexture: 'flag' });
    const stored = await readSettings(db);
    expect(toDraft(stored).unsureTexture).toBe('flag');
    expect(livenessParams(stored)).toEqual({ ...DEFAULT_LIVENESS, unsureTexture: 'flag' });
    expect(livenessParams(DEFAULT_SETTINGS).unsureTexture).toBe('review');
    // A value the form did not offer is refused, not guessed.
    expect(validateDraft({ ...toDraft(DEFAULT_SETTINGS), unsureTexture: 'maybe' as 'flag' }).ok).toBe(false);
  });
});

describe('wipeDevice', () => {
  it('empties the cache and the outbox and forgets the sync position, keeping only the settings in the device database', async () => {
    const db = new RollcallDb(`wipe-${++n}`);
    const outbox = new Outbox(new DexieOutboxStore(db));
    await db.students.put({
      studentId: 'S1',
      name: 'A',
      email: null,
      embeddingCount: 1,
      updatedAt: '2026-11-24T08:00:00.000Z',
      consent: 'granted',
      cameraFree: false,
    });
    await db.embeddings.put({ id: 'e1', studentId: 'S1', modelId: 'm', vector: new Float32Array([1, 0]), quality: 1 });
    await db.classes.put({ id: 'c1', name: 'C', studentIds: ['S1'] });
    const pending = {
      id: '00000000-0000-4000-8000-000000000001',
      studentId: 'S1',
      deviceId: 'd',
      markedAt: '2026-11-24T08:00:00.000Z',
      method: 'face' as const,
    };
    const refused = { ...pending, id: '00000000-0000-4000-8000-000000000002', markedAt: '2026-11-24T08:01:00.000Z' };
    await outbox.enqueue(refused);
    await outbox.fail([{ id: refused.id, reason: 'forbidden' }]);
    await outbox.enqueue(pending);
    await setMeta(db, META.revision, 42);
    await writeSettings(db, { threshold: 0.9 });
    // The one count the wipe confirmation shows: one waiting, one refused.
    expect(await outbox.refresh()).toMatchObject({ pending: 1, refused: [{ mark: refused, reason: 'forbidden' }] });

    await wipeDevice(db);

    expect([await db.students.count(), await db.embeddings.count(), await db.classes.count()]).toEqual([0, 0, 0]);
    expect(await outbox.refresh()).toMatchObject({ pending: 0, refused: [] });
    expect(await getMeta(db, META.revision, null)).toBeNull();
    // Nothing else is kept in the device database (the device id and the signed-in user live in local/device-state.ts).
    expect((await db.meta.toArray()).map((r) => r.key)).toEqual([META.settings]);
    expect((await readSettings(db)).threshold).toBe(0.9);
  });
});
