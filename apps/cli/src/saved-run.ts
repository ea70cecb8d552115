// A command's measurements kept on disk (`--save FILE`) and judged again without the engine
// (`--load FILE`): one error for a file that is damaged, or saved by another version.
export class SavedRunError extends Error {
  readonly code = 'saved-run-invalid';
}
