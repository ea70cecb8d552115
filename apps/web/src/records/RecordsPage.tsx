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
import { t } from '../core/i18n.ts';

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
  const sessionLabel = session
    ? t({ id: 'records.registers.title', defaultMessage: '{className}, {when}' }, { className, when: formatWhen(session.startsAt, 'minutes') })
    : '';

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
        <h2 id="records-title">{t({ id: 'records.page.title', defaultMessage: 'Records' })}</h2>
        <div className="row">
          <button type="button" className="primary" onClick={exportCsv} disabled={!!problem || exporter.isPending}>
            {t({ id: 'records.page.export', defaultMessage: 'Export CSV' })}
          </button>
          {canEdit && <ClearLog key={filter.sessionId} sessionId={filter.sessionId} sessionLabel={sessionLabel} />}
        </div>
      </div>
      <div className="row no-print" role="group" aria-label={t({ id: 'records.page.exportOptions', defaultMessage: 'Export options' })}>
        <label className="inline">
          {t({ id: 'records.page.separator', defaultMessage: 'Separator' })}
          <select value={separator} onChange={(e) => setSeparator(e.target.value === ';' ? ';' : ',')}>
            <option value=",">{t({ id: 'records.page.comma', defaultMessage: 'Comma (,)' })}</option>
            <option value=";">{t({ id: 'records.page.semicolon', defaultMessage: 'Semicolon (;) for Excel in most of Europe' })}</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={technical} onChange={(e) => setTechnical(e.target.checked)} />{' '}
          {t({ id: 'records.page.technical', defaultMessage: 'Include technical columns (match score, device, ids)' })}
        </label>
      </div>
      {exporter.error && (
        <Alert>{t({ id: 'records.page.exportFailed', defaultMessage: 'Export failed: {error}' }, { error: errorText(exporter.error) })}</Alert>
      )}
      <RecordsFilters value={filter} onChange={setFilter} />
      {problem && <Alert>{problem}</Alert>}

      <h3>{t({ id: 'records.chart.tableLabel', defaultMessage: 'Daily attendance' })}</h3>
      {stats.error ? (
        <Alert>{errorText(stats.error)}</Alert>
      ) : !query.from || !query.to ? (
        <p className="hint">{t({ id: 'records.page.chooseDays', defaultMessage: 'Choose both days to see the daily statistics.' })}</p>
      ) : !stats.data ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : stats.data.days.length === 0 ? (
        <p className="hint">{t({ id: 'records.page.noStats', defaultMessage: 'No sessions or marks in this range.' })}</p>
      ) : (
        <DailyChart stats={stats.data.days} />
      )}

      <h3>{t({ id: 'records.page.registers', defaultMessage: 'Registers' })}</h3>
      <RegistersSection
        classId={filter.classId}
        className={className}
        from={query.from ?? ''}
        to={query.to ?? ''}
        separator={separator}
        technical={technical}
      />

      <h3>{t({ id: 'records.rates.title', defaultMessage: 'Attendance per student' })}</h3>
      <RatesSection classId={filter.classId} from={query.from ?? ''} to={query.to ?? ''} />

      <h3>{t({ id: 'records.marks.title', defaultMessage: 'Marks' })}</h3>
      {page.error ? (
        <Alert>{errorText(page.error)}</Alert>
      ) : !page.data ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : total === 0 ? (
        <div className="empty">
          <p>{t({ id: 'records.page.noMarks', defaultMessage: 'No marks match this filter.' })}</p>
        </div>
      ) : (
        <>
          <MarksTable marks={page.data.items} canEdit={canEdit} />
          <nav className="row pager" aria-label={t({ id: 'records.page.pages', defaultMessage: 'Pages of marks' })}>
            <button type="button" onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} disabled={offset === 0}>
              {t({ id: 'records.page.previous', defaultMessage: 'Previous' })}
            </button>
            {/* While the next page loads the previous one stays on screen: the range says so instead of naming rows not shown yet. */}
            <span role="status">
              {page.isPlaceholderData
                ? t({ id: 'common.loading', defaultMessage: 'Loading…' })
                : t(
                    { id: 'records.page.range', defaultMessage: '{first}–{last} of {total}' },
                    { first: offset + 1, last: Math.min(offset + PAGE_SIZE, total), total },
                  )}
            </span>
            <button type="button" onClick={() => setOffset(offset + PAGE_SIZE)} disabled={offset + PAGE_SIZE >= total}>
              {t({ id: 'records.page.next', defaultMessage: 'Next' })}
            </button>
          </nav>
        </>
      )}

      <h3>{t({ id: 'records.totals.title', defaultMessage: 'Totals per student' })}</h3>
      {all.error ? (
        <Alert>{errorText(all.error)}</Alert>
      ) : !all.data ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : (
        <StudentTotalsTable totals={studentTotals(all.data)} />
      )}
    </section>
  );
}
