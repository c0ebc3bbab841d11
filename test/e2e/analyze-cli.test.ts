/**
 * `microflash analyze` end to end: the real command (node bin/microflash.js), real Chromium, the
 * real model, real fixture videos. Checks that every frame of the stream becomes exactly one row at
 * the stream's own presentation time, that the files parse and validate, that a broken file fails
 * alone, that resume skips finished work, and that shards split a folder.
 * Derived media (links, a corrupt file) go to a fresh folder under the ignored .cache/test-media/,
 * removed afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisValidator } from '../../src/cli/analysis-validator.ts';
import { hasBundledChromium } from '../../src/node/bundled-chromium.ts';
import { PROJECT_ROOT } from '../../src/node/paths.ts';
import { EVENTS_CSV_COLUMNS } from '../../src/shared/export/events-csv.ts';
import { FRAMES_CSV_COLUMNS } from '../../src/shared/export/frames-csv.ts';
import { FLASH_KINDS } from '../../src/shared/contract/index.ts';
import { MEDIA_DIR, fixtureVideo, frameCount, framePtsSeconds, sidewaysWithRotationTag } from '../../scripts/lib/media.ts';

// One folder per test run: two runs in the same checkout (a developer's and a hook's) must not
// delete each other's files.
mkdirSync(MEDIA_DIR, { recursive: true });
const WORK = mkdtempSync(join(MEDIA_DIR, 'analyze-cli-'));
const BATCH = join(WORK, 'batch');
const SHARDED = join(WORK, 'sharded');
const OUT = join(WORK, 'out');
/** Good fixtures: short H.264 in MP4 and in MOV. */
const GOOD = { single_face: fixtureVideo('single_face.mp4'), test: fixtureVideo('test.mov') } as const;
/** Frame times come back in ms from the page and are written with 6 decimals in seconds. */
const TIME_TOLERANCE_S = 2e-6;

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): CliRun {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]): CliRun {
  const r = spawnSync(process.execPath, ['bin/microflash.js', 'analyze', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 170_000,
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function parseCsv(file: string) {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors, file).toEqual([]);
  return parsed;
}

/** kill -9 of every process whose command line contains `tag` (read from /proc: no procps needed). */
function killProcessesMatching(tag: string): number {
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes(tag)) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed++;
    } catch {
      // gone already
    }
  }
  return killed;
}

let first: CliRun;
beforeAll(() => {
  mkdirSync(BATCH, { recursive: true });
  mkdirSync(SHARDED, { recursive: true });
  symlinkSync(GOOD.single_face, join(BATCH, 'single_face.mp4'));
  symlinkSync(GOOD.test, join(BATCH, 'test.mov'));
  // Not a video at all: bytes of a fixed pattern under a video name.
  writeFileSync(join(BATCH, 'broken.mp4'), Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 251)));
  // HEVC, which this Chromium does not decode.
  symlinkSync(fixtureVideo('face_noface.mov'), join(BATCH, 'hevc.mov'));
  for (const [stem, path] of Object.entries(GOOD)) symlinkSync(path, join(SHARDED, `${stem}${path.slice(path.lastIndexOf('.'))}`));
  first = cli(BATCH, '--out', OUT);
});
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe('microflash analyze on real videos', () => {
  it('completes the good files and fails each bad one in one clear line, exiting non-zero', () => {
    expect(first.status, first.stderr).toBe(1);
    const errors = first.stderr.split('\n').filter((l) => l.includes('error:'));
    expect(errors, first.stderr).toHaveLength(2);
    expect(errors.find((l) => l.includes('broken.mp4'))).toBeDefined();
    const hevc = errors.find((l) => l.includes('hevc.mov'));
    expect(hevc).toMatch(/unsupported video codec/);
    expect(hevc).toContain('ffmpeg -i');
    const written = readdirSync(OUT).sort();
    expect(written).toEqual(['single_face', 'test'].flatMap((s) => [`${s}.events.csv`, `${s}.frames.csv`, `${s}.json`, `${s}.vtt`]).sort());
    // Analysed frames per second, per file, at the end.
    expect(first.stdout).toMatch(/^single_face\s+done\s+72\s+[\d.]+\s+[\d.]+\s+\d+$/m);
    expect(first.stdout).toMatch(/^broken\s+failed/m);
  });

  it.each(Object.entries(GOOD))("%s: one row per frame of the stream, at the stream's own times", (stem, video) => {
    const { data, meta } = parseCsv(join(OUT, `${stem}.frames.csv`));
    expect(meta.fields).toEqual([...FRAMES_CSV_COLUMNS]);
    expect(data).toHaveLength(frameCount(video));
    const pts = framePtsSeconds(video).sort((a, b) => a - b);
    expect(pts).toHaveLength(data.length);
    data.forEach((row, i) => {
      expect(Number(row.frame)).toBe(i);
      const t = Number(row.timestamp_s);
      expect(Math.abs(t - pts[i]!), `frame ${i}: ${t} s vs ${pts[i]} s`).toBeLessThanOrEqual(TIME_TOLERANCE_S);
      if (i > 0) expect(t).toBeGreaterThan(Number(data[i - 1]!.timestamp_s));
      expect(['0', '1']).toContain(row.face);
      expect(row.face === '1' ? ['quiet', 'assumed', 'talking'] : ['']).toContain(row.speech);
    });
    // These fixtures show one face throughout.
    expect(data.filter((r) => r.face === '1').length).toBeGreaterThan(data.length * 0.9);
    // The engine watches the mouth before it can say the person is quiet.
    expect(data.find((r) => r.face === '1')!.speech).toBe('assumed');
  });

  it.each(Object.entries(GOOD))('%s: the JSON validates and records the input, the frames and the model', (stem, video) => {
    const doc = JSON.parse(readFileSync(join(OUT, `${stem}.json`), 'utf8'));
    const validate = createAnalysisValidator();
    expect(validate(doc), validate.errorsText()).toBe(true);
    expect(doc.input.sha256).toBe(createHash('sha256').update(readFileSync(video)).digest('hex'));
    expect(doc.analysis.frameCount).toBe(frameCount(video));
    expect(doc.video.frameCount).toBe(frameCount(video));
    expect(doc.analysis.analysedFps).toBeGreaterThan(0);
  });

  it.each(Object.entries(GOOD))('%s: events lie inside the video and agree across the CSV, JSON and WebVTT', (stem) => {
    const doc = JSON.parse(readFileSync(join(OUT, `${stem}.json`), 'utf8'));
    const durationS: number = doc.video.durationS;
    const { data, meta } = parseCsv(join(OUT, `${stem}.events.csv`));
    expect(meta.fields).toEqual([...EVENTS_CSV_COLUMNS]);
    expect(data).toHaveLength(doc.events.length);
    for (const row of data) {
      expect(FLASH_KINDS).toContain(row.kind);
      expect(row.onset_s, 'onset time').not.toBe('');
      const onset = Number(row.onset_s);
      const apex = Number(row.apex_s);
      expect(onset).toBeGreaterThanOrEqual(0);
      expect(onset).toBeLessThanOrEqual(durationS);
      expect(apex).toBeGreaterThanOrEqual(onset);
      if (row.offset_s !== '') {
        const offset = Number(row.offset_s);
        expect(apex, `${row.kind} at ${onset} s: apex after offset`).toBeLessThanOrEqual(offset + 1e-6);
        expect(offset).toBeLessThanOrEqual(durationS + 1e-6);
      }
    }
    const vtt = readFileSync(join(OUT, `${stem}.vtt`), 'utf8');
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    expect(vtt.match(/-->/g)?.length ?? 0).toBe(doc.events.length);
  });

  it('leaves no partial file behind', () => {
    expect(readdirSync(OUT).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('resume: a second run skips the finished file without analysing it again', () => {
    const before = readFileSync(join(OUT, 'single_face.json'), 'utf8');
    const again = cli(GOOD.single_face, '--out', OUT);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^single_face\s+skipped/m);
    expect(readFileSync(join(OUT, 'single_face.json'), 'utf8')).toBe(before);
  });

  it('--shard i/n splits a folder without overlap or gaps', () => {
    // Same output folder: both files are complete there, so the shards only have to pick them.
    const picked = [1, 2].map((i) => {
      const run = cli(SHARDED, '--out', OUT, '--shard', `${i}/2`);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain(`shard ${i}/2: 1 of 2 files`);
      return [...run.stdout.matchAll(/^(\S+)\s+skipped/gm)].map((m) => m[1]);
    });
    expect(picked.flat().sort()).toEqual(['single_face', 'test']);
    expect(picked[0]).toHaveLength(1);
    expect(picked[1]).toHaveLength(1);
  });

  it('a truncated download is analysed as far as it goes and said to be incomplete (exit 3)', () => {
    // The first 40% of the bytes of a 472-frame MP4 whose index is at the front: the container still
    // declares every frame.
    const whole = readFileSync(fixtureVideo('WolfgangLanger_Pexels.mp4'));
    const cut = join(WORK, 'truncated', 'cut.mp4');
    mkdirSync(join(WORK, 'truncated'), { recursive: true });
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.4)));
    const out = join(WORK, 'truncated-out');
    const run = cli(cut, '--out', out);
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/warning: .*cut\.mp4: the file ended early: \d+ of 472 frames/);
    const doc = JSON.parse(readFileSync(join(out, 'cut.json'), 'utf8'));
    expect(doc.video.complete).toBe(false);
    expect(doc.video.declaredFrameCount).toBe(472);
    expect(doc.video.frameCount).toBeLessThan(472);
    expect(doc.video.fps).toBeCloseTo(23.976, 1);
    expect(parseCsv(join(out, 'cut.frames.csv')).data).toHaveLength(doc.video.frameCount);
  });

  it('a phone clip with rotation metadata is analysed upright, and the rotation is recorded', () => {
    const rotated = sidewaysWithRotationTag(GOOD.single_face, 'single_face');
    const out = join(WORK, 'rotated-out');
    const run = cli(rotated, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const stem = 'single_face.rotated';
    const doc = JSON.parse(readFileSync(join(out, `${stem}.json`), 'utf8'));
    expect([90, 270]).toContain(doc.video.rotation);
    // Width and height as a player shows it: the original 640x360 again.
    expect([doc.video.width, doc.video.height]).toEqual([640, 360]);
    const roll = (file: string) => {
      const rows = parseCsv(file).data.filter((r) => r.face === '1');
      return { faces: rows.length, meanRoll: rows.reduce((a, r) => a + Number(r.pose_Rz), 0) / rows.length };
    };
    const upright = roll(join(OUT, 'single_face.frames.csv'));
    const turned = roll(join(out, `${stem}.frames.csv`));
    // Read sideways, the head roll would be about a quarter turn (1.57 rad) off.
    expect(turned.faces).toBeGreaterThanOrEqual(upright.faces - 2);
    expect(Math.abs(turned.meanRoll - upright.meanRoll)).toBeLessThan(0.1);
  });

  it('a browser killed mid-file fails that file in one line, keeps no partial result and leaves no profile', async () => {
    const out = join(WORK, 'killed-out');
    const child = spawn(process.execPath, ['bin/microflash.js', 'analyze', fixtureVideo('WolfgangLanger_Pexels.mp4'), '--out', out], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const profileTag = `microflash-profile-${child.pid}-`;
    // Kill once frames are being written (the frames table has grown past its header).
    const started = Date.now();
    const writing = () => existsSync(out) && readdirSync(out).some((f) => f.includes('partial') && statSync(join(out, f)).size > 4096);
    while (!writing()) {
      if (Date.now() - started > 120_000) throw new Error(`no frames written within 120 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(killProcessesMatching(profileTag), 'no browser process found').toBeGreaterThan(0);
    const status = await exited;
    expect(status, stderr).toBe(1);
    const errors = stderr.split('\n').filter((l) => l.includes('error:'));
    expect(errors, stderr).toHaveLength(1);
    expect(errors[0]).toMatch(/WolfgangLanger_Pexels\.mp4: .*browser went away/);
    expect(errors[0]!.length).toBeLessThan(400);
    expect(stderr.split('\n').length, stderr).toBeLessThan(12);
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual([]);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(profileTag))).toEqual([]);
  }, 180_000);

  it.runIf(hasBundledChromium())('runs on the bundled Chromium when asked, and says so in the JSON and the closing table', () => {
    const out = join(WORK, 'bundled-out');
    const run = cliWith({ MICROFLASH_CHROMIUM: 'bundled' }, GOOD.single_face, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'single_face.json'), 'utf8'));
    expect(doc.analysis.browser).toMatch(/^Chromium \d+\.\d+\.\d+\.\d+ \(bundled: /);
    expect(run.stdout).toContain(`browser: ${doc.analysis.browser}`);
    expect(parseCsv(join(out, 'single_face.frames.csv')).data).toHaveLength(frameCount(GOOD.single_face));
    expect(doc.analysis.framesWithFace).toBeGreaterThan(0.9 * doc.video.frameCount);
  });
});
