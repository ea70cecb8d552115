// Add a student or enrol more photos for one: details, photos by upload, drag and drop or camera,
// each analysed in the browser with its verdict, a look-alike warning, then save.
import { postEmbeddings } from '@rollcall/contracts';
import { useState, type DragEvent, type FormEvent } from 'react';
import type { ConsentOnBehalfOf, ConsentStatus } from '@rollcall/contracts';
import { navigate } from '../core/router.ts';
import { isCameraFree } from '../core/camera-free.ts';
import { useAddEmbeddings, useCreateStudent, useSetConsent, useUpdateStudent } from '../data/remote.ts';
import { usePhotoVectors, type RosterStudent } from '../data/local.ts';
import { enrolmentStrength, GOOD_VIEWS } from '@rollcall/recognition';
import { errorText } from '../ui/messages.ts';
import { CameraCapture } from './CameraCapture.tsx';
import { PhotoCard } from './PhotoCard.tsx';
import { usePhotoAnalysis } from './usePhotoAnalysis.ts';
import { Alert } from '../ui/Alert.tsx';
import { t, translator, tx } from '../core/i18n.ts';
import { adviceText } from './strength-text.ts';
import { formatNumber } from '../ui/format.ts';

type NewConsent = 'not-asked' | 'granted-parent' | 'granted-student' | 'refused';
const NEW_CONSENT: Record<NewConsent, [ConsentStatus, ConsentOnBehalfOf]> = {
  'not-asked': ['not-asked', 'parent'],
  'granted-parent': ['granted', 'parent'],
  'granted-student': ['granted', 'student'],
  refused: ['refused', 'parent'],
};

export function StudentForm({ existing, names }: { existing: RosterStudent | null; names: Map<string, string> }) {
  const [studentId, setStudentId] = useState(existing?.studentId ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [email, setEmail] = useState(existing?.email ?? '');
  const [camera, setCamera] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const photos = usePhotoAnalysis(existing?.studentId ?? (studentId || null));
  const create = useCreateStudent();
  const update = useUpdateStudent();
  const addEmbeddings = useAddEmbeddings();
  const setConsent = useSetConsent();
  // A new student's consent is recorded with them (from the paper form), before any photo is sent.
  const [consent, setConsentChoice] = useState<NewConsent>('not-asked');
  const blocked = existing !== null && isCameraFree(existing);

  // The set as it will be after saving: stored photos and the accepted new ones, near-copies counted once.
  const stored = usePhotoVectors(existing?.studentId ?? null);
  const strength = enrolmentStrength([...stored, ...photos.accepted.flatMap((a) => (a.result?.vector ? [a.result.vector] : []))]);
  const goodTotal = strength.photos;
  const needsConfirm = photos.lookAlikes.length > 0 && !confirmed;

  const lookAlikeText = (l: { studentId: string; score: number }) => {
    const other = names.get(l.studentId);
    const score = formatNumber(l.score, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    return other
      ? t({ id: 'students.form.lookAlikeNamed', defaultMessage: '{studentId} ({name}) at {score}' }, { studentId: l.studentId, name: other, score })
      : t({ id: 'students.form.lookAlikeId', defaultMessage: '{studentId} at {score}' }, { studentId: l.studentId, score });
  };

  const onFiles = (files: FileList | File[] | null) => {
    const list = [...(files ?? [])].filter((f) => f.type.startsWith('image/') || /\.(jpe?g|png|gif|webp|bmp)$/i.test(f.name));
    if (list.length) photos.add(list.map((f) => ({ file: f, name: f.name })));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    onFiles(e.dataTransfer.files);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const id = existing?.studentId ?? studentId.trim();
      if (!existing) {
        await create.mutateAsync({ body: { studentId: id, name, email: email || null } });
        const [status, onBehalfOf] = NEW_CONSENT[consent];
        if (status !== 'not-asked')
          await setConsent.mutateAsync({ params: { studentId: id }, body: { status, onBehalfOf, note: 'recorded when the student was added' } });
      } else if (name !== existing.name || (email || null) !== existing.email)
        await update.mutateAsync({ params: { studentId: id }, body: { name, email: email || null } });
      const embeddings = photos.accepted.map((a) => a.result!.embedding!);
      await postEmbeddings((args) => addEmbeddings.mutateAsync(args), id, embeddings);
      navigate({ page: 'students' });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="card student-form"
      onSubmit={save}
      aria-label={
        existing
          ? t({ id: 'students.list.editName', defaultMessage: 'Edit {name}' }, { name: existing.name })
          : t({ id: 'students.list.add', defaultMessage: 'Add student' })
      }
    >
      <div className="grid-3">
        <label>
          {t({ id: 'students.column.studentId', defaultMessage: 'Student ID' })}
          <input
            value={studentId}
            onChange={(e) => setStudentId(e.target.value)}
            required
            disabled={!!existing}
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
            maxLength={64}
          />
        </label>
        <label>
          {t({ id: 'students.column.name', defaultMessage: 'Name' })}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        <label>
          {t({ id: 'students.column.email', defaultMessage: 'Email' })}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} />
        </label>
      </div>

      {!existing && (
        <label>
          {t({ id: 'students.consent.title', defaultMessage: 'Consent to use their face' })}
          <select value={consent} onChange={(e) => setConsentChoice(e.target.value as NewConsent)}>
            <option value="not-asked">{t({ id: 'students.form.consentNotAsked', defaultMessage: 'Not asked yet (register by hand)' })}</option>
            <option value="granted-parent">{t({ id: 'students.form.consentParent', defaultMessage: 'Granted by a parent or guardian' })}</option>
            <option value="granted-student">{t({ id: 'students.form.consentStudent', defaultMessage: 'Granted by the student' })}</option>
            <option value="refused">{t({ id: 'students.form.consentRefused', defaultMessage: 'Refused (register by hand)' })}</option>
          </select>
        </label>
      )}
      {blocked ? (
        <Alert tone="notice">
          {t(
            {
              id: 'students.form.blocked',
              defaultMessage:
                '{name} cannot be enrolled: {consent, select, refused {consent to use their face was refused} withdrawn {consent to use their face was withdrawn} other {no consent to use their face is recorded}}. They are registered by hand in the register. To enrol them, record consent below first.',
            },
            { name: existing.name, consent: existing.consent },
          )}
        </Alert>
      ) : (
        <>
          <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
            <label>
              {t({ id: 'students.form.photos', defaultMessage: 'Photos' })}
              <input type="file" accept="image/*" multiple onChange={(e) => onFiles(e.target.files)} />
            </label>
            <span className="hint">{t({ id: 'students.form.orDrop', defaultMessage: 'or drop photos here, or' })}</span>
            <button type="button" onClick={() => setCamera(true)} disabled={camera}>
              {t({ id: 'students.form.useCamera', defaultMessage: 'Use camera' })}
            </button>
          </div>
          {camera && <CameraCapture onPhotos={photos.add} onClose={() => setCamera(false)} />}
          <p className="hint">
            {t({
              id: 'students.form.private',
              defaultMessage: 'Photos are analysed in this browser and never uploaded: only the face measurements of accepted photos are saved.',
            })}
          </p>
          {photos.engineError && (
            <Alert>{t({ id: 'students.form.modelsFailed', defaultMessage: 'The face models could not load: {error}' }, { error: photos.engineError })}</Alert>
          )}

          {photos.items.length > 0 && (
            <ul className="photo-grid" aria-label={t({ id: 'students.form.analysed', defaultMessage: 'Analysed photos' })}>
              {photos.items.map((p) => (
                <PhotoCard key={p.key} file={p.file} result={p.result} />
              ))}
            </ul>
          )}
          <p role="status" className={strength.views < GOOD_VIEWS ? 'warning' : 'ok'}>
            {t(
              {
                id: 'students.form.goodPhotos',
                defaultMessage:
                  '{good, plural, one {# good photo} other {# good photos}}{analysing, select, yes { so far (analysing…)} other {}}{alike, select, yes {, {views} of them different} other {}}{enough, select, yes {.} other { — {advice}}}',
              },
              {
                good: goodTotal,
                analysing: photos.analysing ? 'yes' : 'no',
                alike: strength.views < goodTotal ? 'yes' : 'no',
                views: strength.views,
                enough: strength.views < GOOD_VIEWS ? 'no' : 'yes',
                advice: adviceText(strength),
              },
            )}
          </p>
        </>
      )}
      {photos.lookAlikes.length > 0 && (
        <div role="alert" className="look-alike">
          {tx(
            {
              id: 'students.form.lookAlike',
              defaultMessage:
                '<strong>Possible duplicate or look-alike.</strong> These photos match {matches}. If this is the same person, edit that student instead. Twins and look-alikes can be enrolled, but check before saving.',
            },
            {
              matches: translator().intl.formatList(photos.lookAlikes.map(lookAlikeText), { type: 'unit' }),
              strong: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
            },
          )}
          <label className="inline">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
            {t({ id: 'students.form.differentPeople', defaultMessage: 'These are different people: enrol anyway' })}
          </label>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      <div className="row">
        <button type="submit" className="primary" disabled={saving || photos.analysing || needsConfirm}>
          {t({ id: 'students.form.save', defaultMessage: 'Save student' })}
        </button>
        <button type="button" onClick={() => navigate({ page: 'students' })}>
          {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
        </button>
      </div>
    </form>
  );
}
