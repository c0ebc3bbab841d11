/**
 * Pearson correlation, per action unit, between this project's AU time courses and a commercial
 * peer's per-frame output (Emotient FACET SDK, log10 evidence) for the same videos.
 * Frames are matched by timestamp: the peer stamps each frame with its end time (first row 0.07 s
 * at ~14.3 fps, one row per frame), so a frame presented at t matches the peer row nearest
 * t + one frame interval, within half a frame. The peer is a machine,
 * not human FACS coding: read the numbers as agreement, not accuracy.
 *
 * Usage: npx tsx scripts/compare-peer.ts [stem ...]   (default: smile contempt)
 * Needs the landmark recordings (npx tsx scripts/record-landmarks.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createAuEstimator } from '../src/shared/au/index.ts';
import { AU_CHANNEL_INDEX, AU_LIST, type AuId } from '../src/shared/contract/index.ts';
import { auInputOf, loadRecording } from './lib/recordings.ts';

const PEER_DIR = join('..', 'shared', 'fixtures', 'peer-output');
/** Largest timestamp difference for a frame match, as a fraction of the recording's frame interval. */
const MATCH_FRACTION = 0.5;

export interface PeerComparison {
  stem: string;
  /** Matched frames (with a face in both). */
  frames: number;
  /** Pearson r per AU present in both (NaN when either side is constant). */
  r: Partial<Record<AuId, number>>;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma,
      db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

export function comparePeer(stem: string, peerDir = PEER_DIR): PeerComparison {
  const rec = loadRecording(stem);
  // One stray CR in these files fools newline detection: split on LF only.
  const text = readFileSync(join(peerDir, `${stem}_facet.csv`), 'utf8').replace(/\r/g, '');
  const csv = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, newline: '\n' });
  const peerT = csv.data.map((row) => Number(row.timestamp) * 1000);
  const est = createAuEstimator();
  const ours: Record<string, number[]> = {};
  const theirs: Record<string, number[]> = {};
  const common = AU_LIST.map((a) => a.id).filter((id) => csv.meta.fields?.includes(`AU${Number(id.slice(2))}`));
  const dts = rec.frames
    .slice(1)
    .map((f, i) => f.timestampMs - rec.frames[i]!.timestampMs)
    .sort((x, y) => x - y);
  const frameMs = dts[dts.length >> 1] ?? 70;
  const tol = frameMs * MATCH_FRACTION;
  let frames = 0;
  let j = 0;
  for (const f of rec.frames) {
    const out = est.step(auInputOf(f, rec));
    if (!out.baselineReady || Number.isNaN(out.aus[0]!)) continue;
    const tEnd = f.timestampMs + frameMs;
    while (j + 1 < peerT.length && Math.abs(peerT[j + 1]! - tEnd) <= Math.abs(peerT[j]! - tEnd)) j++;
    if (!(Math.abs(peerT[j]! - tEnd) <= tol)) continue;
    const row = csv.data[j]!;
    const vals = common.map((id) => Number(row[`AU${Number(id.slice(2))}`]));
    if (vals.some((v) => !Number.isFinite(v))) continue;
    frames++;
    common.forEach((id, k) => {
      (ours[id] ??= []).push(out.aus[AU_CHANNEL_INDEX[id]]!);
      (theirs[id] ??= []).push(vals[k]!);
    });
  }
  const r: Partial<Record<AuId, number>> = {};
  for (const id of common) r[id] = pearson(ours[id] ?? [], theirs[id] ?? []);
  return { stem, frames, r };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stems = process.argv.slice(2).length ? process.argv.slice(2) : ['smile', 'contempt'];
  const results = stems.map((s) => comparePeer(s));
  const ids = [...new Set(results.flatMap((res) => Object.keys(res.r)))] as AuId[];
  console.log(`Pearson r, our AU intensity vs FACET log10 evidence (frames matched by timestamp; automatic neutral)`);
  console.log(['AU'.padEnd(6), ...results.map((res) => `${res.stem} (${res.frames} fr)`.padStart(20))].join(''));
  for (const id of ids) {
    console.log([id.padEnd(6), ...results.map((res) => (res.r[id] ?? NaN).toFixed(2).padStart(20))].join(''));
  }
}
