import { describe, expect, it } from 'vitest';
import { registrationProblem } from './offline-ready.ts';
import { faceText, offlineText } from './status-words.ts';

const JARGON = /revision|wasm|webgl|thread|isolat|renderer|SecurityError|SSL|\d+\/\d+ files/i;

describe('the status words', () => {
  it('says offline use is ready, on its way, or why not, never in the browser’s words', () => {
    expect(offlineText({ state: 'ready', needed: 29 })?.text).toBe('Ready to work offline');
    expect(offlineText({ state: 'preparing', cached: 0, needed: 29 })?.text).toBe('Getting ready to work offline…');
    expect(offlineText({ state: 'unsupported' })).toBeNull();
    const cert = registrationProblem(
      Object.assign(
        new Error("Failed to register a ServiceWorker for scope ('https://school.test/'): An SSL certificate error occurred when fetching the script."),
        {
          name: 'SecurityError',
        },
      ),
    );
    const line = offlineText({ state: 'unavailable', problem: cert, cached: 0, needed: 0 })!;
    expect(line.text).toBe("Offline use unavailable: this address's certificate is not trusted by this laptop — ask your admin");
    expect(line.hint).toContain('SSL certificate error');
    for (const kind of ['storage', 'browser', 'registration', 'file', 'slow'] as const) {
      const text = offlineText({ state: 'unavailable', problem: { kind, detail: 'TypeError: wasm thread SSL' }, cached: 3, needed: 29 })!.text;
      expect(text).toMatch(/^Offline use (unavailable|not ready)/);
      expect(text).not.toMatch(JARGON);
    }
  });

  it('shows the face download in megabytes, then starting, ready or slow', () => {
    const base = { backend: null, loadedBytes: 0, totalBytes: 0 };
    expect(faceText({ ...base, status: 'loading', phase: 'downloading', loadedBytes: 4_200_000, totalBytes: 11_310_000 }).text).toBe(
      'Downloading face recognition: 4.2 of 11 MB',
    );
    expect(faceText({ ...base, status: 'loading', phase: 'starting', loadedBytes: 11_310_000, totalBytes: 11_310_000 }).text).toBe(
      'Starting face recognition…',
    );
    expect(faceText({ ...base, status: 'ready', phase: null, backend: 'wasm' }).text).toBe('Face recognition ready');
    expect(faceText({ ...base, status: 'ready', phase: null, backend: 'cpu' }).text).toBe('Face recognition slow on this computer');
    expect(faceText({ ...base, status: 'idle', phase: null }).text).not.toMatch(/not loaded/);
    expect(faceText({ ...base, status: 'error', phase: null }).text).not.toMatch(JARGON);
  });
});
