// The language choices, most personal first: mine (signed-in people, kept with the account and
// followed on every device), this device's (kept in this browser), and the school's default
// (admins; for people whose browser asks for no language Rollcall speaks). Each language is
// named in itself, so a person finds their own whatever the page speaks now.
import { useState } from 'react';
import { nativeName } from '@rollcall/i18n';
import { LANGUAGES, t } from '../core/i18n.ts';
import { chooseDeviceLanguage, deviceLanguage } from '../core/language-choice.ts';
import { useAuth } from '../core/useAuth.ts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { useSaveMyLanguage, useSaveSchoolLanguage } from './useLanguageSettings.ts';

function LanguageSelect({
  id,
  label,
  help,
  unset,
  value,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  help: string;
  unset: string;
  value: string | null;
  disabled?: boolean;
  onChange: (tag: string | null) => void;
}) {
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} disabled={disabled} aria-describedby={`${id}-help`} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{unset}</option>
        {LANGUAGES.map((tag) => (
          <option key={tag} value={tag} lang={tag}>
            {nativeName(tag)}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="hint">
        {help}
      </p>
    </div>
  );
}

export function LanguageSettings() {
  const auth = useAuth();
  const me = auth.status === 'signed-in' ? auth.me : null;
  const user = me?.actor.kind === 'user' ? me.actor.user : null;
  const [device, setDevice] = useState(deviceLanguage);
  const mine = useSaveMyLanguage();
  const school = useSaveSchoolLanguage();

  return (
    <section className="card language-settings" aria-labelledby="language-title">
      <h3 id="language-title">{t({ id: 'settings.language.title', defaultMessage: 'Language' })}</h3>
      <div className="grid-3">
        {user && (
          <LanguageSelect
            id="set-my-language"
            label={t({ id: 'settings.language.mine', defaultMessage: 'My language' })}
            help={t({ id: 'settings.language.mineHelp', defaultMessage: 'Yours on every device you sign in on.' })}
            unset={t({ id: 'settings.language.mineUnset', defaultMessage: 'As this device' })}
            value={user.language}
            disabled={mine.isPending}
            onChange={(tag) => mine.mutate(tag)}
          />
        )}
        <LanguageSelect
          id="set-device-language"
          label={t({ id: 'settings.language.device', defaultMessage: 'Language of this device' })}
          help={t({ id: 'settings.language.deviceHelp', defaultMessage: 'For everyone using this browser who has not chosen their own.' })}
          unset={t({ id: 'settings.language.deviceUnset', defaultMessage: 'As this browser asks' })}
          value={device}
          onChange={(tag) => (setDevice(tag), void chooseDeviceLanguage(tag))}
        />
        {user?.role === 'admin' && (
          <LanguageSelect
            id="set-school-language"
            label={t({ id: 'settings.language.school', defaultMessage: "School's default language" })}
            help={t({ id: 'settings.language.schoolHelp', defaultMessage: 'For people whose browser asks for no language Rollcall speaks.' })}
            unset={t({ id: 'settings.language.schoolUnset', defaultMessage: 'English (none chosen)' })}
            value={me?.schoolLanguage ?? null}
            disabled={school.isPending}
            onChange={(tag) => school.mutate(tag)}
          />
        )}
      </div>
      <ErrorAlert error={mine.error ?? school.error} />
    </section>
  );
}
