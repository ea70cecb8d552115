// The insecure-context messages: on a plain-http school server the camera is missing;
// the page says why and which https address to open, instead of a getUserMedia script error.
import { describe, expect, it } from 'vitest';
import { insecureCameraMessage, insecurePageMessage } from './secure-context.ts';

describe('insecureCameraMessage', () => {
  it('names the https address of the same page on a plain-http server', () => {
    const msg = insecureCameraMessage(false, { protocol: 'http:', host: 'rollcall.school.lan:8080', pathname: '/camera-check', search: '?x=1' });
    expect(msg).toContain('https://rollcall.school.lan:8080/camera-check?x=1');
    expect(msg).toContain('secure address');
    expect(insecureCameraMessage(false, { protocol: 'http:', host: 'rollcall.school.lan', pathname: '/', search: '' })).toContain(
      'Open https://rollcall.school.lan/ instead of http://rollcall.school.lan.',
    );
  });

  it('says nothing on a secure page', () => {
    expect(insecureCameraMessage(true, { protocol: 'https:', host: 'rollcall.school.lan', pathname: '/', search: '' })).toBeNull();
  });
});

describe('insecurePageMessage', () => {
  it('is one sentence naming the https address instead of the plain-http one', () => {
    const msg = insecurePageMessage(false, { protocol: 'http:', host: 'school.test:8080', pathname: '/', search: '' })!;
    expect(msg).toContain('open https://school.test:8080/ instead of http://school.test:8080');
    expect(msg.split(/\.\s/)).toHaveLength(1);
  });

  it('says nothing on a secure page', () => {
    expect(insecurePageMessage(true, { protocol: 'http:', host: 'localhost:8080', pathname: '/', search: '' })).toBeNull();
  });
});
