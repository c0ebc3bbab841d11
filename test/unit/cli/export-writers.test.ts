import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AU_CHANNELS } from '../../../src/shared/contract/index.ts';
import { csvEscape, csvRow } from '../../../src/shared/export/csv-escape.ts';
import { EVENTS_CSV_COLUMNS, eventsCsv, formatEventAus } from '../../../src/shared/export/events-csv.ts';
import { eventsVtt, vttTimestamp } from '../../../src/shared/export/events-vtt.ts';
import { formatNumber } from '../../../src/shared/export/format-number.ts';
import { FRAMES_CSV_COLUMNS, framesCsvHeader, framesCsvRow } from '../../../src/shared/export/frames-csv.ts';
import { angerEvent, emptyFrame, faceFrame } from './fixtures.ts';

function parse(text: string) {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result;
}

describe('formatNumber', () => {
  it('writes fixed decimals and leaves missing values empty', () => {
    expect(formatNumber(1.23456, 4)).toBe('1.2346');
    expect(formatNumber(2, 4)).toBe('2.0000');
    expect(formatNumber(null, 4)).toBe('');
    expect(formatNumber(Number.NaN, 4)).toBe('');
    expect(formatNumber(Number.POSITIVE_INFINITY, 4)).toBe('');
    expect(formatNumber(-0.00001, 4)).toBe('0.0000');
    expect(formatNumber(-0.5, 1)).toBe('-0.5');
  });
});

describe('csvEscape (RFC 4180)', () => {
  it('quotes only fields that need it and doubles inner quotes', () => {
    expect(csvEscape('plain')).toBe('plain');
    expect(csvEscape('a,b')).toBe('"a,b"');
    expect(csvEscape('say "hi"')).toBe('"say ""hi"""');
    expect(csvEscape('two\nlines')).toBe('"two\nlines"');
    expect(csvEscape('cr\r')).toBe('"cr\r"');
  });

  it('round-trips awkward fields through papaparse', () => {
    const fields = ['a,b', 'say "hi"', 'two\nlines', '', ' spaced '];
    const parsed = Papa.parse<string[]>(csvRow(fields), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(fields);
  });
});

describe('frames CSV', () => {
  it('names columns as OpenFace does, derived from AU_CHANNELS', () => {
    expect(FRAMES_CSV_COLUMNS.slice(0, 6)).toEqual(['frame', 'timestamp_s', 'face', 'pose_Rx', 'pose_Ry', 'pose_Rz']);
    expect(FRAMES_CSV_COLUMNS).toContain('AU01_r');
    expect(FRAMES_CSV_COLUMNS).toContain('AU12_L_r');
    expect(FRAMES_CSV_COLUMNS).toContain('AU12_R_r');
    expect(FRAMES_CSV_COLUMNS).toContain('AU12_L_c');
    expect(FRAMES_CSV_COLUMNS).toContain('AU09_c');
    expect(FRAMES_CSV_COLUMNS).not.toContain('AU09_L_r');
    expect(FRAMES_CSV_COLUMNS.filter((c) => c.endsWith('_r'))).toHaveLength(AU_CHANNELS.length);
    expect(FRAMES_CSV_COLUMNS.filter((c) => /^AU.*_c$/.test(c))).toHaveLength(AU_CHANNELS.length);
    expect(new Set(FRAMES_CSV_COLUMNS).size).toBe(FRAMES_CSV_COLUMNS.length);
    // Every intensity column comes before every presence column.
    const lastR = FRAMES_CSV_COLUMNS.findLastIndex((c) => c.endsWith('_r'));
    const firstC = FRAMES_CSV_COLUMNS.findIndex((c) => /^AU.*_c$/.test(c));
    expect(lastR).toBeLessThan(firstC);
  });

  it('streams a header and rows that parse back with fixed precision', () => {
    const text = framesCsvHeader() + framesCsvRow(faceFrame(0)) + framesCsvRow(emptyFrame(1)) + framesCsvRow(faceFrame(2, 0.5));
    const { data, meta } = parse(text);
    expect(meta.fields).toEqual([...FRAMES_CSV_COLUMNS]);
    expect(data).toHaveLength(3);
    const [first, empty, third] = data as [Record<string, string>, Record<string, string>, Record<string, string>];
    expect(first.frame).toBe('0');
    expect(first.timestamp_s).toBe('0.000000');
    expect(first.face).toBe('1');
    expect(first.pose_Rx).toBe('0.100000');
    expect(first.pose_Rz).toBe('0.000000');
    expect(first.AU12_L_r).toBe('1.2346');
    expect(first.AU12_L_c).toBe('1');
    expect(first.eye_blink).toBe('0.7000');
    expect(first.face_count).toBe('1');
    expect(first.speech).toBe('talking');
    expect(empty.timestamp_s).toBe('0.033333');
    expect(empty.face).toBe('0');
    expect(empty.AU04_r).toBe('');
    expect(empty.AU04_c).toBe('');
    expect(empty.pose_Ry).toBe('');
    expect(empty.face_count).toBe('0');
    expect(empty.speech).toBe('');
    expect(third.timestamp_s).toBe('0.066667');
    expect(third.AU01_c).toBe('0');
  });

  it('accepts the typed arrays of the in-app frame result', () => {
    const f = faceFrame(3);
    const row = framesCsvRow({ ...f, aus: Float32Array.from(f.aus as number[]), auPresence: Uint8Array.from(f.auPresence) });
    expect(row.split(',')).toHaveLength(FRAMES_CSV_COLUMNS.length);
  });
});

describe('events CSV', () => {
  it('writes one row per event in onset order with times in seconds', () => {
    const late = angerEvent({ id: 2, kind: 'one_sided_smile', onsetMs: 2000, side: 'left', micro: false, fastOnset: true });
    const ongoing = angerEvent({
      id: 3,
      kind: 'surprise',
      onsetMs: 2300,
      status: 'onset',
      offsetMs: Number.NaN,
      durationMs: Number.NaN,
      side: null,
      sideLagMs: null,
    });
    const { data, meta } = parse(eventsCsv([late, angerEvent(), ongoing]));
    expect(meta.fields).toEqual([...EVENTS_CSV_COLUMNS]);
    expect(data.map((r) => r.kind)).toEqual(['anger', 'one_sided_smile', 'surprise']);
    expect(data[0]).toMatchObject({
      onset_s: '1.000000',
      apex_s: '1.066667',
      offset_s: '1.133333',
      onset_ms: '66.667',
      duration_ms: '133.333',
      peak: '2.3123',
      side: 'both',
      micro: '1',
      fast_onset: '0',
      aus: 'AU04:2.31;AU07:1.20',
    });
    expect(data[1]).toMatchObject({ side: 'left', micro: '0', fast_onset: '1' });
    expect(data[2]).toMatchObject({ offset_s: '', duration_ms: '', side: '', side_lag_ms: '' });
  });

  it('writes just the header when there are no events', () => {
    expect(parse(eventsCsv([])).data).toEqual([]);
  });

  it('lists AUs as id:peak pairs', () => {
    expect(formatEventAus([{ au: 'AU12_L', peak: 3 }])).toBe('AU12_L:3.00');
    expect(formatEventAus([])).toBe('');
  });
});

describe('WebVTT', () => {
  it('formats timestamps as hh:mm:ss.ttt', () => {
    expect(vttTimestamp(0)).toBe('00:00:00.000');
    expect(vttTimestamp(1066.6666)).toBe('00:00:01.067');
    expect(vttTimestamp(3_723_004)).toBe('01:02:03.004');
  });

  it('writes a valid file with one cue per event in start order', () => {
    const text = eventsVtt([
      angerEvent({ onsetMs: 5000, offsetMs: 5400, durationMs: 400 }),
      angerEvent({ kind: 'one_sided_smile', side: 'right', micro: false, durationMs: 800, offsetMs: 1800 }),
      angerEvent({ kind: 'fear', status: 'onset', onsetMs: 9000, offsetMs: Number.NaN, durationMs: Number.NaN }),
    ]);
    expectValidVtt(text);
    expect(text).toContain('1\n00:00:01.000 --> 00:00:01.800\nOne-sided smile (right, 800 ms) AU04 AU07\n');
    expect(text).toContain('2\n00:00:05.000 --> 00:00:05.400\nAnger (micro, 400 ms) AU04 AU07\n');
    expect(text).toContain('3\n00:00:09.000 --> 00:00:09.100\nFear (micro, ongoing at end) AU04 AU07\n');
  });

  it('is a valid empty file without events', () => {
    expectValidVtt(eventsVtt([]));
  });
});

describe('kinds without validation data', () => {
  it('are marked experimental in the events CSV and the WebVTT labels; validated kinds are not', () => {
    const pain = angerEvent({ id: 2, kind: 'pain', onsetMs: 2000, apexMs: 2050, offsetMs: 2200 });
    const rows = parse(eventsCsv([angerEvent(), pain])).data;
    expect(rows.map((r) => [r.kind, r.experimental])).toEqual([
      ['anger', '0'],
      ['pain', '1'],
    ]);
    const vtt = eventsVtt([angerEvent(), pain]);
    expect(vtt).toContain('Pain (experimental)');
    expect(vtt).not.toContain('Anger (experimental)');
  });
});

/** The WebVTT file syntax (W3C WebVTT section 4.1), checked block by block. */
function expectValidVtt(text: string): void {
  expect(text.startsWith('WEBVTT\n\n') || text === 'WEBVTT\n').toBe(true);
  const blocks = text
    .split(/\n{2,}/)
    .slice(1)
    .filter((b) => b.trim() !== '');
  let lastStart = -1;
  for (const block of blocks) {
    const lines = block.split('\n');
    const timing = lines.findIndex((l) => l.includes('-->'));
    expect(timing).toBeGreaterThanOrEqual(0);
    expect(timing).toBeLessThanOrEqual(1);
    const match = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/.exec(lines[timing]!);
    expect(match).not.toBeNull();
    const ms = (h: string, m: string, s: string, t: string) => ((+h * 60 + +m) * 60 + +s) * 1000 + +t;
    const [, h1, m1, s1, t1, h2, m2, s2, t2] = match!;
    const start = ms(h1!, m1!, s1!, t1!);
    const end = ms(h2!, m2!, s2!, t2!);
    expect(end).toBeGreaterThan(start);
    expect(start).toBeGreaterThanOrEqual(lastStart);
    lastStart = start;
    for (const line of lines.slice(timing + 1)) expect(line).not.toContain('-->');
  }
}
