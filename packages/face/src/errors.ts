// Errors of the face pipeline, each with a code from a closed set so the CLI, the API and the UI
// can say what went wrong without parsing messages.

export type FaceErrorCode =
  | 'file-unreadable' // the file could not be read at all (missing, a folder, no permission)
  | 'empty-input' // zero bytes, or an image with no pixels
  | 'not-an-image' // bytes that no supported decoder recognises
  | 'corrupt-image' // a known format whose data is damaged or truncated
  | 'image-too-large' // more pixels than the pipeline accepts (protects memory)
  | 'model-missing' // a model file named in the manifest is absent
  | 'model-corrupt' // a model file whose sha256 differs from the manifest, or that fails to load
  | 'backend-unavailable' // no usable tfjs backend (e.g. wasm could not start)
  | 'not-loaded' // analyze() called before load() finished
  | 'frame-dropped' // a newer camera frame replaced this one before the engine was free (only the newest is analysed)
  | 'engine-crashed'; // the worker running the models died mid-request; the next request starts a fresh one

export class FaceError extends Error {
  override readonly name = 'FaceError';
  constructor(
    readonly code: FaceErrorCode,
    message: string,
    /** The file concerned, for model and image errors. */
    readonly file?: string,
  ) {
    super(message);
  }
}

export function isFaceError(e: unknown, code?: FaceErrorCode): e is FaceError {
  return e instanceof FaceError && (code === undefined || e.code === code);
}
