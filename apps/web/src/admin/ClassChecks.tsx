// A group of class checkboxes (which classes a teacher teaches, which a laptop serves).
import type { CachedClass } from '../local/db.ts';

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
  if (classes.length === 0) return <p className="hint">No classes yet: add classes first on the Classes page.</p>;
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
  ids.map((id) => classes?.find((c) => c.id === id)?.name ?? 'a deleted class').join(', ') || 'no classes';
