// The limits of track liveness, separate from the enrolment gates (@rollcall/face DEFAULT_GATES):
// those judge one still photo, these judge how a face changes over a live track.
// Distances are fractions of the face's RMS radius over the stable mesh points (about 0.35 of
// the face box width), so the same limit holds for a 60 px and a 160 px face.

export interface LivenessParams {
  /** Only the newest samples within this many ms are judged: life must be recent. */
  windowMs: number;
  /** Frames with a mesh needed before any verdict. */
  minFrames: number;
  /** At most this many frames (evenly spread over the window) enter the geometric test. */
  maxGeometryFrames: number;
  /** A frame pair whose faces moved less than this is "unchanged" (sensor and mesh noise). */
  stillLimit: number;
  /** A track unchanged for this long is a still picture (a photo on a stand, a frozen screen). */
  stillMs: number;
  /** A pair whose similarity residual exceeds this was tilted or turned, not only moved or zoomed. */
  warpLimit: number;
  /** A pair whose homography residual exceeds this moved as no flat picture can: a head. */
  nonPlanarLimit: number;
  /** Head-like pairs needed for a live verdict ... */
  minLivePairs: number;
  /** ... and their least share among head-like plus tilted-but-planar pairs. */
  minLiveShare: number;
  /** Tilted-but-planar pairs needed (with no live verdict) to call the track a flat picture. */
  minPlanarPairs: number;
  /** Eye openness below this fraction of the track's open-eye level is a closed eye (a blink). */
  blinkRatio: number;
  /** Open-eye level (lid gap over eye width) below which eyes are not measurable (too small, turned). */
  minEyeOpenness: number;
  /** Stricter schools: no live verdict without a blink. */
  requireBlink: boolean;
  /** Median Human antispoof over the window below this is a presentation; 0 turns it off. */
  minAntispoof: number;
}

// Provisional values; replaced by measured ones below in the same commit series.
export const DEFAULT_LIVENESS: LivenessParams = {
  windowMs: 4000,
  minFrames: 5,
  maxGeometryFrames: 32,
  stillLimit: 0.02,
  stillMs: 2000,
  warpLimit: 0.03,
  nonPlanarLimit: 0.03,
  minLivePairs: 3,
  minLiveShare: 0.5,
  minPlanarPairs: 4,
  blinkRatio: 0.5,
  minEyeOpenness: 0.15,
  requireBlink: false,
  minAntispoof: 0,
};
