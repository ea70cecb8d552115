// Choosing a class's students by search: type part of a name or ID, add from the matches, and
// see (and remove from) the chosen list. Only matches are drawn, so a school of 500 stays quick,
// and Enter adds the only match without leaving the keyboard.
import { useId, useRef, useState } from 'react';
import { matchStudents, type Pickable } from './roster-search.ts';
import { compareNames, t } from '../core/i18n.ts';

const SHOWN = 20;

const removeLabel = (name: string) => t({ id: 'classes.picker.removeNamed', defaultMessage: 'Remove {name}' }, { name });

export function RosterPicker({
  students,
  chosen,
  onChange,
}: {
  students: readonly Pickable[];
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  const [query, setQuery] = useState('');
  const id = useId();
  const searchBox = useRef<HTMLInputElement>(null);
  const matches = matchStudents(students, query);
  const byId = new Map(students.map((s) => [s.studentId, s]));
  const picked = [...chosen].map((sid) => byId.get(sid) ?? { studentId: sid, name: sid }).sort((a, b) => compareNames(a.name, b.name));

  const add = (sid: string) => onChange(new Set(chosen).add(sid));
  const remove = (sid: string) => {
    const next = new Set(chosen);
    next.delete(sid);
    onChange(next);
  };
  const onEnter = () => {
    const open = matches.filter((s) => !chosen.has(s.studentId));
    if (open.length === 1) {
      add(open[0]!.studentId);
      setQuery('');
    }
  };

  return (
    <div className="roster-picker">
      <label>
        {t({ id: 'classes.picker.find', defaultMessage: 'Find a student to add' })}
        <input
          ref={searchBox}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onEnter();
            }
          }}
          placeholder={t({ id: 'classes.picker.placeholder', defaultMessage: 'Name or student ID' })}
          aria-describedby={`${id}-found`}
        />
      </label>
      <p id={`${id}-found`} className="hint" role="status">
        {query.trim() === ''
          ? t(
              { id: 'classes.picker.hint', defaultMessage: 'Type a name or ID. {count, plural, one {# student} other {# students}} in the school.' },
              { count: students.length },
            )
          : matches.length === 0
            ? t({ id: 'classes.picker.noMatch', defaultMessage: 'No student matches “{query}”.' }, { query: query.trim() })
            : matches.length > SHOWN
              ? t(
                  { id: 'classes.picker.tooMany', defaultMessage: '{count} matches; showing the first {shown}. Type more of the name.' },
                  { count: matches.length, shown: SHOWN },
                )
              : t({ id: 'classes.picker.matches', defaultMessage: '{count, plural, one {# match} other {# matches}}.' }, { count: matches.length })}
      </p>
      {matches.length > 0 && (
        <ul className="plain picker-list" aria-label={t({ id: 'classes.picker.matchesLabel', defaultMessage: 'Matching students' })}>
          {matches.slice(0, SHOWN).map((s) => (
            <li key={s.studentId}>
              <span>
                {s.name} <span className="muted">({s.studentId})</span>
              </span>
              {chosen.has(s.studentId) ? (
                <button type="button" className="small" onClick={() => remove(s.studentId)} aria-label={removeLabel(s.name)}>
                  {t({ id: 'common.remove', defaultMessage: 'Remove' })}
                </button>
              ) : (
                <button
                  type="button"
                  className="small"
                  onClick={() => add(s.studentId)}
                  aria-label={t({ id: 'classes.picker.addNamed', defaultMessage: 'Add {name}' }, { name: s.name })}
                >
                  {t({ id: 'common.add', defaultMessage: 'Add' })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h4 id={`${id}-chosen`}>
        {t({ id: 'classes.picker.chosen', defaultMessage: 'Chosen: {count, plural, one {# student} other {# students}}' }, { count: picked.length })}
      </h4>
      {picked.length === 0 ? (
        <p className="hint">{t({ id: 'classes.picker.nobody', defaultMessage: 'Nobody yet.' })}</p>
      ) : (
        <ul className="plain picker-list" aria-labelledby={`${id}-chosen`}>
          {picked.map((s) => (
            <li key={s.studentId}>
              <span>
                {s.name} <span className="muted">({s.studentId})</span>
              </span>
              <button
                type="button"
                className="small"
                onClick={() => {
                  remove(s.studentId);
                  // The row and its button go: keep the keyboard where the next choice starts, ready to type over.
                  searchBox.current?.focus();
                  searchBox.current?.select();
                }}
                aria-label={removeLabel(s.name)}
              >
                {t({ id: 'common.remove', defaultMessage: 'Remove' })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
