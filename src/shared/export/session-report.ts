/**
 * `<stem>.report.html`: one printable page a clinician can keep for a session, made from the kept
 * data only: source, start and end, the consent record, the neutral used, flashes by kind, a
 * timeline of the flashes and markers, the markers with their notes, every flash, and the tool's
 * version. Self-contained (inline style, no script, nothing fetched); the browser's Print makes a
 * PDF of it. Times are from the start of the session.
 */
import { FLASH_KINDS, type FlashEvent } from '../contract/index.ts';
import { EXPERIMENTAL_KINDS, KIND_COLOURS, kindLabel } from '../flash/index.ts';
import { type KeptSession, sessionRelativeEvents, sessionRelativeMarkers } from './session-times.ts';

export const REPORT_DEFAULTS = {
  /** Width and height of the timeline drawing (SVG user units = CSS pixels on screen). */
  timelineWidth: 700,
  timelineRowHeight: 14,
  /** Narrowest flash drawn, so a 2-frame flash stays visible on a long session. */
  minBandWidth: 2,
} as const;

/** The report's HTML text. `createdAt` is when it was made (given, so the builder stays pure). */
export function sessionReportHtml(session: KeptSession, toolVersion: string, createdAt: Date): string {
  const events = sessionRelativeEvents(session);
  const markers = sessionRelativeMarkers(session);
  const lengthS = sessionLengthS(session, events, markers);
  const kinds = FLASH_KINDS.filter((k) => events.some((e) => e.kind === k));
  const rows = kinds.map((k) => {
    const of = events.filter((e) => e.kind === k);
    return `<tr><td><span class="swatch" style="background:${KIND_COLOURS[k]}"></span>${esc(kindLabel(k))}</td><td>${of.length}</td><td>${of.filter((e) => e.micro).length}</td><td>${of.filter((e) => e.macro).length}</td></tr>`;
  });
  const experimental = kinds.filter((k) => EXPERIMENTAL_KINDS[k]);
  const consent = session.consent
    ? `<p>Consent given ${esc(session.consent.givenAt)} to this disclosure:</p><blockquote>${esc(session.consent.disclosure)}</blockquote>`
    : '<p>One’s own camera: no consent step.</p>';
  const neutral = session.baseline
    ? `<p>${session.baseline.source === 'calibrated' ? 'Calibrated' : 'Learnt automatically'} from ${session.baseline.frames} frames of the face.</p>`
    : '<p>None recorded with this session.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Microflash session ${esc(session.startedAt)}</title>
<style>
body { font: 11pt/1.4 system-ui, sans-serif; color: #111; max-width: 760px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 16pt; margin: 0 0 4px; } h2 { font-size: 12pt; margin: 18px 0 6px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; } td, th { padding: 2px 10px 2px 0; text-align: left; vertical-align: top; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
blockquote { margin: 4px 0 4px 12px; color: #333; } .muted { color: #666; font-size: 9pt; }
@media print { body { margin: 0; } }
</style></head><body>
<h1>Microflash session report</h1>
<table>
<tr><th>Source</th><td>${esc(session.source)}</td></tr>
<tr><th>Started</th><td>${esc(session.startedAt)}</td></tr>
<tr><th>Ended</th><td>${esc(session.endedAt ?? 'not recorded')}</td></tr>
<tr><th>Length</th><td>${clock(lengthS)}</td></tr>
</table>
<h2>Consent</h2>
${consent}
<h2>Neutral face</h2>
${neutral}
<h2>Flashes by kind</h2>
${rows.length ? `<table><tr><th>Kind</th><th>Flashes</th><th>Micro (≤ 500 ms)</th><th>Longer</th></tr>${rows.join('')}</table>` : '<p>No flashes.</p>'}
${experimental.map((k) => `<p class="muted">${esc(kindLabel(k))}: ${esc(EXPERIMENTAL_KINDS[k]!)}.</p>`).join('\n')}
<h2>Timeline</h2>
${timelineSvg(events, markers, lengthS, kinds)}
<h2>Markers and notes</h2>
${markers.length ? `<table>${markers.map((m, i) => `<tr><td>M${i + 1}</td><td>${clock(m.atMs / 1000)}</td><td>${esc(m.note || '(no note)')}</td></tr>`).join('')}</table>` : '<p>No markers.</p>'}
<h2>Every flash</h2>
${events.length ? `<table><tr><th>Time</th><th>Kind</th><th>Duration</th><th>Action units</th></tr>${events.map(eventRow).join('')}</table>` : '<p>No flashes.</p>'}
<p class="muted">Made ${esc(createdAt.toISOString())} by Microflash ${esc(toolVersion)} from the session kept in this browser only; times are from the start of the session (its first analysed frame). Flashes are machine readings of facial action units, not diagnoses.</p>
</body></html>
`;
}

function eventRow(e: FlashEvent): string {
  const duration = Number.isFinite(e.durationMs) ? `${Math.round(e.durationMs)} ms${e.micro ? ', micro' : ''}` : 'ongoing at the end';
  return `<tr><td>${clock(e.onsetMs / 1000)}</td><td>${esc(kindLabel(e.kind))}</td><td>${duration}</td><td>${esc(e.aus.map((a) => a.au).join(' '))}</td></tr>`;
}

/** One row per kind seen, a band per flash; markers as numbered lines across all rows. */
function timelineSvg(
  events: readonly FlashEvent[],
  markers: readonly { atMs: number }[],
  lengthS: number,
  kinds: readonly FlashEvent['kind'][],
): string {
  const { timelineWidth: w, timelineRowHeight: rh, minBandWidth } = REPORT_DEFAULTS;
  const label = 130;
  const plotW = w - label;
  const top = 12; // marker numbers above the rows
  const h = top + Math.max(1, kinds.length) * rh + 14;
  const x = (s: number) => label + (lengthS > 0 ? (Math.max(0, s) / lengthS) * plotW : 0);
  const parts: string[] = [];
  kinds.forEach((k, row) => {
    const y = top + row * rh;
    parts.push(`<text x="0" y="${y + rh - 3}" font-size="10">${esc(kindLabel(k))}</text>`);
    for (const e of events.filter((ev) => ev.kind === k)) {
      const x0 = x(e.onsetMs / 1000);
      const end = Number.isFinite(e.offsetMs) ? e.offsetMs / 1000 : lengthS;
      parts.push(
        `<rect x="${x0.toFixed(1)}" y="${y + 2}" width="${Math.max(minBandWidth, x(end) - x0).toFixed(1)}" height="${rh - 4}" fill="${KIND_COLOURS[k]}"/>`,
      );
    }
  });
  markers.forEach((m, i) => {
    const mx = x(m.atMs / 1000).toFixed(1);
    parts.push(`<line x1="${mx}" y1="${top}" x2="${mx}" y2="${h - 14}" stroke="#333" stroke-dasharray="3 2"/>`);
    parts.push(`<text x="${mx}" y="${top - 3}" font-size="9" text-anchor="middle">M${i + 1}</text>`);
  });
  parts.push(`<text x="${label}" y="${h - 3}" font-size="9">0:00</text>`);
  parts.push(`<text x="${w}" y="${h - 3}" font-size="9" text-anchor="end">${clock(lengthS)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Flashes and markers over the session">${parts.join('')}</svg>`;
}

function sessionLengthS(session: KeptSession, events: readonly FlashEvent[], markers: readonly { atMs: number }[]): number {
  const wall = session.endedAt ? (Date.parse(session.endedAt) - Date.parse(session.startedAt)) / 1000 : 0;
  const lastEvent = Math.max(0, ...events.map((e) => (Number.isFinite(e.offsetMs) ? e.offsetMs : e.onsetMs) / 1000));
  const lastMarker = Math.max(0, ...markers.map((m) => m.atMs / 1000));
  return Math.max(Number.isFinite(wall) ? wall : 0, lastEvent, lastMarker);
}

/** `m:ss.s` (hours folded into minutes). */
function clock(s: number): string {
  const t = Math.max(0, s);
  return `${Math.floor(t / 60)}:${(t % 60).toFixed(1).padStart(4, '0')}`;
}

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
