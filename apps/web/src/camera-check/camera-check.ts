// Camera check's use of the camera loop: the same loop and session Take attendance runs, with every
// face analysed in full, marking nobody; each face's reading comes with its track's liveness
// verdict, so the check says what Take attendance would do with the face.
import type { Settings } from '../core/settings.ts';
import { Store } from '../core/store.ts';
import { t } from '../core/i18n.ts';
import { CameraLoop, readingsOf, type FaceReading } from '../camera/camera-loop.ts';
import type { OverlayBox } from '../camera/overlay.ts';
import type { LiveReading } from './verdicts.ts';

export interface CheckedFace {
  reading: FaceReading;
  live: LiveReading;
}

const TONE: Record<string, OverlayBox['tone']> = { live: 'known', presentation: 'review', undecided: 'pending', off: 'pending' };

export class CameraCheck {
  readonly camera: CameraLoop;
  /** The faces of the last frame, in the frame's order. */
  readonly faces = new Store<CheckedFace[]>([]);
  private settings: Settings;

  constructor(settings: Settings) {
    this.settings = settings;
    this.camera = new CameraLoop(
      {
        embedAll: true,
        act: async (step, { loop }) => {
          const readings = readingsOf(step);
          this.faces.set(step.tracks.map((track, i) => ({ reading: readings[i]!, live: this.settings.liveness ? loop.session.livenessOf(track.id) : 'off' })));
        },
        overlay: (step) =>
          step.tracks.map((track, i) => {
            const live = this.faces.state[i]?.live ?? null;
            const kind = live === null ? 'undecided' : live === 'off' ? 'off' : live.kind;
            return {
              box: track.box,
              label: t({ id: 'cameraCheck.overlay.size', defaultMessage: '{size}px' }, { size: Math.round(step.frame.faces[i]!.size) }),
              tone: TONE[kind] ?? 'pending',
            };
          }),
      },
      CameraCheck.inputs(settings),
    );
  }

  private static inputs(settings: Settings) {
    return { settings, sessionId: null, roster: null, alreadyMarked: [] };
  }

  get stats() {
    return this.camera.stats;
  }

  start(...args: Parameters<CameraLoop['start']>): () => void {
    this.faces.set([]);
    return this.camera.start(...args);
  }

  update(settings: Settings): void {
    this.settings = settings;
    this.camera.update(CameraCheck.inputs(settings));
  }
}
