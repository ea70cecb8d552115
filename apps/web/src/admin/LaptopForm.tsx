// The one form for a laptop's name and classes: registering a new laptop, and an admin changing
// one already paired (a timetable change) without walking to it.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { CachedClass } from '../local/db.ts';
import { ClassChecks } from './ClassChecks.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

export interface LaptopFields {
  name: string;
  classIds: string[];
}

export function LaptopForm({
  label,
  classes,
  initial,
  submitText,
  pending,
  error,
  onSubmit,
  onCancel,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  classes: readonly CachedClass[];
  /** The laptop as it is; a new one starts empty, with the only class ticked where there is one. */
  initial?: LaptopFields;
  submitText: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: LaptopFields) => void;
  onCancel?: () => void;
  /** A hint shown under the buttons. */
  children?: ReactNode;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [classIds, setClassIds] = useState<string[]>(initial?.classIds ?? (classes.length === 1 ? [classes[0]!.id] : []));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name, classIds });
  };
  return (
    <form className="card" onSubmit={submit} aria-label={label}>
      <label>
        {t({ id: 'admin.laptops.name', defaultMessage: 'Laptop name' })}
        <input
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t({ id: 'admin.laptops.namePlaceholder', defaultMessage: 'Room 12 laptop' })}
          autoFocus
        />
      </label>
      <ClassChecks
        legend={t({ id: 'admin.laptops.classes', defaultMessage: 'Classes it takes attendance for' })}
        classes={classes}
        value={classIds}
        onChange={setClassIds}
      />
      <div className="row">
        <button type="submit" className="primary" disabled={pending || classIds.length === 0}>
          {submitText}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
          </button>
        )}
        {classIds.length === 0 && <span className="hint">{t({ id: 'admin.laptops.chooseClass', defaultMessage: 'Choose at least one class.' })}</span>}
      </div>
      {children}
      <ErrorAlert error={error} />
    </form>
  );
}
