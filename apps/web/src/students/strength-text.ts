// What to do about a student's face enrolment, in the reader's language: the recognition package
// rates the photos (how many, how many different) and this says it, as its advice does in English.
import { GOOD_VIEWS, type EnrolmentStrength } from '@rollcall/recognition';
import { t } from '../core/i18n.ts';

/** The next step for an enrolment; null when it is good. */
export function adviceText(s: Pick<EnrolmentStrength, 'level' | 'photos' | 'views'>): string | null {
  if (s.photos === 0) return t({ id: 'students.strength.none', defaultMessage: 'Add three photos of the face, from different days or angles.' });
  if (s.level === 'good') return null;
  return t(
    {
      id: 'students.strength.advice',
      defaultMessage:
        '{alike, plural, =0 {} other {# of the {photos} photos look the same as another. }}Add {more, plural, one {# photo} other {# photos}} from another day or angle.',
    },
    { alike: Math.max(0, s.photos - s.views), photos: s.photos, more: GOOD_VIEWS - s.views },
  );
}
