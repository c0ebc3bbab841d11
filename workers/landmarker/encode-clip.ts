/**
 * A clip's frames (RGBA pixels) into a small video file: WebCodecs encodes, mediabunny writes the
 * container. Each frame keeps its own time, so the clip plays at the speed it was captured.
 */
import { BufferTarget, CanvasSource, getFirstEncodableVideoCodec, Mp4OutputFormat, Output, Quality, WebMOutputFormat } from 'mediabunny';
import { CLIP_DEFAULTS, type CutClip } from '../../src/shared/clips/index.ts';
import { type FlashClip, PipelineError } from '../../src/shared/contract/index.ts';
import { type ClipImage, drawClipImage } from './clip-image.ts';

/** Encodes a cut clip into `size` x `size` frames; rejects when the browser encodes no codec we write. */
export async function encodeClip(clip: CutClip<Promise<ClipImage>>, size: number): Promise<FlashClip> {
  const codec = await getFirstEncodableVideoCodec([...CLIP_DEFAULTS.codecs], { width: size, height: size });
  if (!codec)
    throw new PipelineError(
      'unsupported-codec',
      'This browser cannot encode video (no VP8, VP9 or H.264 encoder): clips of flashes cannot be kept here.',
    );
  const format = codec === 'avc' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat();
  const target = new BufferTarget();
  const output = new Output({ format, target });
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  const source = new CanvasSource(canvas, { codec, quality: new Quality({ bitrate: CLIP_DEFAULTS.bitrate }) });
  output.addVideoTrack(source);
  await output.start();
  const shots = clip.shots;
  const t0 = shots[0]?.atMs ?? clip.startMs;
  for (let i = 0; i < shots.length; i++) {
    const shot = shots[i]!;
    const next = shots[i + 1]?.atMs ?? shot.atMs + (shots.length > 1 ? (shot.atMs - t0) / (shots.length - 1) : 33);
    drawClipImage(ctx, await shot.item, size);
    await source.add((shot.atMs - t0) / 1000, Math.max(1, next - shot.atMs) / 1000);
  }
  await output.finalize();
  const mimeType = format.mimeType;
  return {
    event: clip.event,
    startMs: t0,
    endMs: shots[shots.length - 1]?.atMs ?? t0,
    frameCount: shots.length,
    width: size,
    height: size,
    mimeType,
    video: new Blob([target.buffer as ArrayBuffer], { type: mimeType }),
  };
}
