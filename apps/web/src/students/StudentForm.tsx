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
    <form className="card student-form" onSubmit={save} aria-label={existing ? `Edit ${existing.name}` : 'Add student'}>
      <div className="grid-3">
        <label>
          Student ID
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
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} />
        </label>
      </div>

      {!existing && (
        <label>
          Consent to use their face
          <select value={consent} onChange={(e) => setConsentChoice(e.target.value as NewConsent)}>
            <option value="not-asked">Not asked yet (register by hand)</option>
            <option value="granted-parent">Granted by a parent or guardian</option>
            <option value="granted-student">Granted by the student</option>
            <option value="refused">Refused (register by hand)</option>
          </select>
        </label>
      )}
      {blocked ? (
        <Alert tone="notice">
          {existing.name} cannot be enrolled:{' '}
          {existing.consent === 'refused' || existing.consent === 'withdrawn'
            ? `consent to use their face was ${existing.consent}`
            : 'no consent to use their face is recorded'}
          . They are registered by hand in the register. To enrol them, record consent below first.
        </Alert>
      ) : (
        <>
          <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
            <label>
              Photos
              <input type="file" accept="image/*" multiple onChange={(e) => onFiles(e.target.files)} />
            </label>
            <span className="hint">or drop photos here, or</span>
            <button type="button" onClick={() => setCamera(true)} disabled={camera}>
              Use camera
            </button>
          </div>
          {camera && <CameraCapture onPhotos={photos.add} onClose={() => setCamera(false)} />}
          <p className="hint">Photos are analysed in this browser and never uploaded: only the face measurements of accepted photos are saved.</p>
          {photos.engineError && <Alert>The face models could not load: {photos.engineError}</Alert>}

          {photos.items.length > 0 && (
            <ul className="photo-grid" aria-label="Analysed photos">
              {photos.items.map((p) => (
                <PhotoCard key={p.key} file={p.file} result={p.result} />
              ))}
            </ul>
          )}
          <p role="status" className={strength.views < GOOD_VIEWS ? 'warning' : 'ok'}>
            {goodTotal} good photo{goodTotal === 1 ? '' : 's'}
            {photos.analysing ? ' so far (analysing…)' : ''}
            {strength.views < goodTotal ? `, ${strength.views} of them different` : ''}
            {strength.views < GOOD_VIEWS ? ` — ${strength.advice}` : '.'}
          </p>
        </>
      )}
      {photos.lookAlikes.length > 0 && (
        <div role="alert" className="look-alike">
          <strong>Possible duplicate or look-alike.</strong> These photos match{' '}
          {photos.lookAlikes.map((l) => `${l.studentId}${names.get(l.studentId) ? ` (${names.get(l.studentId)})` : ''} at ${l.score.toFixed(3)}`).join(', ')}.
          If this is the same person, edit that student instead. Twins and look-alikes can be enrolled, but check before saving.
          <label className="inline">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> These are different people: enrol anyway
          </label>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      <div className="row">
        <button type="submit" className="primary" disabled={saving || photos.analysing || needsConfirm}>
          Save student
        </button>
        <button type="button" onClick={() => navigate({ page: 'students' })}>
          Cancel
        </button>
      </div>
    </form>
  );
}
