// The rates shown beside the Settings choice "When a face may be a photo or a screen", measured on
// real footage (real people and screen replays), so a school chooses on what each option did.
// Each value is one short sentence, shown as written, in the app's language; the measured numbers
// stay here, out of the translations. From `pnpm rollcall realvid --load FILE [--unsure flag]` on
// ../shared/realvid (10 real people, 4 screen replays, 5 fps, 20 s each; docs/accuracy.md "Real footage").
import type { Settings } from '../core/settings.ts';
import { t } from '../core/i18n.ts';

const MEASURED = { people: 10, replays: 4, review: { marked: 0, waiting: 2 }, flag: { marked: 1, seconds: 2, flagged: 3 } } as const;

// Getters: each read is in the language spoken then.
export const TEXTURE_CHOICE_RATES = {
  review: {
    get attacksMarked() {
      return t(
        {
          id: 'settings.texture.review.attacksMarked',
          defaultMessage:
            'In our tests on real footage, {marked, plural, one {# of {replays} screen replays was marked} other {# of {replays} screen replays were marked}}.',
        },
        { marked: MEASURED.review.marked, replays: MEASURED.replays },
      );
    },
    get peopleWaiting() {
      return t(
        {
          id: 'settings.texture.review.peopleWaiting',
          defaultMessage: '{waiting} of {people} real people (both filmed off a TV broadcast) waited for the teacher in Needs review.',
        },
        { waiting: MEASURED.review.waiting, people: MEASURED.people },
      );
    },
  },
  flag: {
    get attacksMarked() {
      return t(
        {
          id: 'settings.texture.flag.attacksMarked',
          defaultMessage:
            '{marked, plural, one {# of {replays} screen replays was marked} other {# of {replays} screen replays were marked}}, with a flag (a full-screen recording the model half believed).',
        },
        { marked: MEASURED.flag.marked, replays: MEASURED.replays },
      );
    },
    get peopleFlagged() {
      return t(
        {
          id: 'settings.texture.flag.peopleFlagged',
          defaultMessage: 'All {people} real people were marked within {seconds} seconds; {flagged} of them with a flag.',
        },
        { people: MEASURED.people, seconds: MEASURED.flag.seconds, flagged: MEASURED.flag.flagged },
      );
    },
  },
} as const satisfies Record<Settings['unsureTexture'], Record<string, string>>;
