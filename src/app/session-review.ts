/**
 * A kept session under review: its frames on the timeline, its flashes and markers from its start,
 * its clips of flashes where kept; markers made while reviewing go back into the stored session
 * (on its capture clock).
 */
import { clipFileName, sessionRelativeEvents, sessionRelativeMarkers } from '../shared/export/index.ts';
import type { ReviewClip } from './clip-player.ts';
import { traceOfRows } from '../shared/timeline/frame-rows.ts';
import type { ReviewView } from './review-view.ts';
import type { DataStore } from './storage/data-store.ts';
import type { RecordedSession, StoredClip } from './storage/db.ts';

export function reviewKeptSession(
  review: ReviewView,
  store: DataStore,
  session: RecordedSession,
  frames: Float32Array,
  clips: readonly StoredClip[],
  onChanged: () => void,
): Promise<number> {
  const origin = session.clockOriginMs ?? 0;
  // In time order, as the store gives them (the index names the file, as in the zip).
  const reviewClips: ReviewClip[] = clips.map((c, i) => ({
    kind: c.event.kind,
    onsetS: (c.event.onsetMs - origin) / 1000,
    durationMs: c.event.durationMs,
    micro: c.event.micro,
    startS: (c.startMs - origin) / 1000,
    endS: (c.endMs - origin) / 1000,
    video: c.video,
    fileName: clipFileName(c, i, session.clockOriginMs),
  }));
  return review.showSession(
    traceOfRows(frames),
    sessionRelativeEvents(session),
    sessionRelativeMarkers(session),
    `Session ${new Date(session.startedAt).toLocaleString()} · ${session.source}`,
    {
      add: (m) => store.addSessionMarker(session.id, { ...m, atMs: m.atMs + origin }).then(onChanged),
      note: (atMs, note) => store.noteSessionMarker(session.id, atMs + origin, note).then(onChanged),
    },
    reviewClips,
  );
}
