// The rates shown beside the Settings choice "When a face may be a photo or a screen", measured on
// real footage (real people and screen replays), so a school chooses on what each option did.
// Each value is one short sentence, shown as written. From `pnpm rollcall realvid --load FILE
// [--unsure flag]` on ../shared/realvid (10 real people, 4 screen replays, 5 fps, 20 s each;
// docs/accuracy.md "Real footage").
import type { Settings } from '../core/settings.ts';

export const TEXTURE_CHOICE_RATES = {
  review: {
    attacksMarked: 'In our tests on real footage, 0 of 4 screen replays were marked.',
    peopleWaiting: '2 of 10 real people (both filmed off a TV broadcast) waited for the teacher in Needs review.',
  },
  flag: {
    attacksMarked: '1 of 4 screen replays was marked, with a flag (a full-screen recording the model half believed).',
    peopleFlagged: 'All 10 real people were marked within 2 seconds; 3 of them with a flag.',
  },
} as const satisfies Record<Settings['unsureTexture'], Record<string, string>>;
