// A photo's verdict in words: each unreadable file says why from the engine's code, and the
// quality gates' reasons are listed as the language lists things.
import { afterEach, describe, expect, it } from 'vitest';
import { speak } from '../core/i18n.ts';
import type { PhotoResult } from './enrol.ts';
import { photoVerdict } from './photo-verdict.ts';

const photo = (over: Partial<PhotoResult>): PhotoResult => ({ name: 'front.jpg', status: 'error', reasons: [], width: 0, height: 0, boxes: [], ...over });

afterEach(() => speak('en', {}));

describe('photoVerdict', () => {
  it('says why a file cannot be read, by the engine code', () => {
    expect(photoVerdict(photo({ errorCode: 'empty-input', error: 'front.jpg is empty' }))).toBe('Cannot read this file: front.jpg is empty');
    expect(photoVerdict(photo({ errorCode: 'not-an-image' }))).toBe('Cannot read this file: front.jpg is not an image the browser can read');
    expect(photoVerdict(photo({ errorCode: 'image-too-large' }))).toBe('Cannot read this file: at most 40 megapixels are accepted');
    expect(photoVerdict(photo({ errorCode: null, error: 'worker gone' }))).toBe('Cannot read this file: worker gone');
  });

  it('lists the reasons a photo was refused, and accepts the rest', () => {
    expect(photoVerdict(photo({ status: 'rejected', reasons: ['no-face'] }))).toBe('No face found');
    expect(photoVerdict(photo({ status: 'rejected', reasons: ['multiple-faces', 'too-dark'] }))).toBe('More than one face, Too dark');
    expect(photoVerdict(photo({ status: 'accepted' }))).toBe('Accepted');
    expect(photoVerdict(undefined)).toBe('Analysing…');
  });

  it("says an engine failure by its code in the reader's language, the engine's English kept in English", () => {
    const crashed = photo({ errorCode: 'engine-crashed', error: 'the face engine stopped (out of memory); it restarts with the next frame' });
    expect(photoVerdict(crashed)).toBe('Cannot read this file: the face engine stopped (out of memory); it restarts with the next frame');
    speak('es', {
      'students.photo.cannotRead': 'No se puede leer este archivo: {why}',
      'ui.faceError': '{code, select, engineCrashed {el motor facial se detuvo y se reinicia con el siguiente fotograma} other {{message}}}',
    });
    expect(photoVerdict(crashed)).toMatch(/el motor facial se detuvo y se reinicia con el siguiente fotograma$/);
  });
});
