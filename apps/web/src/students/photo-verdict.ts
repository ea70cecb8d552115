// What became of an analysed photo, in the reader's language: accepted, refused by the quality
// gates (each reason), or not readable at all (empty, not an image, too large, damaged). The face
// engine says which by a code; its own English message is shown only for a code not named here.
import { MAX_PIXELS, type FaceErrorCode, type QualityReason } from '@rollcall/face';
import { t, translator } from '../core/i18n.ts';
import { REASON_TEXT } from '../ui/messages.ts';
import { faceErrorText } from '../ui/face-error-text.ts';
import type { PhotoResult } from './enrol.ts';

const KEYS: Partial<Record<FaceErrorCode, string>> = {
  'empty-input': 'empty',
  'not-an-image': 'notAnImage',
  'image-too-large': 'tooLarge',
  'corrupt-image': 'corrupt',
  'file-unreadable': 'unreadable',
};

/** Why a photo could not be read, as a clause: "front.jpg is empty". */
export function unreadableWhy(r: Pick<PhotoResult, 'name' | 'error' | 'errorCode'>): string {
  return t(
    {
      id: 'students.photo.unreadable',
      defaultMessage:
        '{code, select, empty {{name} is empty} notAnImage {{name} is not an image the browser can read} tooLarge {at most {megapixels} megapixels are accepted} corrupt {the image data is damaged} unreadable {{name} could not be opened} other {{detail}}}',
    },
    { code: (r.errorCode && KEYS[r.errorCode]) ?? 'other', name: r.name, megapixels: MAX_PIXELS / 1e6, detail: faceErrorText(r.errorCode, r.error ?? '') },
  );
}

/** The quality gates' reasons a photo was refused, as a list. */
export const refusedWhy = (r: { reasons: readonly QualityReason[] }): string =>
  translator().intl.formatList(
    r.reasons.map((x) => REASON_TEXT[x]),
    { type: 'unit' },
  );

/** The line under a photo's thumbnail. */
export function photoVerdict(result: PhotoResult | undefined): string {
  if (!result) return t({ id: 'students.photo.analysing', defaultMessage: 'Analysing…' });
  if (result.status === 'accepted') return t({ id: 'students.photo.accepted', defaultMessage: 'Accepted' });
  if (result.status === 'error') return t({ id: 'students.photo.cannotRead', defaultMessage: 'Cannot read this file: {why}' }, { why: unreadableWhy(result) });
  return refusedWhy(result);
}
