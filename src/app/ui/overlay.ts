/**
 * Draws the followed face's landmarks (and the other faces' boxes) over the video, scaled to the
 * displayed video area. Drawn once per animation frame from the newest result only.
 */
import { LANDMARK_COUNT, type FrameResult } from '../../shared/contract/index.ts';

export const OVERLAY_STYLE = {
  point: 'rgba(80, 230, 180, 0.85)',
  otherFace: 'rgba(255, 210, 80, 0.9)',
  followedFace: 'rgba(80, 230, 180, 0.9)',
  pointRadiusPx: 1.2,
} as const;

export class Overlay {
  private latest: FrameResult | null = null;
  private raf = 0;
  visible = true;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly video: HTMLVideoElement,
  ) {}

  show(result: FrameResult): void {
    this.latest = result;
    if (!this.raf) this.raf = requestAnimationFrame(() => this.draw());
  }

  clear(): void {
    this.latest = null;
    const ctx = this.canvas.getContext('2d');
    ctx?.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Normalised image coordinates of a click on the overlay, or null outside the video. */
  toImage(event: MouseEvent): { x: number; y: number } | null {
    const rect = this.canvas.getBoundingClientRect();
    const area = this.videoArea(rect.width, rect.height);
    let x = (event.clientX - rect.left - area.x) / area.w;
    const y = (event.clientY - rect.top - area.y) / area.h;
    if (getComputedStyle(this.canvas).transform.startsWith('matrix(-1')) x = 1 - x; // mirrored preview
    return x >= 0 && x <= 1 && y >= 0 && y <= 1 ? { x, y } : null;
  }

  /** Where the video's picture sits inside the element (object-fit: contain). */
  private videoArea(w: number, h: number): { x: number; y: number; w: number; h: number } {
    const vw = this.video.videoWidth || w;
    const vh = this.video.videoHeight || h;
    const scale = Math.min(w / vw, h / vh);
    return { x: (w - vw * scale) / 2, y: (h - vh * scale) / 2, w: vw * scale, h: vh * scale };
  }

  private draw(): void {
    this.raf = 0;
    const r = this.latest;
    const { clientWidth: w, clientHeight: h } = this.canvas;
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, w, h);
    if (!r || !this.visible) return;
    const area = this.videoArea(w, h);
    for (let i = 0; i < r.faceCount; i++) {
      ctx.strokeStyle = i === r.faceIndex ? OVERLAY_STYLE.followedFace : OVERLAY_STYLE.otherFace;
      ctx.lineWidth = i === r.faceIndex ? 2 : 1.5;
      const [bx, by, bw, bh] = r.faceBoxes.subarray(i * 4, i * 4 + 4);
      ctx.strokeRect(area.x + (bx as number) * area.w, area.y + (by as number) * area.h, (bw as number) * area.w, (bh as number) * area.h);
    }
    if (!r.facePresent) return;
    ctx.fillStyle = OVERLAY_STYLE.point;
    for (let i = 0; i < LANDMARK_COUNT; i++) {
      const x = area.x + r.landmarks[i * 3]! * area.w;
      const y = area.y + r.landmarks[i * 3 + 1]! * area.h;
      ctx.fillRect(
        x - OVERLAY_STYLE.pointRadiusPx,
        y - OVERLAY_STYLE.pointRadiusPx,
        OVERLAY_STYLE.pointRadiusPx * 2,
        OVERLAY_STYLE.pointRadiusPx * 2,
      );
    }
  }
}
