// Image-quality measures of a face, taken on its aligned chip so they do not depend on the
// photo's resolution or framing: sharpness (variance of the Laplacian) and brightness (mean luma).
import { toGray, type RgbImage } from './image.ts';

export interface QualityMeasures {
  /**
   * Variance of the 4-neighbour Laplacian over the central face region divided by the variance
   * of the luma there, x100: edge energy relative to contrast, so darkening a photo does not
   * read as blur. Higher is sharper.
   */
  sharpness: number;
  /** Mean luma 0..255 over the central face region. */
  brightness: number;
}

/**
 * The chip's central region (the inner 60%): with dlib's padding 0.25 the face spans the middle
 * two thirds of the chip, so this is skin, eyes and mouth, not background.
 */
function centralRegion(size: number): { from: number; to: number } {
  return { from: Math.round(size * 0.2), to: Math.round(size * 0.8) };
}

export function measureQuality(chip: RgbImage): QualityMeasures {
  const gray = toGray(chip);
  const w = chip.width;
  const { from, to } = centralRegion(Math.min(chip.width, chip.height));
  let sum = 0,
    sq = 0,
    n = 0,
    lapSum = 0,
    lapSq = 0;
  for (let y = from; y < to; y++) {
    for (let x = from; x < to; x++) {
      const i = y * w + x;
      const v = gray[i]!;
      sum += v;
      sq += v * v;
      n++;
      const lap = gray[i - 1]! + gray[i + 1]! + gray[i - w]! + gray[i + w]! - 4 * v;
      lapSum += lap;
      lapSq += lap * lap;
    }
  }
  const lapMean = lapSum / n;
  const lapVar = lapSq / n - lapMean * lapMean;
  const mean = sum / n;
  // A flat patch (variance ~0) has no detail to judge: floor the contrast to avoid dividing by 0.
  const grayVar = Math.max(sq / n - mean * mean, 1);
  return { sharpness: (100 * lapVar) / grayVar, brightness: mean };
}
