// Settings of this device in a teacher's words: camera, picture size, how soon a student may be
// marked again, the photo check and what to do with a face that may be a photo up front; how sure
// recognition must be, the look-alike guard, how many pictures must agree and where faces are
// computed under "Advanced". Each is explained in a line and validated before it is stored; and
// wiping the device.
import { useState, type FormEvent, type ReactNode } from 'react';
import { toDraft, validateDraft, type DraftErrors, type SettingsDraft } from './settings-form.ts';
import type { Settings } from '../core/settings.ts';
import { useSaveSettings, useSettings } from '../core/useSettings.ts';
import { TextureChoice } from './TextureChoice.tsx';
import { useVideoInputs } from './useDeviceSettings.ts';
import { WipeDevice } from './WipeDevice.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';
import { LanguageSettings } from './LanguageSettings.tsx';

const RESOLUTIONS = ['640x480', '1280x720', '1920x1080'] as const satisfies readonly Settings['resolution'][];

function Field({
  id,
  label,
  help,
  error,
  children,
}: {
  id: string;
  label: string;
  help: string;
  error?: string | undefined;
  children: (describedBy: string) => ReactNode;
}) {
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
  const [advancedOpen, setAdvancedOpen] = useState(false);
  // A refused value inside Advanced opens it, so the error is never hidden.
  const advancedInvalid = ['threshold', 'margin', 'consensusFrames'].some((k) => k in errors);
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
    <form className="card settings-form" onSubmit={submit} aria-label={t({ id: 'settings.form.label', defaultMessage: 'Recognition settings' })} noValidate>
      <div className="grid-3">
        <Field
          id="set-camera"
          label={t({ id: 'settings.camera.label', defaultMessage: 'Camera' })}
          help={
            cameraError ??
            t({ id: 'settings.camera.help', defaultMessage: 'Which camera Take attendance and Camera check open; names appear once a camera was allowed.' })
          }
        >
          {(d) => (
            <select id="set-camera" value={draft.cameraId} aria-describedby={d} onChange={(e) => set({ cameraId: e.target.value })}>
              <option value="">{t({ id: 'settings.camera.default', defaultMessage: 'Default camera' })}</option>
              {cameras.map((c) => (
                <option key={c.deviceId} value={c.deviceId}>
                  {c.label}
                </option>
              ))}
              {draft.cameraId && !known && (
                <option value={draft.cameraId}>{t({ id: 'settings.camera.notConnected', defaultMessage: 'A camera not connected now' })}</option>
              )}
            </select>
          )}
        </Field>
        <Field
          id="set-resolution"
          label={t({ id: 'settings.resolution.label', defaultMessage: 'Resolution' })}
          help={t({
            id: 'settings.resolution.help',
            defaultMessage: 'The picture size asked of the camera: larger finds smaller faces at the back, but costs time per frame.',
          })}
        >
          {(d) => (
            <select
              id="set-resolution"
              value={draft.resolution}
              aria-describedby={d}
              onChange={(e) => set({ resolution: e.target.value as Settings['resolution'] })}
            >
              {RESOLUTIONS.map((r) => (
                <option key={r} value={r}>
                  {t({ id: 'settings.resolution.size', defaultMessage: '{width} × {height}' }, { width: r.split('x')[0], height: r.split('x')[1] })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="set-cooldown"
          label={t({ id: 'settings.cooldown.label', defaultMessage: 'Mark again after (seconds)' })}
          help={t({ id: 'settings.cooldown.help', defaultMessage: 'Outside a class session: how long before the same student can be marked again.' })}
          error={errors.cooldownSeconds}
        >
          {(d) => (
            <input
              id="set-cooldown"
              inputMode="numeric"
              value={draft.cooldownSeconds}
              aria-describedby={d}
              aria-invalid={!!errors.cooldownSeconds}
              onChange={(e) => set({ cooldownSeconds: e.target.value })}
            />
          )}
        </Field>
        <div className="setting">
          <label className="inline">
            <input type="checkbox" checked={draft.liveness} aria-describedby="set-liveness-help" onChange={(e) => set({ liveness: e.target.checked })} />
            {t({ id: 'settings.liveness.label', defaultMessage: 'Liveness check' })}
          </label>
          <p id="set-liveness-help" className="hint">
            {t({
              id: 'settings.liveness.help',
              defaultMessage: 'Never mark a face that looks like a photo or a phone screen held up to the camera; such faces wait in Needs review.',
            })}
          </p>
          <label className="inline">
            <input type="checkbox" checked={draft.requireBlink} disabled={!draft.liveness} onChange={(e) => set({ requireBlink: e.target.checked })} />{' '}
            {t({ id: 'settings.blink.label', defaultMessage: 'Require a blink (stricter: a face is marked only after its eyes blink)' })}
          </label>
        </div>
      </div>
      <TextureChoice value={draft.unsureTexture} disabled={!draft.liveness} onChange={(unsureTexture) => set({ unsureTexture })} />
      <details className="advanced" open={advancedOpen || advancedInvalid} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary>{t({ id: 'settings.advanced.summary', defaultMessage: 'Advanced: how recognition decides' })}</summary>
        <p className="hint">
          {t({
            id: 'settings.advanced.hint',
            defaultMessage: 'The defaults were measured on many faces; change them only if students are often missed or wrongly marked.',
          })}
        </p>
        <div className="grid-3">
          <Field
            id="set-threshold"
            label={t({ id: 'settings.threshold.label', defaultMessage: 'How sure before marking' })}
            help={t({
              id: 'settings.threshold.help',
              defaultMessage:
                "How closely a face must match the student's photos (0.5–1). Higher: fewer wrong marks, but more faces left for you to check in Needs review.",
            })}
            error={errors.threshold}
          >
            {(d) => (
              <input
                id="set-threshold"
                inputMode="decimal"
                value={draft.threshold}
                aria-describedby={d}
                aria-invalid={!!errors.threshold}
                onChange={(e) => set({ threshold: e.target.value })}
              />
            )}
          </Field>
          <Field
            id="set-margin"
            label={t({ id: 'settings.margin.label', defaultMessage: 'Look-alike guard' })}
            help={t({
              id: 'settings.margin.help',
              defaultMessage: 'How clearly the best match must beat the next student (0–0.5), so brothers, sisters and look-alikes are not confused.',
            })}
            error={errors.margin}
          >
            {(d) => (
              <input
                id="set-margin"
                inputMode="decimal"
                value={draft.margin}
                aria-describedby={d}
                aria-invalid={!!errors.margin}
                onChange={(e) => set({ margin: e.target.value })}
              />
            )}
          </Field>
          <Field
            id="set-consensus"
            label={t({ id: 'settings.consensus.label', defaultMessage: 'Pictures that must agree' })}
            help={t({
              id: 'settings.consensus.help',
              defaultMessage: 'How many camera pictures of the same face must agree before the student is marked (1–30). More: slower but surer.',
            })}
            error={errors.consensusFrames}
          >
            {(d) => (
              <input
                id="set-consensus"
                inputMode="numeric"
                value={draft.consensusFrames}
                aria-describedby={d}
                aria-invalid={!!errors.consensusFrames}
                onChange={(e) => set({ consensusFrames: e.target.value })}
              />
            )}
          </Field>
          <Field
            id="set-backend"
            label={t({ id: 'settings.backend.label', defaultMessage: 'Where faces are computed' })}
            help={t({
              id: 'settings.backend.help',
              defaultMessage:
                'Automatic picks the graphics card when it is fast on this computer, the processor otherwise. A change applies the next time Rollcall is opened (reload the page).',
            })}
          >
            {(d) => (
              <select id="set-backend" value={draft.backend} aria-describedby={d} onChange={(e) => set({ backend: e.target.value as Settings['backend'] })}>
                <option value="auto">{t({ id: 'settings.backend.auto', defaultMessage: 'Automatic' })}</option>
                <option value="webgl">{t({ id: 'settings.backend.webgl', defaultMessage: 'Graphics card (WebGL)' })}</option>
                <option value="wasm">{t({ id: 'settings.backend.wasm', defaultMessage: 'Processor (wasm)' })}</option>
              </select>
            )}
          </Field>
          <div className="setting">
            <label className="inline">
              <input type="checkbox" checked={draft.embedDecided} aria-describedby="set-embed-help" onChange={(e) => set({ embedDecided: e.target.checked })} />
              {t({ id: 'settings.embedDecided.label', defaultMessage: 'Re-check recognised faces every frame' })}
            </label>
            <p id="set-embed-help" className="hint">
              {t({
                id: 'settings.embedDecided.help',
                defaultMessage: 'Off (faster): once a face is recognised it is only followed, not identified again. On only to measure the difference.',
              })}
            </p>
          </div>
        </div>
      </details>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t({ id: 'settings.save', defaultMessage: 'Save settings' })}
        </button>
        {invalid && <Alert>{t({ id: 'settings.notSaved', defaultMessage: 'Not saved: correct the values marked above.' })}</Alert>}
        {saved && !invalid && (
          <p role="status" className="ok">
            {t({ id: 'settings.saved', defaultMessage: 'Settings saved on this device.' })}
          </p>
        )}
        <ErrorAlert error={save.error} />
      </div>
    </form>
  );
}

export function SettingsPage() {
  const stored = useSettings();
  return (
    <section aria-labelledby="settings-title">
      <div className="page-head">
        <h2 id="settings-title">{t({ id: 'settings.title', defaultMessage: 'Settings' })}</h2>
      </div>
      <LanguageSettings />
      <p className="hint">
        {t({ id: 'settings.deviceOnly', defaultMessage: 'These settings belong to this device only: each classroom laptop keeps its own.' })}
      </p>
      {stored ? <SettingsForm stored={stored} /> : <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>}
      <WipeDevice />
    </section>
  );
}
