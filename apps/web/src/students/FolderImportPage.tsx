// Folder import in the browser: a folder laid out as <StudentID>_<Name>/*.jpg (the old system's
// dataset), each photo analysed here, with per-photo results and a progress bar. Re-running it
// adds nothing twice: the server knows each photo by its content hash. A student without consent
// to use their face is listed and skipped (their photos are not even analysed); the rest go on.
import { useState } from 'react';
import type { NewEmbedding } from '@rollcall/contracts';
import { postEmbeddings } from '@rollcall/contracts';
import { api, ApiClientError, call } from '../api/client.ts';
import { services } from '../core/services.ts';
import { loadFaceEngine } from '../face/face-service.ts';
import { consentRequiredText, errorText } from '../ui/messages.ts';
import { analysePhoto } from './enrol.ts';
import { refusedWhy, unreadableWhy } from './photo-verdict.ts';
import { planFolderImport, type FolderPlan } from './folder-import.ts';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

interface PhotoLine {
  path: string;
  verdict: string;
  ok: boolean;
}

export function FolderImportPage() {
  const [plan, setPlan] = useState<FolderPlan<File> | null>(null);
  const [done, setDone] = useState(0);
  const [lines, setLines] = useState<PhotoLine[]>([]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const total = plan?.students.reduce((n, s) => n + s.files.length, 0) ?? 0;

  const choose = (files: FileList | null) => {
    setLines([]);
    setDone(0);
    setPlan(planFolderImport([...(files ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file }))));
  };

  const run = async () => {
    if (!plan) return;
    setRunning(true);
    setError(null);
    try {
      const engine = await loadFaceEngine();
      for (const s of plan.students) {
        try {
          await call('createStudent', { body: { studentId: s.studentId, name: s.name } });
        } catch (err) {
          if (!(err instanceof ApiClientError && err.code === 'duplicate-student-id')) throw err;
        }
        const found = await call('getStudent', { params: { studentId: s.studentId } });
        if (found.cameraFree) {
          setLines((l) => [...l, { path: s.folder, ok: false, verdict: consentRequiredText({ studentId: s.studentId, status: found.consent }) }]);
          setDone((d) => d + s.files.length);
          continue;
        }
        const accepted: { path: string; embedding: NewEmbedding }[] = [];
        for (const file of s.files) {
          const path = `${s.folder}/${file.name}`;
          const r = await analysePhoto(engine, file, file.name);
          if (r.embedding) accepted.push({ path, embedding: r.embedding });
          else {
            const verdict =
              r.status === 'error' ? t({ id: 'students.folder.cannotRead', defaultMessage: 'cannot read: {why}' }, { why: unreadableWhy(r) }) : refusedWhy(r);
            setLines((l) => [...l, { path, ok: false, verdict }]);
          }
          setDone((d) => d + 1);
        }
        if (accepted.length) {
          let results;
          try {
            // More accepted photos than one request may carry are posted in chunks.
            results = await postEmbeddings(
              api.addEmbeddings,
              s.studentId,
              accepted.map((a) => a.embedding),
            );
          } catch (err) {
            // Consent withdrawn while the photos were analysed: report the student, go on.
            if (!(err instanceof ApiClientError && err.code === 'consent-required')) throw err;
            setLines((l) => [...l, { path: s.folder, ok: false, verdict: consentRequiredText(err.details) }]);
            continue;
          }
          setLines((l) => [
            ...l,
            ...accepted.map((a, i) => ({
              path: a.path,
              ok: true,
              verdict:
                results[i]?.status === 'duplicate'
                  ? t({ id: 'students.folder.duplicate', defaultMessage: 'already enrolled (unchanged)' })
                  : t({ id: 'students.folder.enrolled', defaultMessage: 'enrolled' }),
            })),
          ]);
        }
      }
      await services.sync.syncNow();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section aria-labelledby="folder-title">
      <h2 id="folder-title">{t({ id: 'students.folder.title', defaultMessage: 'Import a folder of photos' })}</h2>
      <p className="hint">
        {t({
          id: 'students.folder.hint',
          defaultMessage:
            "Choose the folder that holds one sub-folder per student, named like S001_John_Smith, with that student's photos inside. Photos stay on this computer.",
        })}
      </p>
      <label>
        {t({ id: 'students.folder.choose', defaultMessage: 'Photo folder' })}
        {/* @ts-expect-error webkitdirectory is not in React's types but every browser supports it */}
        <input type="file" webkitdirectory="" multiple onChange={(e) => choose(e.target.files)} />
      </label>
      {plan && (
        <div className="card">
          <p role="status">
            {t(
              {
                id: 'students.folder.plan',
                defaultMessage:
                  '{students, plural, one {# student} other {# students}}, {photos, plural, one {# photo} other {# photos}}{skipped, plural, =0 {} one {; # file skipped} other {; # files skipped}}.',
              },
              { students: plan.students.length, photos: total, skipped: plan.skipped.length },
            )}
          </p>
          {plan.skipped.length > 0 && (
            <ul aria-label={t({ id: 'students.folder.skipped', defaultMessage: 'Skipped files' })}>
              {plan.skipped.map((s) => (
                <li key={s.path}>
                  {s.path}: {s.reason}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="primary" disabled={running || total === 0} onClick={() => void run()}>
            {t({ id: 'students.folder.import', defaultMessage: 'Import photos' })}
          </button>
          {(running || done > 0) && <progress max={total} value={done} aria-label={t({ id: 'students.folder.progress', defaultMessage: 'Photos analysed' })} />}
          {error && <Alert>{error}</Alert>}
          {lines.length > 0 && (
            <ul className="results" aria-label={t({ id: 'students.folder.results', defaultMessage: 'Photo results' })}>
              {lines.map((l) => (
                <li key={l.path} className={l.ok ? 'ok' : 'bad'}>
                  {l.path}: {l.verdict}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
