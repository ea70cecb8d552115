// How the page shows the recognition core's output: overlay labels and tones per track, and
// review thumbnails cut from the video.
import type { Box, FrameFlaw, TrackView } from '@rollcall/recognition';
import type { OverlayBox } from '../camera/overlay.ts';
import { t, translator } from '../core/i18n.ts';
import { formatNumber } from '../ui/format.ts';

export function label(track: TrackView, names: ReadonlyMap<string, string>): OverlayBox['label'] {
  const s = track.state;
  const who = (id: string) => names.get(id) ?? id;
  const score = (n: number) => formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (s.kind === 'marked' || s.kind === 'already')
    return t(
      { id: 'attendance.overlay.marked', defaultMessage: '{name} {score}{already, select, yes { (already marked)} other {}}' },
      { name: who(s.studentId), score: score(s.score), already: s.kind === 'already' ? 'yes' : 'no' },
    );
  // Never one name on a face that is not sure: both candidates, or none.
  if (s.kind === 'review')
    return s.candidates.length
      ? t(
          { id: 'attendance.overlay.review', defaultMessage: '{names}? needs review' },
          {
            names: translator().intl.formatList(
              s.candidates.map((c) => who(c.studentId)),
              { type: 'disjunction' },
            ),
          },
        )
      : t({ id: 'attendance.overlay.reviewNobody', defaultMessage: 'needs review' });
  if (s.kind === 'unknown')
    return s.score === null
      ? t({ id: 'attendance.overlay.unknown', defaultMessage: 'unknown' })
      : t({ id: 'attendance.overlay.unknownScore', defaultMessage: 'unknown {score}' }, { score: score(s.score) });
  // A face still being read says what it waits for, in words the student at the door can act on.
  if (s.waiting?.for === 'life') return t({ id: 'attendance.overlay.checkingLife', defaultMessage: '… checking for a live face' });
  if (s.waiting?.for === 'clear-frames' && s.waiting.flaws[0]) return hint(s.waiting.flaws[0]);
  return '…';
}

/** What to do about the flaw that keeps a face's frames from counting. */
function hint(flaw: FrameFlaw): string {
  return t(
    {
      id: 'attendance.overlay.flaw',
      defaultMessage: '{flaw, select, small {… too far: come closer} blurred {… blurred: hold still} turned {… turned: face the camera} other {… eyes closed}}',
    },
    { flaw },
  );
}

export function tone(track: TrackView): OverlayBox['tone'] {
  const k = track.state.kind;
  return k === 'marked' || k === 'already' ? 'known' : k === 'unknown' ? 'unknown' : k === 'review' ? 'review' : 'pending';
}

export function thumbnail(video: HTMLVideoElement, [x, y, w, h]: Box): string {
  const c = document.createElement('canvas');
  c.width = 96;
  c.height = 96;
  const pad = 0.25 * Math.max(w, h);
  c.getContext('2d')!.drawImage(video, x - pad, y - pad, w + 2 * pad, h + 2 * pad, 0, 0, 96, 96);
  return c.toDataURL('image/jpeg', 0.8);
}
