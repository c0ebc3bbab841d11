/** A kept live session's exports: times from the session's start, markers with their notes, consent and neutral kept. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  EVENTS_CSV_COLUMNS,
  MARKERS_CSV_COLUMNS,
  type KeptSession,
  sessionDocument,
  sessionExport,
  sessionStem,
} from '../../src/shared/export/index.ts';
import { angerEvent } from './cli/fixtures.ts';

/** A camera session whose first frame was captured at 671 000 ms of the capture clock. */
function session(overrides: Partial<KeptSession> = {}): KeptSession {
  const origin = 671_000;
  return {
    startedAt: '2026-12-02T20:40:04.123Z',
    endedAt: '2026-12-02T20:45:00.000Z',
    source: 'camera',
    clockOriginMs: origin,
    events: [
      angerEvent({ id: 2, onsetMs: origin + 5000, apexMs: origin + 5050, offsetMs: origin + 5100 }),
      angerEvent({ id: 1, onsetMs: origin + 777.5, apexMs: origin + 800, offsetMs: Number.NaN, durationMs: Number.NaN, endedBy: 'flush' }),
    ],
    markers: [
      { atMs: origin + 4000, note: 'said "fine", looked away', addedAt: '2026-12-02T20:40:08.200Z' },
      { atMs: origin + 250, note: '', addedAt: '2026-12-02T20:40:04.400Z' },
    ],
    consent: null,
    baseline: null,
    ...overrides,
  };
}

const parse = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

describe('kept session exports', () => {
  it('the events CSV has the columns of a file analysis and times in seconds from the session start', () => {
    const csv = parse(sessionExport(session(), 'events', { toolVersion: '1.2.3' }).text);
    expect(csv.meta.fields).toEqual([...EVENTS_CSV_COLUMNS]);
    expect(csv.data.map((r) => r.onset_s)).toEqual(['0.777500', '5.000000']);
    expect(csv.data[0]?.offset_s).toBe('');
    expect(csv.data[0]?.ended_by).toBe('flush');
    expect(csv.data[1]?.offset_s).toBe('5.100000');
  });

  it('the markers CSV lists every marker in time order with its note, quoted where needed', () => {
    const file = sessionExport(session(), 'markers', { toolVersion: '1.2.3' });
    expect(file.name).toBe('microflash-session-2026-12-02T20-40-04Z.markers.csv');
    const csv = parse(file.text);
    expect(csv.meta.fields).toEqual([...MARKERS_CSV_COLUMNS]);
    expect(csv.data).toEqual([
      { time_s: '0.250000', note: '', added_at: '2026-12-02T20:40:04.400Z' },
      { time_s: '4.000000', note: 'said "fine", looked away', added_at: '2026-12-02T20:40:08.200Z' },
    ]);
  });

  it('the WebVTT has events and markers as cues in time order', () => {
    const vtt = sessionExport(session(), 'vtt', { toolVersion: '1.2.3' }).text;
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    const starts = [...vtt.matchAll(/^(\d\d:\d\d:\d\d\.\d{3}) --> /gm)].map((m) => m[1]);
    expect(starts).toEqual(['00:00:00.250', '00:00:00.778', '00:00:04.000', '00:00:05.000']);
    expect(vtt).toContain('Marker: said "fine", looked away');
    expect(vtt).toMatch(/00:00:00\.250 --> 00:00:00\.350\nMarker\n/);
  });

  it('the JSON gives the wall-clock start, the time base, consent, and every time from the start', () => {
    const consent = { givenAt: '2026-12-02T20:40:00.000Z', disclosure: 'The person in the window…' };
    const doc = sessionDocument(session({ source: 'shared window', consent }), '1.2.3');
    expect(doc.format).toBe('microflash-session');
    expect(doc.startedAt).toBe('2026-12-02T20:40:04.123Z');
    expect(doc.timeBase).toMatch(/since startedAt/);
    expect(doc.consent).toEqual(consent);
    expect(doc.events.map((e) => e.onsetMs)).toEqual([777.5, 5000]);
    expect(doc.events[0]?.offsetMs).toBeNull();
    expect(doc.markers.map((m) => m.atMs)).toEqual([250, 4000]);
    expect(doc.files.events).toBe(`${sessionStem(session())}.events.csv`);
    // Valid JSON with no NaN in it.
    expect(() => JSON.parse(sessionExport(session(), 'json', { toolVersion: '1.2.3' }).text)).not.toThrow();
  });

  it('the report is one self-contained page: counts by kind, consent, neutral, markers with notes, a band per flash', () => {
    const consent = { givenAt: '2026-12-02T20:40:00.000Z', disclosure: 'Analysed <only> with consent & care.' };
    const baseline = { version: 1, source: 'calibrated', measureIds: [], measures: [], blendshapes: null, frames: 87 } as const;
    const s = session({
      source: 'shared window',
      consent,
      baseline: baseline as unknown as KeptSession['baseline'],
      events: [
        ...session().events,
        angerEvent({ id: 3, kind: 'pain', onsetMs: 671_000 + 9000, apexMs: 671_000 + 9050, offsetMs: 671_000 + 9100 }),
      ],
    });
    const file = sessionExport(s, 'report', { toolVersion: '1.2.3', createdAt: new Date('2026-12-02T21:00:00Z') });
    expect(file.name).toBe('microflash-session-2026-12-02T20-40-04Z.report.html');
    expect(file.type).toBe('text/html');
    const html = file.text;
    expect(html).not.toMatch(/<script|<link|src=|href=/); // nothing to run or fetch
    expect(html).toContain('Analysed &lt;only&gt; with consent &amp; care.');
    expect(html).toContain('Calibrated from 87 frames');
    expect(html).toMatch(/Anger<\/td><td>2<\/td><td>2<\/td>/); // 2 anger flashes, both micro
    expect(html).toContain('Pain (experimental)');
    expect(html).toMatch(/no pain data/);
    expect(html).toContain('said &quot;fine&quot;, looked away');
    expect(html).toContain('(no note)');
    expect(html.match(/<rect /g)?.length).toBe(3);
    expect(html.match(/stroke-dasharray/g)?.length).toBe(2);
    expect(html).toContain('Microflash 1.2.3');
    expect(html).toContain('2026-12-02T21:00:00.000Z');
  });

  it('a session kept before time 0 was recorded keeps the capture clock, and says so', () => {
    const doc = sessionDocument(session({ clockOriginMs: null }), '1.2.3');
    expect(doc.timeBase).toMatch(/capture clock/);
    expect(doc.events[0]?.onsetMs).toBe(671_777.5);
  });
});
