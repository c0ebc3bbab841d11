import { describe, expect, it } from 'vitest';
import { CLI_DEFAULTS } from '../../../src/cli/cli-defaults.ts';
import type { InputFile } from '../../../src/cli/collect-inputs.ts';
import { createOverallProgress, formatDuration } from '../../../src/cli/overall-progress.ts';
import { createPlainReporter } from '../../../src/cli/progress-reporter.ts';
import { summaryTable } from '../../../src/cli/summary-table.ts';

const a: InputFile = { path: '/v/a.mp4', stem: 'a', sizeBytes: 100 };
const b: InputFile = { path: '/v/b.mp4', stem: 'b', sizeBytes: 300 };

describe('plain progress lines', () => {
  it('print start, throttled progress with ETA, and the end of each file', () => {
    let t = 0;
    let text = '';
    const write = (s: string) => {
      text += s;
      return true;
    };
    const out = { write } as unknown as NodeJS.WritableStream;
    const r = createPlainReporter(out, () => t);
    r.start([a, b]);
    r.fileStarted(a);
    t = 1000;
    r.fileProgress(a, 10, 100); // too soon for a line
    t = CLI_DEFAULTS.plainProgressIntervalMs;
    r.fileProgress(a, 50, 100);
    r.note(a, 'analysing again: made with other rules');
    r.fileFinished({
      input: a,
      status: 'done',
      summary: {
        frameCount: 100,
        declaredFrameCount: 100,
        warning: null,
        framesWithFace: 90,
        eventCount: 2,
        elapsedS: 20,
        fps: 5,
        delegate: 'CPU',
        browser: 'Chromium 1.0 (system: /usr/bin/chromium)',
      },
    });
    r.fileFinished({ input: b, status: 'failed', message: '/v/b.mp4: damaged or not a video: x' });
    expect(text.split('\n')).toEqual([
      '2 files to analyse',
      '[1/2] a: started',
      '[1/2] a: 50% 50/100 frames, 5.0 fps, ETA 10 s; all files 12%, ETA 1 min 10 s',
      '[1/2] a: analysing again: made with other rules',
      '[1/2] a: 100 frames in 20.0 s (5.0 fps, CPU), 2 events',
      '[2/2] error: /v/b.mp4: damaged or not a video: x',
      '',
    ]);
  });
});

describe('overall progress', () => {
  it('weighs files by size and drops skipped ones from the total', () => {
    const p = createOverallProgress([a, b]);
    p.finish(a, true, 0);
    p.update(b, 0.5, 0);
    expect(p.fraction()).toBe(0.5);
    expect(p.etaS(10_000)).toBe(10);
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('?');
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3900)).toBe('1 h 05 min');
  });
});

describe('summary table', () => {
  it('lists analysed fps per file and totals', () => {
    const text = summaryTable([
      {
        input: a,
        status: 'done',
        summary: {
          frameCount: 100,
          declaredFrameCount: 100,
          warning: null,
          framesWithFace: 90,
          eventCount: 2,
          elapsedS: 4,
          fps: 25,
          delegate: 'CPU',
          browser: 'Chromium 1.0 (system: /usr/bin/chromium)',
        },
      },
      { input: b, status: 'skipped', reason: 'outputs complete' },
    ]);
    expect(text).toBe(
      [
        'file  status   frames  seconds   fps  events',
        'a     done        100      4.0  25.0       2',
        'b     skipped',
        '1 analysed (100 frames, 25.0 fps per page), 1 skipped as complete',
        'browser: Chromium 1.0 (system: /usr/bin/chromium)',
        '',
      ].join('\n'),
    );
  });
});
