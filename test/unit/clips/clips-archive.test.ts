/** The clips' zip: one video per clip, named by flash, and clips.csv in seconds from the start of the session. */
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CLIPS_CSV_COLUMNS, clipsArchive, type ClipFile } from '../../../src/shared/export/index.ts';
import { angerEvent } from '../cli/fixtures.ts';

const origin = 50_000;
const clip = (onsetMs: number, kind: 'anger' | 'happiness', bytes: number[], mimeType = 'video/webm'): ClipFile => ({
  event: angerEvent({ kind, onsetMs: origin + onsetMs, offsetMs: origin + onsetMs + 200, durationMs: 200 }),
  startMs: origin + onsetMs - 500,
  endMs: origin + onsetMs + 700,
  frameCount: 36,
  width: 160,
  height: 160,
  mimeType,
  bytes: new Uint8Array(bytes),
});

describe('clips archive', () => {
  it('holds each clip as it is, in time order, indexed by clips.csv', () => {
    const session = { startedAt: '2026-12-03T09:00:00.000Z', clockOriginMs: origin };
    const { name, bytes } = clipsArchive(session, [clip(4000, 'happiness', [4, 5, 6], 'video/mp4'), clip(1500, 'anger', [1, 2, 3])]);
    expect(name).toBe('microflash-session-2026-12-03T09-00-00Z.clips.zip');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['clip-001-anger-1.500s.webm', 'clip-002-happiness-4.000s.mp4', 'clips.csv']);
    expect([...files['clip-001-anger-1.500s.webm']!]).toEqual([1, 2, 3]);
    const csv = strFromU8(files['clips.csv']!);
    expect(csv.split('\n')[0]).toBe(CLIPS_CSV_COLUMNS.join(','));
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows[0]).toMatchObject({
      kind: 'anger',
      onset_s: '1.500000',
      offset_s: '1.700000',
      clip_start_s: '1.000000',
      clip_end_s: '2.200000',
      frames: '36',
    });
    expect(rows[1]!.file).toBe('clip-002-happiness-4.000s.mp4');
  });

  it('is a valid archive with only the index when there are no clips', () => {
    const files = unzipSync(clipsArchive({ startedAt: '2026-12-03T09:00:00.000Z', clockOriginMs: null }, []).bytes);
    expect(Object.keys(files)).toEqual(['clips.csv']);
  });
});
