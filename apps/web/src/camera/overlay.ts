// Draws face boxes and their labels over the video, scaled from the frame's pixels to the canvas.
import type { Box } from '@rollcall/recognition';

export interface OverlayBox {
  box: Box;
  label: string;
  tone: 'known' | 'unknown' | 'pending' | 'review';
}

const COLOURS = { known: '#2bd46b', unknown: '#ff5a4f', pending: '#f5c542', review: '#ff9f1c' } as const;

export function drawOverlay(canvas: HTMLCanvasElement, frameWidth: number, frameHeight: number, boxes: readonly OverlayBox[]) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  canvas.width = canvas.clientWidth;
  canvas.height = canvas.clientHeight;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!frameWidth || !frameHeight) return;
  const sx = canvas.width / frameWidth;
  const sy = canvas.height / frameHeight;
  ctx.lineWidth = 3;
  ctx.font = '600 15px system-ui, sans-serif';
  for (const b of boxes) {
    const [x, y, w, h] = b.box;
    ctx.strokeStyle = COLOURS[b.tone];
    ctx.strokeRect(x * sx, y * sy, w * sx, h * sy);
    const tw = ctx.measureText(b.label).width + 10;
    ctx.fillStyle = COLOURS[b.tone];
    ctx.fillRect(x * sx, Math.max(0, y * sy - 22), tw, 22);
    ctx.fillStyle = '#111';
    ctx.fillText(b.label, x * sx + 5, Math.max(16, y * sy - 6));
  }
}
