/**
 * Analysing a local file in the app: every frame through the worker, progress with ETA, and the
 * same four files the command line writes (frames CSV, events CSV, JSON, WebVTT), built by the
 * same writers. The file never leaves the page.
 */
import pkg from '../../package.json';
import {
  analysisDocument,
  analysisJson,
  analysisVideo,
  eventsCsv,
  eventsVtt,
  EXPORT_SUFFIXES,
  type ExportKind,
  framesCsvHeader,
  framesCsvRow,
  truncationWarning,
} from '../shared/export/index.ts';
import type { DelegateChoice, FileInfo, FlashEvent, FrameResult } from '../shared/contract/index.ts';
import { MODEL } from '../shared/model.ts';
import { AuTraceBuilder, type AuTrace } from '../shared/timeline/au-trace.ts';
import type { WorkerBridge } from '../pipeline/worker-bridge.ts';

export interface FileProgress {
  done: number;
  total: number | null;
  /** Seconds left at the current rate, or null before it is known. */
  etaS: number | null;
  fps: number;
}

export interface FileAnalysisOutput {
  /** File name -> text, for downloads. */
  files: Record<ExportKind, { name: string; text: string }>;
  frameCount: number;
  events: FlashEvent[];
  elapsedS: number;
  /** Set when the file ended before its declared frames (truncated): say it to the user. */
  warning: string | null;
  /** Every frame's AUs on the video's clock, for the review timeline. */
  trace: AuTrace;
}

async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function analyzeFileInApp(
  bridge: WorkerBridge,
  file: File,
  delegateChoice: DelegateChoice,
  handlers: {
    onProgress(p: FileProgress): void;
    onFrame?(r: FrameResult): void;
    /** Every analysed frame, in order (onFrame gets only the newest of each batch). */
    onEachFrame?(r: FrameResult): void;
    onEvents?(events: FlashEvent[]): void;
    signal?: AbortSignal;
  },
): Promise<FileAnalysisOutput> {
  const stem = file.name.replace(/\.[^.]+$/, '');
  const sha = sha256Hex(file);
  let frames = framesCsvHeader();
  const trace = new AuTraceBuilder();
  let framesWithFace = 0;
  let done = 0;
  let info: FileInfo | null = null;
  const events = new Map<number, FlashEvent>();
  const t0 = performance.now();
  const summary = await bridge.analyzeFile(
    { kind: 'blob', blob: file, name: file.name },
    {
      onBatch(batch: FrameResult[]) {
        for (const r of batch) {
          frames += framesCsvRow(r);
          trace.push(r);
          handlers.onEachFrame?.(r);
          if (r.facePresent) framesWithFace++;
          for (const e of r.events) if (e.status === 'complete') events.set(e.id, e);
          // Every event, not only those of the batch's last frame: the page's list must match the events CSV.
          if (r.events.length) handlers.onEvents?.(r.events);
        }
        done += batch.length;
        const last = batch[batch.length - 1];
        if (last) handlers.onFrame?.(last);
        const elapsedS = (performance.now() - t0) / 1000;
        const fps = done / elapsedS;
        const total = info?.frameCount ?? null;
        handlers.onProgress({ done, total, fps, etaS: total && fps > 0 ? (total - done) / fps : null });
      },
      onInfo(i: FileInfo) {
        info = i;
      },
    },
    { signal: handlers.signal },
  );
  const elapsedS = (performance.now() - t0) / 1000;
  const all = [...events.values()];
  const video = analysisVideo(summary);
  const document = analysisDocument({
    stem,
    toolVersion: pkg.version,
    createdAt: new Date(),
    input: { fileName: file.name, sizeBytes: file.size, sha256: await sha },
    video,
    configuration: { delegate: delegateChoice, rules: null, rulesFile: null },
    browser: navigator.userAgent,
    delegate: bridge.delegate.delegate,
    modelSha256: MODEL.sha256,
    frameCount: summary.framesAnalysed,
    framesWithFace,
    elapsedS,
    events: all,
  });
  const name = (kind: ExportKind) => stem + EXPORT_SUFFIXES[kind];
  return {
    files: {
      frames: { name: name('frames'), text: frames },
      events: { name: name('events'), text: eventsCsv(all) },
      json: { name: name('json'), text: analysisJson(document) },
      vtt: { name: name('vtt'), text: eventsVtt(all) },
    },
    frameCount: summary.framesAnalysed,
    events: all,
    elapsedS,
    warning: truncationWarning(file.name, video),
    trace: trace.build(),
  };
}
