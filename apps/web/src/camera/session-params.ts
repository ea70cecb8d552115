// The recognition session's parameters from the device settings: one reading for every loop on
// the device (Take attendance, Camera check), so both judge a face by the same limits.
import { DEFAULT_LIVENESS, DEFAULT_RECOGNITION, type LivenessParams, type RecognitionParams, type SessionOptions } from '@rollcall/recognition';
import type { Settings } from '../core/settings.ts';

export function recognitionParams(s: Settings): RecognitionParams {
  return { ...DEFAULT_RECOGNITION, threshold: s.threshold, margin: s.margin, consensusFrames: s.consensusFrames, requireLiveness: s.liveness };
}

export function livenessParams(s: Settings): LivenessParams {
  return { ...DEFAULT_LIVENESS, requireBlink: s.requireBlink, unsureTexture: s.unsureTexture };
}

/** What a running session changes when the settings change or a session starts or ends. */
export function sessionSettings(s: Settings, sessionId: string | null): Pick<SessionOptions, 'params' | 'liveness' | 'inSession' | 'cooldownMs'> {
  return { params: recognitionParams(s), liveness: livenessParams(s), inSession: sessionId !== null, cooldownMs: s.cooldownSeconds * 1000 };
}
