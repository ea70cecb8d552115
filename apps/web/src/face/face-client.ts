// The page's side of the face worker: sends it frames (transferred, never copied) and photos, and
// turns its plain-data answers into FrameObservations for the recognition core. At most one frame
// is in flight and one waits; a newer frame replaces the waiting one, so the engine always works
// on the newest picture. A worker that dies is replaced on the next request; nothing else is lost.
import { FaceError, isFaceError, type FrameBox, type FrameResult } from '@rollcall/face';
import type { BackendRequest, EngineMode, EngineNote } from '@rollcall/face/browser';
import { toFrameObservation, type FrameObservation } from '@rollcall/recognition';
import type { Preloaded } from './preloaded-fetch.ts';
import type { FrameSource, PhotoReply, WorkerReply, WorkerRequest } from './protocol.ts';
import { t } from '../core/i18n.ts';

export interface FaceClientOptions {
  backend: BackendRequest;
  modelBaseUrl: string;
  /** Model files the page already downloaded: sent with the first start only (a restart after a crash fetches again). */
  preloaded?: Preloaded;
  onNotice?: (note: EngineNote) => void;
  /** Told each time a worker has loaded its models (also after a restart). */
  onReady?: (mode: EngineMode) => void;
  /** Told when a worker died and its requests failed. */
  onCrash?: (message: string) => void;
}

/** What one frame gave, with the worker's timings for the speed line. */
export type FrameAnalysis = FrameObservation & { timing: FrameResult['timing'] };

type Waiter = { resolve: (r: WorkerReply & { ok: true }) => void; reject: (e: Error) => void };
type Body = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class FaceWorkerClient {
  private worker: Worker | null = null;
  private started: Promise<EngineMode> | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private frameBusy = false;
  private queued: { frame: FrameSource; skip: FrameBox[]; at: number; tiles: number; resolve: (a: FrameAnalysis) => void; reject: (e: Error) => void } | null =
    null;
  /** Workers replaced after a crash, for the Details section. */
  restarts = 0;

  private preloaded: Preloaded | null;

  constructor(private readonly opts: FaceClientOptions) {
    this.preloaded = opts.preloaded ?? null;
  }

  /** Starts the worker and loads the models (again, after a crash); resolves with how it runs. */
  start(): Promise<EngineMode> {
    this.started ??= (async () => {
      const worker = new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module', name: 'rollcall-face' });
      this.worker = worker;
      worker.onmessage = (e: MessageEvent<WorkerReply>) => this.receive(worker, e.data);
      worker.onerror = (e) => this.crash(worker, e.message || t({ id: 'face.worker.failed', defaultMessage: 'the face worker failed' }));
      worker.onmessageerror = () =>
        this.crash(worker, t({ id: 'face.worker.unreadable', defaultMessage: 'the face worker sent a message the page could not read' }));
      try {
        const preloaded = this.preloaded ? new Map(this.preloaded) : undefined;
        const reply = await this.request(worker, {
          kind: 'init',
          backend: this.opts.backend,
          modelBaseUrl: this.opts.modelBaseUrl,
          ...(preloaded && { preloaded }),
        });
        if (reply.kind !== 'init') throw new Error(`face worker answered init with ${reply.kind}`);
        this.preloaded = null; // the page keeps no copy of the models once the engine has them
        this.opts.onReady?.(reply.mode);
        return reply.mode;
      } catch (err) {
        this.stopWorker(worker); // a failed start is forgotten: the next call tries again
        throw err;
      }
    })();
    return this.started;
  }

  /**
   * Analyses one camera frame (the frame is transferred to the worker and closed there). Faces
   * overlapping `skipBoxes` get the detector only; `tiles` > 1 also searches the frame in tiles
   * for small faces (the caller owns the schedule: see tileSchedule). Rejects with 'frame-dropped'
   * when a newer frame replaced this one, and 'engine-crashed' when the worker died.
   */
  analyzeFrame(frame: FrameSource, skipBoxes: readonly FrameBox[], at = performance.now(), tiles = 0): Promise<FrameAnalysis> {
    return new Promise((resolve, reject) => {
      if (this.queued) {
        this.queued.frame.close();
        this.queued.reject(new FaceError('frame-dropped', 'a newer frame replaced this one'));
      }
      this.queued = { frame, skip: skipBoxes.map((b) => [...b] as FrameBox), at, tiles, resolve, reject };
      void this.pump();
    });
  }

  /** Decodes and checks an enrolment photo in the worker. */
  async analyzePhoto(file: Blob, name: string): Promise<PhotoReply> {
    await this.start();
    const reply = await this.request(this.worker!, { kind: 'photo', file, name });
    if (reply.kind !== 'photo') throw new Error(`face worker answered a photo with ${reply.kind}`);
    return reply.photo;
  }

  dispose(): void {
    if (this.worker) this.stopWorker(this.worker);
  }

  private async pump(): Promise<void> {
    if (this.frameBusy || !this.queued) return;
    this.frameBusy = true;
    const job = this.queued;
    this.queued = null;
    try {
      await this.start();
      const reply = await this.request(this.worker!, { kind: 'frame', frame: job.frame, skip: job.skip, tiles: job.tiles }, [job.frame]);
      if (reply.kind !== 'frame') throw new Error(`face worker answered a frame with ${reply.kind}`);
      const { width, height, timing } = reply.result;
      // The one adapter from the pipeline's result to what the recognition core takes.
      job.resolve({ ...toFrameObservation(reply.result, { at: job.at, width, height }), timing });
    } catch (err) {
      job.frame.close(); // a no-op once transferred; frees it when the worker never got it
      job.reject(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.frameBusy = false;
      void this.pump();
    }
  }

  private request(worker: Worker, body: Body, transfer: Transferable[] = []): Promise<WorkerReply & { ok: true }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  private receive(worker: Worker, reply: WorkerReply) {
    if (reply.id === null) {
      if (reply.kind === 'fatal') this.crash(worker, reply.message);
      else this.opts.onNotice?.(reply.note);
      return;
    }
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.ok) waiter.resolve(reply);
    else waiter.reject(reply.error.code ? new FaceError(reply.error.code, reply.error.message, reply.error.file) : new Error(reply.error.message));
  }

  private crash(worker: Worker, message: string) {
    if (worker !== this.worker) return;
    this.restarts++;
    this.opts.onCrash?.(message);
    this.stopWorker(worker, new FaceError('engine-crashed', `the face engine stopped (${message}); it restarts with the next frame`));
  }

  private stopWorker(worker: Worker, reason = new FaceError('engine-crashed', 'the face engine was stopped')) {
    worker.terminate();
    if (worker === this.worker) {
      this.worker = null;
      this.started = null;
    }
    for (const w of this.waiting.values()) w.reject(reason);
    this.waiting.clear();
  }
}

/** For a recognition loop: a frame lost to a newer one or to a worker restart is skipped, not an error. */
export function skipLostFrame(err: unknown): null {
  if (isFaceError(err, 'frame-dropped') || isFaceError(err, 'engine-crashed')) return null;
  throw err;
}

/** The newest picture of a playing video, in the cheapest transferable form the browser has. */
export async function grabFrame(video: HTMLVideoElement): Promise<FrameSource> {
  if (typeof VideoFrame !== 'undefined') return new VideoFrame(video, { timestamp: Math.round(performance.now() * 1000) });
  return createImageBitmap(video);
}
