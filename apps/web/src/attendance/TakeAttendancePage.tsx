// Take attendance: choose the class (its running session, or today), start the camera, start
// recognition; students are marked as they walk in, uncertain faces wait for review, and the
// live log shows every mark, including other laptops'.
import { useMemo, useRef, useState } from 'react';
import { useCachedClasses, useCachedStudents } from '../data/local.ts';
import { useCamera } from '../camera/useCamera.ts';
import { useObservable } from '../core/store.ts';
import { faceStatus } from '../face/face-service.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { useSaveSettings, useSettings } from '../core/useSettings.ts';
import { LiveLog } from './LiveLog.tsx';
import { PresentationCount } from './PresentationCount.tsx';
import { useLiveLog } from './useLiveLog.ts';
import { useLearner } from './useLearner.ts';
import { useRecognition } from './useRecognition.ts';
import { useAuth } from '../core/useAuth.ts';
import { RegisterPanel } from './register/RegisterPanel.tsx';
import { SessionBar } from './register/SessionBar.tsx';
import { PeriodLine } from './period/PeriodLine.tsx';
import { useRegister } from './register/useRegister.ts';
import { shownSessionId } from './register/shown-session.ts';
import { useKeptRegister } from './register/useKeptRegister.ts';
import { useClassChoice, useSession } from './register/useSession.ts';
import { ReviewQueue } from './review/ReviewQueue.tsx';
import { faceRoster, isCameraFree } from '../core/camera-free.ts';
import { useReviewQueue } from './review/useReviewQueue.ts';
import { Alert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';
import { formatNumber } from '../ui/format.ts';

/** One empty list while the cache loads, so the memos below do not recompute every render. */
const NONE: never[] = [];

/** A measurement for the speed line, with a fixed number of decimals in the current language. */
const decimals = (n: number, digits: number) => formatNumber(n, { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function TakeAttendancePage() {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const settings = useSettings() ?? DEFAULT_SETTINGS;
  const saveSettings = useSaveSettings();
  const classes = useCachedClasses() ?? NONE;
  const students = useCachedStudents('') ?? NONE;
  const face = useObservable(faceStatus);
  const [classId, setClassId] = useClassChoice(useMemo(() => classes.map((c) => c.id), [classes]));
  const auth = useAuth();
  const [active, setActive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const camera = useCamera(video);
  const kept = useKeptRegister(classId || null);
  const { session: current, loading: sessionLoading, unreachable } = useSession(classId || null, kept);
  const session = current?.active ? current : null;
  const sessionId = session?.id ?? null;
  // With none running, the session just ended stays on screen as its final register.
  const register = useRegister(sessionLoading ? null : shownSessionId(session, kept, new Date()), kept);
  const ended = !session && register.session ? register.session : null;
  const cls = classes.find((c) => c.id === classId) ?? null;
  const names = useMemo(() => new Map(students.map((s) => [s.studentId, s.name])), [students]);
  // Camera-free students (no consent) are left out of what the camera may match or suggest.
  const roster = useMemo(() => faceRoster(cls ? new Set(cls.studentIds) : null, students), [cls, students]);
  const cameraFree = useMemo(() => new Set(students.filter(isCameraFree).map((s) => s.studentId)), [students]);
  // Computed once per roster, not on every frame's stats update.
  const reviewStudents = useMemo(() => students.filter((s) => !cls || cls.studentIds.includes(s.studentId)), [students, cls]);
  const log = useLiveLog(classId || null, sessionId, names);
  const alreadyMarked = useMemo(
    () => [
      ...log.filter((r) => !r.failed).map((r) => r.studentId),
      ...(register.view?.rows.filter((r) => r.status !== 'not-seen').map((r) => r.studentId) ?? []),
    ],
    [log, register.view],
  );
  const learner = useLearner();
  const stats = useRecognition({
    video,
    canvas,
    active,
    settings,
    sessionId,
    classId: classId || null,
    roster,
    names,
    alreadyMarked,
    learner,
    onError: setError,
  });
  const review = useReviewQueue({ sessionId, classId: classId || null, learner });
  const statusOf = (id: string) => register.view?.rows.find((r) => r.studentId === id)?.status ?? (alreadyMarked.includes(id) ? 'present' : undefined);

  const stop = () => {
    setActive(false);
    camera.stop();
  };

  return (
    <section aria-labelledby="attendance-title" className="attendance">
      <h2 id="attendance-title">{t({ id: 'attendance.page.title', defaultMessage: 'Take attendance' })}</h2>
      <div className="row">
        <label>
          {t({ id: 'attendance.page.class', defaultMessage: 'Class' })}
          <select value={classId} onChange={(e) => setClassId(e.target.value)} disabled={active}>
            <option value="">{t({ id: 'attendance.page.allStudents', defaultMessage: 'All students (today)' })}</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PeriodLine classId={classId || null} onClass={setClassId} />
      <SessionBar
        classId={classId || null}
        session={session}
        loading={sessionLoading}
        ended={ended}
        unreachable={unreachable}
        canManage={auth.status === 'signed-in'}
        notSeen={register.view?.rows.filter((r) => r.onRoster && r.status === 'not-seen').map((r) => r.name) ?? []}
      />
      <div className="row">
        <label>
          {t({ id: 'attendance.page.camera', defaultMessage: 'Camera' })}
          <select value={settings.cameraId} onChange={(e) => saveSettings.mutate({ cameraId: e.target.value })}>
            <option value="">{t({ id: 'attendance.page.defaultCamera', defaultMessage: 'Default camera' })}</option>
            {camera.devices.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t({ id: 'attendance.page.cameraNumber', defaultMessage: 'Camera {number}' }, { number: i + 1 })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t({ id: 'attendance.page.resolution', defaultMessage: 'Resolution' })}
          <select value={settings.resolution} onChange={(e) => saveSettings.mutate({ resolution: e.target.value as typeof settings.resolution })}>
            <option value="640x480">640 × 480</option>
            <option value="1280x720">1280 × 720</option>
            <option value="1920x1080">1920 × 1080</option>
          </select>
        </label>
        <button type="button" onClick={() => void camera.start(settings.cameraId, settings.resolution)} disabled={camera.running}>
          {t({ id: 'attendance.page.startCamera', defaultMessage: 'Start camera' })}
        </button>
        <button type="button" className="primary" onClick={() => (setError(null), setActive(true))} disabled={!camera.running || active}>
          {t({ id: 'attendance.page.startRecognition', defaultMessage: 'Start recognition' })}
        </button>
        <button type="button" onClick={stop} disabled={!camera.running && !active}>
          {t({ id: 'attendance.page.stop', defaultMessage: 'Stop' })}
        </button>
      </div>
      {(camera.error ?? error) && <Alert>{camera.error ?? error}</Alert>}
      <div className="attendance-grid">
        <div>
          <div className="camera-view">
            <video ref={video} muted playsInline aria-label={t({ id: 'attendance.page.camera', defaultMessage: 'Camera' })} />
            <canvas ref={canvas} aria-hidden="true" />
          </div>
          <p className="hint">
            {active
              ? t(
                  { id: 'attendance.page.recognising', defaultMessage: 'Recognising · {faces, plural, one {# face} other {# faces}} in view' },
                  { faces: stats.faces },
                )
              : t({ id: 'attendance.page.recognitionStopped', defaultMessage: 'Recognition stopped' })}
          </p>
          <details className="details">
            <summary>{t({ id: 'attendance.page.details', defaultMessage: 'Details' })}</summary>
            <p className="hint" aria-label={t({ id: 'attendance.page.speedLabel', defaultMessage: 'Recognition speed' })}>
              {active
                ? t(
                    {
                      id: 'attendance.page.speed',
                      defaultMessage:
                        '{frames, plural, one {# frame} other {# frames}} · {fps} frames/s · detect {detectMs} ms · embed {embedMs} ms · match {matchMs} ms · {faces, plural, one {# face} other {# faces}}, {embedded} embedded',
                    },
                    {
                      frames: stats.frames,
                      fps: decimals(stats.fps, 1),
                      detectMs: decimals(stats.detectMs, 0),
                      embedMs: decimals(stats.embedMs, 0),
                      matchMs: decimals(stats.matchMs, 1),
                      faces: stats.faces,
                      embedded: stats.embedded,
                    },
                  )
                : t({ id: 'attendance.page.recognitionStopped', defaultMessage: 'Recognition stopped' })}{' '}
              {face.backend === 'cpu'
                ? t({ id: 'attendance.page.backendCpu', defaultMessage: '· backend cpu (slow: the browser fell back to the cpu backend)' })
                : t({ id: 'attendance.page.backend', defaultMessage: '· backend {backend}' }, { backend: face.backend ?? '…' })}
            </p>
          </details>
        </div>
        <div>
          {(sessionId || ended) && (
            <RegisterPanel
              view={register.view}
              error={register.error}
              cameraFree={cameraFree}
              copySavedAt={register.copySavedAt}
              final={!!ended}
              onMark={(id, status, reason) => void register.mark(id, status, reason).catch((e: unknown) => setError(String(e)))}
            />
          )}
          <LiveLog rows={log} />
          <PresentationCount sessionId={sessionId} />
          <ReviewQueue
            items={review.items}
            students={reviewStudents}
            names={names}
            statusOf={statusOf}
            onConfirm={(item, studentId) => void review.confirm(item, studentId, statusOf(studentId))}
            onDismiss={(item) => review.dismiss(item.id)}
          />
        </div>
      </div>
    </section>
  );
}
