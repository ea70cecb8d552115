// Take attendance's subscription to its controller (attendance-controller.ts): one per page,
// told what changed, run while recognition is on; the page reads its stats.
import { useEffect, useState, type RefObject } from 'react';
import { useCameraLoop } from '../camera/useCameraLoop.ts';
import { AttendanceController, type AttendanceInputs } from './attendance-controller.ts';
import type { SightingLearner } from '../matcher/learn-sightings.ts';

export interface RecognitionInput extends AttendanceInputs {
  video: RefObject<HTMLVideoElement | null>;
  canvas: RefObject<HTMLCanvasElement | null>;
  active: boolean;
  /** The page's learner: clear marks teach through it. */
  learner: SightingLearner;
  onError: (message: string) => void;
}

export function useRecognition({ video, canvas, active, learner, onError, ...inputs }: RecognitionInput) {
  const [controller] = useState(() => new AttendanceController(learner, inputs));
  const { settings, sessionId, classId, roster, names, alreadyMarked } = inputs;
  useEffect(
    () => controller.update({ settings, sessionId, classId, roster, names, alreadyMarked }),
    [controller, settings, sessionId, classId, roster, names, alreadyMarked],
  );
  return useCameraLoop(controller, active, video, canvas, onError);
}
