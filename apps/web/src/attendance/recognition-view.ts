// How the page shows the recognition core's output: overlay labels and tones per track, and
// review thumbnails cut from the video.
import type { Box, FrameFlaw, TrackView } from '@rollcall/recognition';
import type { OverlayBox } from '../camera/overlay.ts';

export function label(t: TrackView, names: ReadonlyMap<string, string>): OverlayBox['label'] {
  const s = t.state;
  const who = (id: string) => names.get(id) ?? id;
  if (s.kind === 'marked' || s.kind === 'already') return `${who(s.studentId)} ${s.score.toFixed(2)}${s.kind === 'already' ? ' (already marked)' : ''}`;
  // Never one name on a face that is not sure: both candidates, or none.
  if (s.kind === 'review') return s.candidates.length ? `${s.candidates.map((c) => who(c.studentId)).join(' or ')}? needs review` : 'needs review';
  if (s.kind === 'unknown') return s.score === null ? 'unknown' : `unknown ${s.score.toFixed(2)}`;
  // A face still being read says what it waits for, in words the student at the door can act on.
  if (s.waiting?.for === 'life') return '… checking for a live face';
  if (s.waiting?.for === 'clear-frames' && s.waiting.flaws[0]) return `… ${HINTS[s.waiting.flaws[0]]}`;
  return '…';
}

const HINTS: Record<FrameFlaw, string> = {
  small: 'too far: come closer',
  blurred: 'blurred: hold still',
  turned: 'turned: face the camera',
  'eyes-closed': 'eyes closed',
};

export function tone(t: TrackView): OverlayBox['tone'] {
  const k = t.state.kind;
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
