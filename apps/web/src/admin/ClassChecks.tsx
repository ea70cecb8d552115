// A group of class checkboxes (which classes a teacher teaches, which a laptop serves).
import type { CachedClass } from '../local/db.ts';
import { t, translator } from '../core/i18n.ts';

export function ClassChecks({
  legend,
  classes,
  value,
  onChange,
}: {
  legend: string;
  classes: readonly CachedClass[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  if (classes.length === 0)
    return <p className="hint">{t({ id: 'admin.classChecks.none', defaultMessage: 'No classes yet: add classes first on the Classes page.' })}</p>;
  return (
    <fieldset className="class-checks">
      <legend>{legend}</legend>
      {classes.map((c) => (
        <label key={c.id} className="inline">
          <input
            type="checkbox"
            checked={value.includes(c.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, c.id] : value.filter((id) => id !== c.id))}
          />{' '}
          {c.name}
        </label>
      ))}
    </fieldset>
  );
}

export const classNames = (classes: readonly CachedClass[] | undefined, ids: readonly string[]): string =>
  ids.length === 0
    ? t({ id: 'admin.classNames.none', defaultMessage: 'no classes' })
    : translator().intl.formatList(
        ids.map((id) => classes?.find((c) => c.id === id)?.name ?? t({ id: 'admin.classNames.deleted', defaultMessage: 'a deleted class' })),
        { type: 'unit', style: 'short' },
      );
