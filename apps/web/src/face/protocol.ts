// The messages between the page and the face worker: plain data (and transferred frames) only,
// so nothing of tfjs or Human ever reaches the main thread.
import type { ModelId } from '@rollcall/contracts';
import type { EnrolmentCheck, FaceErrorCode, FrameBox, FrameResult } from '@rollcall/face';
import type { BackendRequest, EngineMode, EngineNote } from '@rollcall/face/browser';

export type FrameSource = ImageBitmap | VideoFrame;

export type WorkerRequest =
  /** `preloaded`: the model files the page already downloaded, by absolute URL, so the worker does not fetch them again. */
  | { id: number; kind: 'init'; backend: BackendRequest; modelBaseUrl: string; preloaded?: Map<string, ArrayBuffer> }
  | { id: number; kind: 'frame'; frame: FrameSource; skip: FrameBox[]; tiles: number }
  | { id: number; kind: 'photo'; file: Blob; name: string };

export interface PhotoReply {
  width: number;
  height: number;
  check: EnrolmentCheck;
}

export type WorkerReply =
  | { id: number; ok: true; kind: 'init'; mode: EngineMode; modelId: ModelId }
  | { id: number; ok: true; kind: 'frame'; result: FrameResult }
  | { id: number; ok: true; kind: 'photo'; photo: PhotoReply }
  | { id: number; ok: false; error: { code: FaceErrorCode | null; message: string; file?: string } }
  /** Unsolicited: a backend decision the page shows, or an error the worker could not tie to a request. */
  | { id: null; kind: 'notice'; note: EngineNote }
  | { id: null; kind: 'fatal'; message: string };
