/**
 * Analyses video files in headless Chromium with the app's own worker pipeline: the built app is
 * served on 127.0.0.1, the harness page decodes each file in the worker (every frame, in order) and
 * streams plain per-frame rows back here.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import type {} from '../shared/harness-api.ts';
import type { AnalyzedFrame } from '../shared/analyzed-frame.ts';
import type { DelegateChoice, DelegateReport, FileInfo, FileSummary, FlashEvent } from '../shared/contract/index.ts';
import { analysisVideo } from '../shared/export/index.ts';
import {
  AnalysisError,
  type AnalysisBrowser,
  type AnalyzeHandlers,
  type AnalyzeOptions,
  type FileAnalysisResult,
} from './analysis-types.ts';
import {
  chromiumAvailable,
  conciseBrowserError,
  isBrowserGone,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
  type LaunchedBrowser,
} from './chromium.ts';
import { ensureBuilt } from './ensure-build.ts';
import { DIST_DIR } from './paths.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

export interface AnalysisBrowserOptions {
  delegate?: DelegateChoice;
  rules?: unknown;
  /** Include raw landmarks, blendshapes and matrices in every frame (recordings). */
  raw?: boolean;
  /** Landmarkers per file (FileAnalysisOptions.pool); the worker's default when absent. */
  pool?: number;
  /** Pages analysing at once (--jobs), so that the default pool shares the cores. */
  pages?: number;
}

/** Console lines from MediaPipe's native code that are information, not errors. */
const BENIGN_CONSOLE = /XNNPACK|TensorFlow Lite|gl_context|OpenGL|W0000|I0000|absl|Graph successfully/i;
/** Warnings that are faults of ours: a frame left to the garbage collector holds decoder memory. */
const FAULTY_WARNING = /garbage collected without being closed/i;

export interface PageFaults {
  errors: string[];
  foreignRequests: string[];
}

/** Collects page errors and any request to another origin (nothing may leave the machine). */
export function watchPage(page: Page, origin: string): PageFaults {
  const faults: PageFaults = { errors: [], foreignRequests: [] };
  page.on('pageerror', (e) => faults.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !BENIGN_CONSOLE.test(m.text())) faults.errors.push(m.text());
    else if (m.type() === 'warning' && FAULTY_WARNING.test(m.text())) faults.errors.push(m.text());
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) faults.foreignRequests.push(u);
  });
  return faults;
}

export async function launchAnalysisBrowser(
  options: AnalysisBrowserOptions = {},
): Promise<AnalysisBrowser & { delegateReport(): Promise<DelegateReport | null> }> {
  if (!chromiumAvailable()) throw new AnalysisError('no-browser', NO_CHROMIUM_MESSAGE);
  await ensureBuilt();
  let server: StaticServer | null = null;
  let browser: LaunchedBrowser | null = null;
  try {
    server = await startStaticServer(DIST_DIR);
    browser = await launchChromium();
    const page = await browser.context.newPage();
    watchPage(page, server.url);
    let current: AnalyzeHandlers | null = null;
    let info: FileInfo | null = null;
    let done = 0;
    await page.exposeFunction('microflashFrames', async (frames: AnalyzedFrame[]) => {
      done += frames.length;
      await current?.onFrames(frames);
      current?.onProgress?.(done, info?.frameCount ?? null);
    });
    await page.exposeFunction('microflashInfo', async (i: FileInfo) => {
      info = i;
    });
    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.evaluate((o) => window.microflash.init(o), { delegate: options.delegate ?? 'auto', rules: options.rules });

    const s = server;
    const b = browser;
    let busy = false;
    return {
      description: `Chromium ${b.info.version} (${b.info.source}: ${b.info.executablePath})`,
      async analyze(path: string, handlers: AnalyzeHandlers, analyzeOptions: AnalyzeOptions = {}): Promise<FileAnalysisResult> {
        if (busy) throw new AnalysisError('internal', 'One file at a time per AnalysisBrowser; open another for parallel jobs.');
        try {
          accessSync(path, constants.R_OK);
          if (!statSync(path).isFile()) throw new Error('not a file');
        } catch (err) {
          throw new AnalysisError('io', `${path}: cannot read the file (${(err as Error).message}).`);
        }
        busy = true;
        current = handlers;
        info = null;
        done = 0;
        const url = s.addFile(path);
        const t0 = performance.now();
        const events = new Map<number, FlashEvent>();
        const inner = handlers.onFrames;
        current = {
          ...handlers,
          onFrames: async (frames) => {
            for (const f of frames) for (const e of f.events) if (e.status === 'complete') events.set(e.id, e);
            await inner(frames);
          },
        };
        try {
          const out = await page
            .evaluate(
              ([u, n, raw, calibrate, pool, pages]) =>
                window.microflash.analyzeUrl(u, n, { raw, calibrate, pool: pool ?? undefined, pages: pages ?? undefined }),
              [
                url,
                basename(path),
                options.raw ?? false,
                analyzeOptions.calibrate ?? false,
                options.pool ?? null,
                options.pages ?? null,
              ] as const,
            )
            .catch((err: unknown) => {
              if (isBrowserGone(err)) {
                throw new AnalysisError(
                  'browser-closed',
                  `the browser went away during the analysis (killed, crashed or out of memory) after ${done} frames; nothing of this file was kept. Run the same command again: finished files are skipped.`,
                );
              }
              throw new AnalysisError('internal', conciseBrowserError(err));
            });
          if (!out.ok) throw new AnalysisError(out.code, out.message);
          const summary: FileSummary = out.summary;
          return {
            video: analysisVideo(summary),
            delegate: summary.delegate?.delegate ?? 'CPU',
            events: [...events.values()].sort((a, c) => a.onsetMs - c.onsetMs),
            elapsedS: (performance.now() - t0) / 1000,
            baseline: summary.baseline,
          };
        } finally {
          s.removeFile(url);
          current = null;
          busy = false;
        }
      },
      setNeutral: (baseline) => page.evaluate((b) => window.microflash.setBaseline(b), baseline),
      delegateReport: () => page.evaluate(() => window.microflash.delegate()),
      async close() {
        await b.close();
        await s.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await server?.close();
    if (err instanceof AnalysisError) throw err;
    throw new AnalysisError('internal', `Could not start the analysis browser: ${conciseBrowserError(err)}`);
  }
}
