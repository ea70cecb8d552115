// The Settings page's checks: the stored schema falls back to defaults on read, but a value a
// person types must be refused with a reason instead, so the form validates strictly.
import { z } from 'zod';
import { Settings } from '../core/settings.ts';
import { issueMessage } from '@rollcall/i18n';
import { t, translator } from '../core/i18n.ts';

const strict = z.object({
  threshold: Settings.shape.threshold.unwrap(),
  margin: Settings.shape.margin.unwrap(),
  consensusFrames: Settings.shape.consensusFrames.unwrap(),
  cooldownSeconds: Settings.shape.cooldownSeconds.unwrap(),
  liveness: Settings.shape.liveness.unwrap(),
  requireBlink: Settings.shape.requireBlink.unwrap(),
  unsureTexture: Settings.shape.unsureTexture.unwrap(),
  cameraId: Settings.shape.cameraId.unwrap(),
  resolution: Settings.shape.resolution.unwrap(),
  embedDecided: Settings.shape.embedDecided.unwrap(),
  backend: Settings.shape.backend.unwrap(),
});

/** What the inputs hold: numbers as typed text, so "0,9" or "" can be refused rather than guessed. */
export type SettingsDraft = Omit<Settings, 'threshold' | 'margin' | 'consensusFrames' | 'cooldownSeconds'> & {
  threshold: string;
  margin: string;
  consensusFrames: string;
  cooldownSeconds: string;
};

export const toDraft = (s: Settings): SettingsDraft => ({
  ...s,
  threshold: String(s.threshold),
  margin: String(s.margin),
  consensusFrames: String(s.consensusFrames),
  cooldownSeconds: String(s.cooldownSeconds),
});

const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

export type DraftErrors = Partial<Record<keyof Settings, string>>;

export function validateDraft(d: SettingsDraft): { ok: true; value: Settings } | { ok: false; errors: DraftErrors } {
  const parsed = strict.safeParse({
    ...d,
    threshold: num(d.threshold),
    margin: num(d.margin),
    consensusFrames: num(d.consensusFrames),
    cooldownSeconds: num(d.cooldownSeconds),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof Settings;
    errors[key] ??= rangeError(key) ?? issueMessage(translator(), issue);
  }
  return { ok: false, errors };
}

/** Errors in words a teacher reads, kept beside the limits they describe (written as the field takes them: "0.5", whatever the language). */
function rangeError(key: keyof Settings): string | undefined {
  switch (key) {
    case 'threshold':
      return t({ id: 'settings.error.numberRange', defaultMessage: 'Enter a number from {min} to {max}.' }, { min: '0.5', max: '1' });
    case 'margin':
      return t({ id: 'settings.error.numberRange', defaultMessage: 'Enter a number from {min} to {max}.' }, { min: '0', max: '0.5' });
    case 'consensusFrames':
      return t({ id: 'settings.error.consensusFrames', defaultMessage: 'Enter a whole number from {min} to {max}.' }, { min: 1, max: 30 });
    case 'cooldownSeconds':
      return t({ id: 'settings.error.cooldownSeconds', defaultMessage: 'Enter a whole number of seconds from {min} to {max}.' }, { min: 0, max: 3600 });
    default:
      return undefined;
  }
}
