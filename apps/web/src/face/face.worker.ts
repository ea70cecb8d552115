// The face worker: loads Human and the face-api net once and answers frame and photo requests,
// so no model ever runs on the page's main thread. One request at a time (the page never sends
// more than one frame in flight); every answer is plain data.
/// <reference lib="webworker" />
import { checkEnrolmentPhoto, DEFAULT_GATES, isFaceError, type FaceEngine } from '@rollcall/face';
import { createBrowserFaceEngine, decodeImageBlob, toRgbImage } from '@rollcall/face/browser';
import { preloadedFetch } from './preloaded-fetch.ts';
import type { FrameSource, WorkerReply, WorkerRequest } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

let engine: Promise<FaceEngine> | null = null;
const networkFetch = self.fetch.bind(self);

const post = (reply: WorkerReply) => self.postMessage(reply);

function frameSize(frame: FrameSource): [number, number] {
  return 'displayWidth' in frame ? [frame.displayWidth, frame.displayHeight] : [frame.width, frame.height];
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  switch (req.kind) {
    case 'init': {
      // The engine fetches its models itself: answer those the page already has from memory.
      if (req.preloaded?.size) self.fetch = preloadedFetch(req.preloaded, networkFetch, location.href);
      const loaded = createBrowserFaceEngine({
        modelBaseUrl: req.modelBaseUrl,
        backend: req.backend,
        verify: false,
        onNotice: (note) => post({ id: null, kind: 'notice', note }),
      });
      engine = loaded;
      // Loaded (or failed): the bytes are no longer needed, and a later fetch goes to the network.
      const e = await loaded.finally(() => (self.fetch = networkFetch));
      return { id: req.id, ok: true, kind: 'init', mode: e.mode, modelId: e.modelId };
    }
    case 'frame': {
      try {
        const e = await ready();
        const [w, h] = frameSize(req.frame);
        return {
          id: req.id,
          ok: true,
          kind: 'frame',
          result: await e.analyzeFrame(toRgbImage(req.frame, w, h), req.skip, { tiles: req.tiles }),
        };
      } finally {
        req.frame.close();
      }
    }
    case 'photo': {
      const e = await ready();
      const img = await decodeImageBlob(req.file, req.name);
      return { id: req.id, ok: true, kind: 'photo', photo: { width: img.width, height: img.height, check: await checkEnrolmentPhoto(e, img, DEFAULT_GATES) } };
    }
  }
}

function ready(): Promise<FaceEngine> {
  if (!engine) throw new Error('the face worker was asked to analyse before it was started');
  return engine;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  handle(req).then(post, (err: unknown) => {
    if (req.kind === 'init') engine = null; // a failed load is forgotten: the next init tries again
    const message = err instanceof Error ? err.message : String(err);
    post({ id: req.id, ok: false, error: isFaceError(err) ? { code: err.code, message, ...(err.file && { file: err.file }) } : { code: null, message } });
  });
};

// An error nothing caught (a wasm abort inside a tfjs callback) leaves the engine in an unknown
// state: the page is told, and replaces this worker with a fresh one.
self.addEventListener('unhandledrejection', (event) => post({ id: null, kind: 'fatal', message: String(event.reason) }));
