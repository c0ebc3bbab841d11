/**
 * Decodes a video file in the worker (mediabunny demuxes, WebCodecs decodes) and yields every frame
 * in presentation order, none skipped or repeated, with its presentation time.
 */
import { ALL_FORMATS, BlobSource, Input, UrlSource, VideoSampleSink, type InputVideoTrack, type VideoSample } from 'mediabunny';
import { type FileInfo, type FileInput, PipelineError } from '../../src/shared/contract/index.ts';

export interface DecodedFrame {
  frame: VideoFrame;
  /** Presentation time, ms. */
  timestampMs: number;
}

export interface OpenedFile {
  info: FileInfo;
  frames(): AsyncGenerator<DecodedFrame>;
  close(): void;
}

const HEVC_HINT =
  'This browser cannot decode HEVC (H.265). Convert it first, e.g. `ffmpeg -i in.mov -c:v libx264 -crf 18 out.mp4`, then open out.mp4.';

export async function openVideoFile(input: FileInput): Promise<OpenedFile> {
  const source = input.kind === 'blob' ? new BlobSource(input.blob) : new UrlSource(input.url);
  const media = new Input({ source, formats: ALL_FORMATS });
  let track: InputVideoTrack | null;
  let container: string;
  try {
    container = (await media.getFormat()).name;
    track = await media.getPrimaryVideoTrack();
  } catch (err) {
    media.dispose();
    throw new PipelineError(
      'corrupt-file',
      `${input.name}: not a readable video file (${(err as Error).message}). Check that the file is complete (not truncated by a download) and is MP4, MOV, WebM or MKV.`,
    );
  }
  if (!track) {
    media.dispose();
    throw new PipelineError('no-video-track', `${input.name}: the file has no video track (audio only?). Open a video file.`);
  }
  const codec = track.codec ?? (await track.getCodecParameterString().catch(() => null)) ?? 'unknown';
  if (!track.codec || !(await track.canDecode())) {
    media.dispose();
    const what = track.codec ? `${codec} video` : 'this video codec (not H.264, VP8, VP9 or AV1; MPEG-4 Part 2?)';
    const fix = codec === 'hevc' ? HEVC_HINT : 'Convert it to H.264 first, e.g. `ffmpeg -i in.mp4 -c:v libx264 -crf 18 out.mp4`.';
    throw new PipelineError('unsupported-codec', `${input.name}: this browser cannot decode ${what}. ${fix}`);
  }
  let frameCount: number | null = null;
  let durationS = NaN;
  try {
    frameCount = (await track.computePacketStats()).packetCount;
    durationS = await track.computeDuration();
  } catch (err) {
    media.dispose();
    throw new PipelineError('corrupt-file', `${input.name}: the video track is damaged (${(err as Error).message}).`);
  }
  const rotation = await track.getRotation();
  // A phone's portrait clip is stored landscape with a turn in its metadata: the face is only
  // upright (as the model needs it, and as a player shows it) once that turn is applied.
  const turned = rotation !== 0 || (await track.getFlip());
  const info: FileInfo = {
    width: track.displayWidth,
    height: track.displayHeight,
    codec,
    container,
    durationS,
    frameCount,
    rotation,
  };
  const sink = new VideoSampleSink(track);
  async function* frames(): AsyncGenerator<DecodedFrame> {
    let lastMs = -Infinity;
    try {
      for await (const sample of sink.samples()) {
        const timestampMs = sample.timestamp * 1000;
        const frame = turned ? await uprightFrame(sample) : sample.toVideoFrame();
        sample.close();
        if (!(timestampMs > lastMs)) {
          frame.close();
          throw new PipelineError(
            'corrupt-file',
            `${input.name}: frame timestamps are not increasing (${timestampMs} ms after ${lastMs} ms). Remux the file, e.g. \`ffmpeg -i in -c copy out.mp4\`.`,
          );
        }
        lastMs = timestampMs;
        yield { frame, timestampMs };
      }
    } catch (err) {
      if (err instanceof PipelineError) throw err;
      throw new PipelineError('corrupt-file', `${input.name}: decoding failed (${(err as Error).message}). The file may be damaged.`);
    }
  }
  return { info, frames, close: () => media.dispose() };
}

/** The sample with its rotation and flip applied to the pixels (a canvas draw), as a VideoFrame. */
async function uprightFrame(sample: VideoSample): Promise<VideoFrame> {
  const upright = await sample.transform({});
  try {
    return upright.toVideoFrame();
  } finally {
    upright.close();
  }
}
