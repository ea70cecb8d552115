// The fields of a consent record (status, who gave or refused it, note), shared by the student's
// page and the class list.
import { type ConsentChange, type ConsentOnBehalfOf, type ConsentStatus } from '@rollcall/contracts';
import { CONSENT_TEXT, ON_BEHALF_TEXT } from '../core/camera-free.ts';
import { t } from '../core/i18n.ts';

export interface ConsentDraft {
  status: ConsentStatus;
  onBehalfOf: ConsentOnBehalfOf;
  note: string;
}

export const toChange = (d: ConsentDraft): ConsentChange => ({ status: d.status, onBehalfOf: d.onBehalfOf, note: d.note.trim() || null });

export function ConsentFields({ value, onChange, statuses }: { value: ConsentDraft; onChange: (d: ConsentDraft) => void; statuses: readonly ConsentStatus[] }) {
  return (
    <>
      <label>
        {t({ id: 'ui.consentFields.consent', defaultMessage: 'Consent' })}
        <select value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as ConsentStatus })}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {CONSENT_TEXT[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t({ id: 'ui.consentFields.onBehalfOf', defaultMessage: 'Given or refused by' })}
        <select value={value.onBehalfOf} onChange={(e) => onChange({ ...value, onBehalfOf: e.target.value as ConsentOnBehalfOf })}>
          {(Object.keys(ON_BEHALF_TEXT) as ConsentOnBehalfOf[]).map((k) => (
            <option key={k} value={k}>
              {ON_BEHALF_TEXT[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t({ id: 'ui.consentFields.note', defaultMessage: 'Note or paper form reference' })}
        <input
          value={value.note}
          onChange={(e) => onChange({ ...value, note: e.target.value })}
          maxLength={500}
          placeholder={t({ id: 'ui.consentFields.notePlaceholder', defaultMessage: 'e.g. form 2026/114, office file' })}
        />
      </label>
    </>
  );
}
