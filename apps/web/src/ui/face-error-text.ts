// The face engine's errors in the app's language, from their code (packages/face says what went
// wrong by a code from a closed set, and a technical English message). English keeps the engine's
// own message, which says more (which file, which backend).
import type { FaceErrorCode } from '@rollcall/face';
import { SOURCE_LANGUAGE } from '@rollcall/i18n';
import { t, translator } from '../core/i18n.ts';

const KEYS: Record<FaceErrorCode, string> = {
  'file-unreadable': 'fileUnreadable',
  'empty-input': 'emptyInput',
  'not-an-image': 'notAnImage',
  'corrupt-image': 'corruptImage',
  'image-too-large': 'imageTooLarge',
  'model-missing': 'modelMissing',
  'model-corrupt': 'modelCorrupt',
  'backend-unavailable': 'backendUnavailable',
  'not-loaded': 'notLoaded',
  'frame-dropped': 'frameDropped',
  'engine-crashed': 'engineCrashed',
};

/** A face engine error for a person: the sentence for its code, or the engine's message in English or without a code. */
export function faceErrorText(code: FaceErrorCode | null | undefined, message: string): string {
  if (!code || translator().language === SOURCE_LANGUAGE) return message;
  return t(
    {
      id: 'ui.faceError',
      defaultMessage:
        '{code, select, fileUnreadable {the file could not be read} emptyInput {the image is empty} notAnImage {this is not an image the browser can read} corruptImage {the image data is damaged} imageTooLarge {the image is too large} modelMissing {a face model file is missing: reload the page while online} modelCorrupt {a face model file is damaged or could not be loaded: reload the page while online} backendUnavailable {this computer cannot run the face engine fast enough} notLoaded {the face engine has not finished loading} frameDropped {a newer camera frame replaced this one} engineCrashed {the face engine stopped and restarts with the next frame} other {{message}}}',
    },
    { code: KEYS[code] ?? 'other', message },
  );
}
