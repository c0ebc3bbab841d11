/**
 * Recognition drills on the learner's own face: a kept clip of one of their caught flashes is shown
 * METT-style, a still neutral frame, the flash at its true speed, the neutral frame again, and the
 * learner names the kind. The clip shown next is of the kind they recognise worst.
 */
import type { FlashKind } from '../../shared/contract/index.ts';
import { kindLabel } from '../../shared/flash/index.ts';
import type { RecognitionTry } from '../../shared/practice/index.ts';
import type { PracticeClip } from '../storage/db.ts';
import type { PracticeLayout } from './practice-layout.ts';

export const RECOGNITION_DEFAULTS = {
  /** ms the neutral first frame is held before the flash plays, and after it. */
  neutralHoldMs: 1000,
} as const;

/** The clip to show next: of the kind recognised worst so far (smoothed share right), the least shown of it first. */
export function nextClip(clips: readonly PracticeClip[], past: readonly RecognitionTry[]): PracticeClip | null {
  if (!clips.length) return null;
  const rate = (k: FlashKind) => {
    const own = past.filter((t) => t.shown === k);
    return (own.filter((t) => t.right).length + 1) / (own.length + 2);
  };
  const shown = (c: PracticeClip) => past.filter((t) => t.clipTryId === c.tryId).length;
  return [...clips].sort((a, b) => rate(a.kind) - rate(b.kind) || shown(a) - shown(b))[0]!;
}

export class RecognitionDrill {
  private url: string | null = null;
  private current: PracticeClip | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ui: PracticeLayout,
    private readonly hooks: { answered(clip: PracticeClip, answer: FlashKind): void },
  ) {
    ui.recogniseAnswers.addEventListener('click', (e) => {
      const kind = (e.target as HTMLElement).closest<HTMLElement>('button.answer')?.dataset.kind as FlashKind | undefined;
      if (kind && this.current) this.answer(kind);
    });
  }

  /** Shows a clip: neutral frame, the flash at 1x, neutral frame; then the answers. */
  async show(clip: PracticeClip): Promise<void> {
    this.stop();
    const video = this.ui.recogniseVideo;
    this.current = clip;
    this.url = URL.createObjectURL(clip.video);
    video.src = this.url;
    video.playbackRate = 1;
    video.hidden = false;
    this.ui.recogniseAnswers.hidden = true;
    this.ui.recogniseResult.textContent = 'Watch your face…';
    await new Promise<void>((resolve) => {
      video.onloadeddata = () => resolve();
      video.onerror = () => resolve();
    });
    video.pause();
    video.currentTime = 0;
    this.timer = setTimeout(() => {
      void video.play().catch(() => {});
    }, RECOGNITION_DEFAULTS.neutralHoldMs);
    video.onended = () => {
      video.currentTime = 0;
      this.timer = setTimeout(() => {
        this.ui.recogniseAnswers.hidden = false;
        this.ui.recogniseResult.textContent = 'Which kind was it?';
      }, RECOGNITION_DEFAULTS.neutralHoldMs);
    };
  }

  private answer(kind: FlashKind): void {
    const clip = this.current!;
    this.current = null;
    this.ui.recogniseAnswers.hidden = true;
    const right = kind === clip.kind;
    this.ui.recogniseResult.dataset.right = String(right);
    this.ui.recogniseResult.textContent = right
      ? `Right: ${kindLabel(clip.kind)}.`
      : `It was ${kindLabel(clip.kind)} (you made it as that); you said ${kindLabel(kind)}.`;
    this.hooks.answered(clip, kind);
  }

  stop(): void {
    clearTimeout(this.timer);
    const video = this.ui.recogniseVideo;
    video.onended = null;
    video.pause();
    video.removeAttribute('src');
    video.hidden = true;
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.current = null;
  }
}
