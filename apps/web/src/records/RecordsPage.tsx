// Records: the attendance log filtered by days, class, session and student; corrections with an
// audit trail; clearing a session's log; daily statistics; registers to print; and the CSV exports
// of the filter, with the separator this locale's spreadsheet expects (or the one chosen).
import { useState } from 'react';
import { errorText } from '../ui/messages.ts';
import { ClearLog } from './ClearLog.tsx';
import { DailyChart } from './DailyChart.tsx';
import { defaultSeparator, type Separator } from '../core/csv-format.ts';
import { downloadText } from '../ui/download.ts';
import { csvFileName, marksToCsv } from '../core/export-csv.ts';
import { formatWhen } from '../ui/format.ts';
import { defaultFilter, filterProblem, studentTotals, toQuery, type RecordsFilter } from '../data/records-filter.ts';
import { MarksTable } from './MarksTable.tsx';
import { RecordsFilters } from './RecordsFilters.tsx';
import { RatesSection } from './RatesSection.tsx';
import { RegistersSection } from './RegistersSection.tsx';
import { StudentTotalsTable } from './StudentTotalsTable.tsx';
import { PAGE_SIZE, useAllMarks, useClassList, useDailyStats, useExportCsv, useMarkPage, useSessions } from './useRecords.ts';
import { Alert } from '../ui/Alert.tsx';

export function RecordsPage({ canEdit }: { canEdit: boolean }) {
  const [filter, setFilterState] = useState<RecordsFilter>(() => defaultFilter());
  const [offset, setOffset] = useState(0);
  const problem = filterProblem(filter);
  const query = toQuery(filter);
  const page = useMarkPage(query, offset, !problem);
  const all = useAllMarks(query, !problem);
  const stats = useDailyStats(query.from ?? '', query.to ?? '', filter.classId, !problem && !!query.from && !!query.to);
  const classes = useClassList();
  const sessions = useSessions(filter.classId);
  const exporter = useExportCsv();
  const [separator, setSeparator] = useState<Separator>(() => defaultSeparator());
  const [technical, setTechnical] = useState(false);

  const setFilter = (f: RecordsFilter) => (setFilterState(f), setOffset(0));
  const session = sessions.data?.items.find((s) => s.id === filter.sessionId);
  const className = classes.data?.items.find((c) => c.id === filter.classId)?.name ?? '';
  const sessionLabel = session ? `${className}, ${formatWhen(session.startsAt, 'minutes')}` : '';

  const exportCsv = () =>
    exporter.mutate(query, {
      onSuccess: (marks) =>
        downloadText(
          csvFileName(query.from, query.to),
          marksToCsv(marks, { classNames: new Map(classes.data?.items.map((c) => [c.id, c.name])), separator, technical }),
        ),
    });

  const total = page.data?.total ?? 0;
  return (
    <section aria-labelledby="records-title" className="records">
      <div className="page-head">
        <h2 id="records-title">Records</h2>
        <div className="row">
          <button type="button" className="primary" onClick={exportCsv} disabled={!!problem || exporter.isPending}>
            Export CSV
          </button>
          {canEdit && <ClearLog key={filter.sessionId} sessionId={filter.sessionId} sessionLabel={sessionLabel} />}
        </div>
      </div>
      <div className="row no-print" role="group" aria-label="Export options">
        <label className="inline">
          Separator
          <select value={separator} onChange={(e) => setSeparator(e.target.value === ';' ? ';' : ',')}>
            <option value=",">Comma (,)</option>
            <option value=";">Semicolon (;) for Excel in most of Europe</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={technical} onChange={(e) => setTechnical(e.target.checked)} /> Include technical columns (match score, device, ids)
        </label>
      </div>
      {exporter.error && <Alert>Export failed: {errorText(exporter.error)}</Alert>}
      <RecordsFilters value={filter} onChange={setFilter} />
      {problem && <Alert>{problem}</Alert>}

      <h3>Daily attendance</h3>
      {stats.error ? (
        <Alert>{errorText(stats.error)}</Alert>
      ) : !query.from || !query.to ? (
        <p className="hint">Choose both days to see the daily statistics.</p>
      ) : !stats.data ? (
        <p>Loading…</p>
      ) : stats.data.days.length === 0 ? (
        <p className="hint">No sessions or marks in this range.</p>
      ) : (
        <DailyChart stats={stats.data.days} />
      )}

      <h3>Registers</h3>
      <RegistersSection
        classId={filter.classId}
        className={className}
        from={query.from ?? ''}
        to={query.to ?? ''}
        separator={separator}
        technical={technical}
      />

      <h3>Attendance per student</h3>
      <RatesSection classId={filter.classId} from={query.from ?? ''} to={query.to ?? ''} />

      <h3>Marks</h3>
      {page.error ? (
        <Alert>{errorText(page.error)}</Alert>
      ) : !page.data ? (
        <p>Loading…</p>
      ) : total === 0 ? (
        <div className="empty">
          <p>No marks match this filter.</p>
        </div>
      ) : (
        <>
          <MarksTable marks={page.data.items} canEdit={canEdit} />
          <nav className="row pager" aria-label="Pages of marks">
            <button type="button" onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} disabled={offset === 0}>
              Previous
            </button>
            {/* While the next page loads the previous one stays on screen: the range says so instead of naming rows not shown yet. */}
            <span role="status">{page.isPlaceholderData ? 'Loading…' : `${offset + 1}–${Math.min(offset + PAGE_SIZE, total)} of ${total}`}</span>
            <button type="button" onClick={() => setOffset(offset + PAGE_SIZE)} disabled={offset + PAGE_SIZE >= total}>
              Next
            </button>
          </nav>
        </>
      )}

      <h3>Totals per student</h3>
      {all.error ? <Alert>{errorText(all.error)}</Alert> : !all.data ? <p>Loading…</p> : <StudentTotalsTable totals={studentTotals(all.data)} />}
    </section>
  );
}
