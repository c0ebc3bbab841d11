/**
 * A kept session under review: its frames on the timeline, its flashes and markers from its start;
 * markers made while reviewing go back into the stored session (on its capture clock).
 */
import { sessionRelativeEvents, sessionRelativeMarkers } from '../shared/export/index.ts';
import { traceOfRows } from '../shared/timeline/frame-rows.ts';
import type { ReviewView } from './review-view.ts';
import type { DataStore } from './storage/data-store.ts';
import type { RecordedSession } from './storage/db.ts';

export function reviewKeptSession(
  review: ReviewView,
  store: DataStore,
  session: RecordedSession,
  frames: Float32Array,
  onChanged: () => void,
): Promise<number> {
  const origin = session.clockOriginMs ?? 0;
  return review.showSession(
    traceOfRows(frames),
    sessionRelativeEvents(session),
    sessionRelativeMarkers(session),
    `Session ${new Date(session.startedAt).toLocaleString()} · ${session.source}`,
    {
      add: (m) => store.addSessionMarker(session.id, { ...m, atMs: m.atMs + origin }).then(onChanged),
      note: (atMs, note) => store.noteSessionMarker(session.id, atMs + origin, note).then(onChanged),
    },
  );
}
