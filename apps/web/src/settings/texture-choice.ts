// The rates shown beside the Settings choice "When a face may be a photo or a screen", measured on
// real footage (real people and screen replays), so a school chooses on what each option did.
// Each value is one short sentence, shown as written.
import type { Settings } from './settings.ts';

export const TEXTURE_CHOICE_RATES = {
  review: {
    attacksMarked: 'Screen replays marked: (measuring).',
    peopleWaiting: 'Real people who waited in Needs review: (measuring).',
  },
  flag: {
    attacksMarked: 'Screen replays marked, each with a flag: (measuring).',
    peopleFlagged: 'Real people marked with a flag: (measuring).',
  },
} as const satisfies Record<Settings['unsureTexture'], Record<string, string>>;
