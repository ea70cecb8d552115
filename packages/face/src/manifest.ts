// The model manifest (models/manifest.json) and its verification, shared by the Node and browser
// loaders: a missing or altered model file is reported by name before any model is built.
import { FaceError } from './errors.ts';
import { PAD_FILES } from './pad.ts';

export interface ManifestEntry {
  file: string;
  package: string;
  version: string;
  sha256: string;
  bytes: number;
}

export interface ModelManifest {
  files: ManifestEntry[];
}

export function parseManifest(json: unknown): ModelManifest {
  const files = (json as { files?: unknown })?.files;
  if (!Array.isArray(files)) throw new FaceError('model-corrupt', 'model manifest has no file list', 'manifest.json');
  for (const f of files) {
    const e = f as Partial<ManifestEntry>;
    if (typeof e.file !== 'string' || typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) {
      throw new FaceError('model-corrupt', 'model manifest has a malformed entry', 'manifest.json');
    }
  }
  return { files: files as ManifestEntry[] };
}

/**
 * Checks each needed file: `read` returns its bytes or null when absent, `digest` its sha256 hex.
 * Throws FaceError('model-missing' | 'model-corrupt') naming the first bad file.
 */
export async function verifyModelFiles(
  manifest: ModelManifest,
  needed: readonly string[],
  read: (file: string) => Promise<Uint8Array | null>,
  digest: (bytes: Uint8Array) => Promise<string>,
): Promise<void> {
  for (const name of needed) {
    const entry = manifest.files.find((f) => f.file === name);
    if (!entry) throw new FaceError('model-missing', `model file ${name} is not in the manifest`, name);
    const bytes = await read(name);
    if (bytes === null) throw new FaceError('model-missing', `model file ${name} is missing (run \`node models/copy.mjs\`)`, name);
    const hash = await digest(bytes);
    if (hash !== entry.sha256) {
      throw new FaceError(
        'model-corrupt',
        `model file ${name} is corrupt: sha256 ${hash.slice(0, 12)}... differs from the manifest (${entry.package}@${entry.version})`,
        name,
      );
    }
  }
}

/** The files each model id needs, on top of detection, mesh, antispoof and liveness (and the presentation-attack networks unless `pad` is false). */
export function modelFiles(model: 'faceapi-resnet@1.7.15' | 'human-faceres@3.3.6', opts: { pad?: boolean } = {}): string[] {
  const base = ['blazeface.json', 'blazeface.bin', 'facemesh.json', 'facemesh.bin', 'antispoof.json', 'antispoof.bin', 'liveness.json', 'liveness.bin'];
  const pad = opts.pad === false ? [] : PAD_FILES.map((f) => f.file);
  return model === 'human-faceres@3.3.6'
    ? [...base, ...pad, 'faceres.json', 'faceres.bin']
    : [...base, ...pad, 'face_recognition_model-weights_manifest.json', 'face_recognition_model.bin'];
}
