// Settings of this device: recognition threshold and margin, consensus, cooldown, liveness,
// camera, resolution and backend, each explained in a line and validated before it is stored;
// and wiping the device.
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../ui/messages.ts';
import { toDraft, validateDraft, type DraftErrors, type SettingsDraft } from './settings-form.ts';
import type { Settings } from './settings.ts';
import { useSaveSettings, useStoredSettings, useVideoInputs } from './useDeviceSettings.ts';
import { WipeDevice } from './WipeDevice.tsx';

function Field({ id, label, help, error, children }: { id: string; label: string; help: string; error?: string | undefined; children: (describedBy: string) => ReactNode }) {
  const describedBy = `${id}-help${error ? ` ${id}-error` : ''}`;
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      <p id={`${id}-help`} className="hint">
        {help}
      </p>
      {error && (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      )}
    </div>
  );
}

function SettingsForm({ stored }: { stored: Settings }) {
  const save = useSaveSettings();
  const { cameras, error: cameraError } = useVideoInputs();
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(stored));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<SettingsDraft>) => (setDraft({ ...draft, ...patch }), setSaved(false));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateDraft(draft);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    save.mutate(checked.value, { onSuccess: (s) => (setDraft(toDraft(s)), setSaved(true)) });
  };
  const invalid = Object.keys(errors).length > 0;
  const known = cameras.some((c) => c.deviceId === draft.cameraId);

  return (
    <form className="card settings-form" onSubmit={submit} aria-label="Recognition settings" noValidate>
      <div className="grid-3">
        <Field id="set-threshold" label="Recognition threshold" help="How alike a face must be to a student's photos (cosine similarity, 0.5–1). Higher: fewer wrong marks, more unknowns." error={errors.threshold}>
          {(d) => <input id="set-threshold" inputMode="decimal" value={draft.threshold} aria-describedby={d} aria-invalid={!!errors.threshold} onChange={(e) => set({ threshold: e.target.value })} />}
        </Field>
        <Field id="set-margin" label="Margin" help="How far the best student must lead the second best (0–0.5), so look-alikes are not confused." error={errors.margin}>
          {(d) => <input id="set-margin" inputMode="decimal" value={draft.margin} aria-describedby={d} aria-invalid={!!errors.margin} onChange={(e) => set({ margin: e.target.value })} />}
        </Field>
        <Field id="set-consensus" label="Consensus frames" help="Frames of the same face that must agree before a student is marked (1–30)." error={errors.consensusFrames}>
          {(d) => <input id="set-consensus" inputMode="numeric" value={draft.consensusFrames} aria-describedby={d} aria-invalid={!!errors.consensusFrames} onChange={(e) => set({ consensusFrames: e.target.value })} />}
        </Field>
        <Field id="set-cooldown" label="Cooldown (seconds)" help="How long before the same student can be marked again (the server enforces its own too)." error={errors.cooldownSeconds}>
          {(d) => <input id="set-cooldown" inputMode="numeric" value={draft.cooldownSeconds} aria-describedby={d} aria-invalid={!!errors.cooldownSeconds} onChange={(e) => set({ cooldownSeconds: e.target.value })} />}
        </Field>
        <Field id="set-camera" label="Camera" help={cameraError ?? 'Which camera Take attendance and Camera check open; names appear once a camera was allowed.'}>
          {(d) => (
            <select id="set-camera" value={draft.cameraId} aria-describedby={d} onChange={(e) => set({ cameraId: e.target.value })}>
              <option value="">Default camera</option>
              {cameras.map((c) => (
                <option key={c.deviceId} value={c.deviceId}>
                  {c.label}
                </option>
              ))}
              {draft.cameraId && !known && <option value={draft.cameraId}>A camera not connected now</option>}
            </select>
          )}
        </Field>
        <Field id="set-resolution" label="Resolution" help="The picture size asked of the camera: larger finds smaller faces at the back, but costs time per frame.">
          {(d) => (
            <select id="set-resolution" value={draft.resolution} aria-describedby={d} onChange={(e) => set({ resolution: e.target.value as Settings['resolution'] })}>
              <option value="640x480">640 × 480</option>
              <option value="1280x720">1280 × 720</option>
              <option value="1920x1080">1920 × 1080</option>
            </select>
          )}
        </Field>
        <Field id="set-backend" label="Backend override" help="Where faces are computed: automatic picks WebGL when it is fast on this device and wasm otherwise. A change applies the next time Rollcall is opened (reload the page).">
          {(d) => (
            <select id="set-backend" value={draft.backend} aria-describedby={d} onChange={(e) => set({ backend: e.target.value as Settings['backend'] })}>
              <option value="auto">Automatic</option>
              <option value="webgl">WebGL (graphics card)</option>
              <option value="wasm">wasm (processor)</option>
            </select>
          )}
        </Field>
        <div className="setting">
          <label className="inline">
            <input type="checkbox" checked={draft.liveness} aria-describedby="set-liveness-help" onChange={(e) => set({ liveness: e.target.checked })} />
            Liveness check
          </label>
          <p id="set-liveness-help" className="hint">
            Refuse to mark a face that looks like a photo or a screen (antispoof and liveness models).
          </p>
          <label className="inline"><input type="checkbox" checked={draft.requireBlink} disabled={!draft.liveness} onChange={(e) => set({ requireBlink: e.target.checked })} /> Require a blink (stricter: a face is marked only after its eyes blink)</label>
        </div>
        <div className="setting">
          <label className="inline">
            <input type="checkbox" checked={draft.embedDecided} aria-describedby="set-embed-help" onChange={(e) => set({ embedDecided: e.target.checked })} />
            Re-check recognised faces every frame
          </label>
          <p id="set-embed-help" className="hint">
            Off (faster): once a face is recognised it is only followed, not identified again. On only to measure the difference.
          </p>
        </div>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save settings
        </button>
        {invalid && (
          <p role="alert" className="error">
            Not saved: correct the values marked above.
          </p>
        )}
        {saved && !invalid && (
          <p role="status" className="ok">
            Settings saved on this device.
          </p>
        )}
        {save.error && <p role="alert" className="error">{errorText(save.error)}</p>}
      </div>
    </form>
  );
}

export function SettingsPage() {
  const stored = useStoredSettings();
  return (
    <section aria-labelledby="settings-title">
      <div className="page-head">
        <h2 id="settings-title">Settings</h2>
      </div>
      <p className="hint">These settings belong to this device only: each classroom laptop keeps its own.</p>
      {stored.error ? <p role="alert" className="error">{errorText(stored.error)}</p> : !stored.data ? <p>Loading…</p> : <SettingsForm stored={stored.data} />}
      <WipeDevice />
    </section>
  );
}
