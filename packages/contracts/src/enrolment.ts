// Enrolment rules shared by the web app and the CLI: one folder-layout rule
// (`<StudentID>_<Name>`), one way to turn an accepted face into an upload payload, and one way to
// post many embeddings (in chunks of MAX_EMBEDDINGS_PER_POST, so a folder of 60 photos imports).
import { StudentId } from './common.ts';
import { encodeVector } from './codec.ts';
import { MAX_EMBEDDINGS_PER_POST, type AddEmbeddingsResult, type NewEmbedding } from './embeddings.ts';

/** `S001_John_Smith` -> S001, "John Smith": the id runs to the first underscore and must be a valid StudentId; further underscores become spaces. */
export function parseStudentFolder(folder: string): { studentId: string; name: string } | null {
  const cut = folder.indexOf('_');
  if (cut <= 0) return null;
  const studentId = folder.slice(0, cut);
  const name = folder
    .slice(cut + 1)
    .replace(/_+/g, ' ')
    .trim();
  if (!StudentId.safeParse(studentId).success || name === '') return null;
  return { studentId, name };
}

/** An accepted face as the API takes it: the vector as base64 float32, with its quality and the photo's sha256. */
export function toNewEmbedding(face: { modelId: string; vector: ArrayLike<number>; quality: number; sourceHash: string }): NewEmbedding {
  return { modelId: face.modelId, vector: encodeVector(face.vector), quality: face.quality, sourceHash: face.sourceHash };
}

/** The part of a client that adds embeddings (createClient's addEmbeddings). */
export type AddEmbeddings = (args: { params: { studentId: string }; body: { embeddings: NewEmbedding[] } }) => Promise<AddEmbeddingsResult>;

/** Posts any number of embeddings for one student, in order, MAX_EMBEDDINGS_PER_POST at a time; the results line up with `embeddings`. */
export async function postEmbeddings(
  addEmbeddings: AddEmbeddings,
  studentId: string,
  embeddings: readonly NewEmbedding[],
): Promise<AddEmbeddingsResult['results']> {
  const results: AddEmbeddingsResult['results'] = [];
  for (let i = 0; i < embeddings.length; i += MAX_EMBEDDINGS_PER_POST) {
    const res = await addEmbeddings({ params: { studentId }, body: { embeddings: embeddings.slice(i, i + MAX_EMBEDDINGS_PER_POST) } });
    results.push(...res.results);
  }
  return results;
}
