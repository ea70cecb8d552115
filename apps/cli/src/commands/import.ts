// `rollcall import <folder> [--api URL]`: bulk enrolment from `<StudentID>_<Name>/*.jpg` into a
// running API. Creates missing students, embeds every photo that passes the quality gates, says
// per photo what was rejected and why, and is safe to re-run: a photo already stored (same sha256)
// is skipped before it is even embedded, and the API refuses duplicates anyway. A student without
// granted biometric consent is reported and skipped (their photos are not even read): the batch
// goes on, and a re-run after consent is recorded enrols them.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ClientError, postEmbeddings, toNewEmbedding, type NewEmbedding, type Student } from '@rollcall/contracts';
import { DEFAULT_GATES, enrolmentQuality, isFaceError, photoReasons } from '@rollcall/face';
import { createNodeFaceEngine, decodeImage } from '@rollcall/face/node';
import { apiClient, type ApiClient } from '../api-client.ts';
import { readLayout, type StudentFolder } from '../import/layout.ts';
import { progressBar } from '../import/progress.ts';
import { resolveUserPath, UsageError } from '../paths.ts';

export interface PhotoOutcome {
  file: string;
  studentId: string;
  status: 'added' | 'already-stored' | 'rejected' | 'error';
  reasons?: string[];
  error?: string;
}

export interface ImportSummary {
  studentsCreated: number;
  /** Students skipped because their consent does not allow face data (status as recorded). */
  noConsent: { studentId: string; consent: Student['consent'] }[];
  added: number;
  alreadyStored: number;
  rejected: number;
  errors: number;
  photos: PhotoOutcome[];
}

async function ensureStudent(api: ApiClient, s: StudentFolder): Promise<{ created: boolean; student: Student }> {
  try {
    return { created: false, student: await api.getStudent({ params: { studentId: s.studentId } }) };
  } catch (e) {
    if (!(e instanceof ClientError) || e.code !== 'student-not-found') throw e;
  }
  return { created: true, student: await api.createStudent({ body: { studentId: s.studentId, name: s.name } }) };
}

export async function importFolder(folder: string, api: ApiClient, log: (line: string) => void = () => {}): Promise<ImportSummary> {
  const { students, problems } = readLayout(folder);
  for (const p of problems) log(`skipped folder ${p.folder}: ${p.reason}`);
  const summary: ImportSummary = { studentsCreated: 0, noConsent: [], added: 0, alreadyStored: 0, rejected: 0, errors: 0, photos: [] };
  const engine = await createNodeFaceEngine();
  const bar = progressBar(students.reduce((n, s) => n + s.photos.length, 0));
  for (const student of students) {
    const { created, student: found } = await ensureStudent(api, student);
    if (created) summary.studentsCreated++;
    if (found.cameraFree) {
      summary.noConsent.push({ studentId: student.studentId, consent: found.consent });
      for (const file of student.photos) bar.tick(`${basename(dirname(file))}/${basename(file)} (no consent)`);
      continue;
    }
    const stored = await api.listEmbeddings({ params: { studentId: student.studentId }, query: { modelId: engine.modelId } });
    const known = new Set(stored.items.map((e) => e.sourceHash));
    const pending: { file: string; embedding: NewEmbedding }[] = [];
    for (const file of student.photos) {
      const rel = `${basename(dirname(file))}/${basename(file)}`;
      bar.tick(rel);
      const outcome: PhotoOutcome = { file: rel, studentId: student.studentId, status: 'error' };
      summary.photos.push(outcome);
      try {
        const bytes = new Uint8Array(await readFile(file));
        const sourceHash = createHash('sha256').update(bytes).digest('hex');
        if (known.has(sourceHash)) {
          outcome.status = 'already-stored';
          continue;
        }
        const result = await engine.analyze(await decodeImage(bytes, rel));
        const reasons = photoReasons(result.faces, DEFAULT_GATES);
        if (reasons.length > 0) {
          outcome.status = 'rejected';
          outcome.reasons = reasons;
          continue;
        }
        const face = result.faces[0]!;
        known.add(sourceHash); // the same photo twice in one folder is stored once
        pending.push({
          file: rel,
          embedding: toNewEmbedding({
            modelId: face.embedding.modelId,
            vector: face.embedding.vector,
            quality: enrolmentQuality(face, DEFAULT_GATES),
            sourceHash,
          }),
        });
        outcome.status = 'added';
      } catch (e) {
        if (!isFaceError(e)) throw e;
        outcome.error = `${e.code}: ${e.message}`;
      }
    }
    if (pending.length) {
      let results;
      try {
        results = await postEmbeddings(
          api.addEmbeddings,
          student.studentId,
          pending.map((p) => p.embedding),
        );
      } catch (e) {
        // Consent withdrawn while the photos were analysed: report the student, keep going.
        if (!(e instanceof ClientError) || e.code !== 'consent-required') throw e;
        summary.photos = summary.photos.filter((o) => o.studentId !== student.studentId);
        summary.noConsent.push({ studentId: student.studentId, consent: (await ensureStudent(api, student)).student.consent });
        continue;
      }
      // The API has the last word: a photo stored meanwhile comes back as a duplicate.
      results.forEach((r, i) => {
        if (r.status !== 'duplicate') return;
        const o = summary.photos.find((x) => x.file === pending[i]!.file);
        if (o) o.status = 'already-stored';
      });
    }
  }
  bar.end();
  for (const p of summary.photos) {
    if (p.status === 'added') summary.added++;
    else if (p.status === 'already-stored') summary.alreadyStored++;
    else if (p.status === 'rejected') summary.rejected++;
    else summary.errors++;
  }
  return summary;
}

export async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { api: { type: 'string', default: process.env.ROLLCALL_API ?? 'http://localhost:8080' }, json: { type: 'boolean', default: false } },
  });
  if (!positionals[0]) throw new UsageError('usage: rollcall import <folder> [--api URL] [--json]   (token in ROLLCALL_TOKEN)');
  const token = process.env.ROLLCALL_TOKEN;
  if (!token) throw new UsageError('set ROLLCALL_TOKEN to an API token of an admin (create one under Settings > API tokens, or POST /api/tokens)');
  const summary = await importFolder(resolveUserPath(positionals[0]), apiClient(values.api, token), (l) => console.error(l));
  if (values.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  for (const p of summary.photos) {
    if (p.status === 'rejected') console.log(`rejected ${p.file}: ${p.reasons!.join(', ')}`);
    if (p.status === 'error') console.log(`error    ${p.file}: ${p.error}`);
  }
  if (summary.noConsent.length) {
    console.log(
      `skipped ${summary.noConsent.length} student(s) without biometric consent (register them by hand, or record consent on the Privacy page and run again):`,
    );
    for (const s of summary.noConsent) console.log(`  ${s.studentId}: consent ${s.consent}`);
  }
  console.log(
    `students created ${summary.studentsCreated}; photos added ${summary.added}, already stored ${summary.alreadyStored}, rejected ${summary.rejected}, unreadable ${summary.errors}`,
  );
}
