/** The page's static structure; returns the elements the controller drives. */
import { h } from './dom.ts';

/** What the page's labels say that is set elsewhere (one home per default). */
export interface LayoutFacts {
  /** Length of the explicit neutral calibration (AU_DEFAULTS.calibration.durationMs). */
  calibrationMs: number;
  /** Longest note of a marker (MARKER_DEFAULTS.noteMaxChars). */
  markerNoteMaxChars: number;
  /** Models a live source's frames may be shared among (LIVE_VIEW_DEFAULTS.poolChoices that the cores allow). */
  poolChoices: readonly number[];
}

export function buildLayout(root: HTMLElement, facts: LayoutFacts) {
  const seconds = facts.calibrationMs / 1000;
  const cameraSelect = h('select', { id: 'camera-select', 'aria-label': 'Camera' });
  const delegateSelect = h(
    'select',
    { id: 'delegate-select', 'aria-label': 'Where the face model runs' },
    h('option', { value: 'auto' }, 'Model: fastest (measured)'),
    h('option', { value: 'CPU' }, 'Model: CPU'),
    h('option', { value: 'GPU' }, 'Model: GPU'),
  );
  const poolSelect = h(
    'select',
    {
      id: 'pool-select',
      'aria-label': 'Face models sharing the live frames',
      title:
        'On a CPU with cores to spare, live frames can be shared among several face models, so that more of them are analysed. Applies when a live source starts.',
    },
    h('option', { value: '0' }, 'Live: one model'),
    ...facts.poolChoices.map((n) => h('option', { value: String(n) }, `Live: ${n} models in parallel`)),
  );
  poolSelect.hidden = facts.poolChoices.length === 0;
  const startCamera = h('button', { id: 'start-camera' }, 'Use camera');
  const startShare = h(
    'button',
    { id: 'start-share', title: "Analyse the other person's video in a call (with their consent)" },
    'Share a tab or window',
  );
  const fileInput = h('input', { id: 'file-input', type: 'file', accept: 'video/*,.mov,.mkv', hidden: true });
  const openFile = h('button', { id: 'open-file' }, 'Analyse a video file');
  const stop = h('button', { id: 'stop', disabled: true }, 'Stop');
  const practiceToggle = h(
    'button',
    { id: 'practice-toggle', 'aria-pressed': 'false', title: 'Lessons and drills for seeing your own flashes' },
    'Practice',
  );
  /** Where the practice panel goes (practice/practice-layout.ts). */
  const practiceSlot = h('div', { id: 'practice-slot' });
  const mark = h('button', { id: 'mark', disabled: true, title: 'Mark this moment, with an optional note (key M)' }, 'Mark');
  const markerNoteText = h('input', {
    id: 'marker-note-text',
    type: 'text',
    maxLength: facts.markerNoteMaxChars,
    placeholder: 'Note (optional), Enter to keep',
    'aria-label': 'Note for the marker',
  });
  const markerNoteAt = h('span', { id: 'marker-note-at' });
  /** The note of the marker just added (markers.ts). */
  const markerNote = h(
    'form',
    { id: 'marker-note', class: 'marker-note', hidden: true },
    markerNoteAt,
    markerNoteText,
    h('button', { type: 'submit' }, 'Keep note'),
  );

  const video = h('video', { id: 'video', muted: true, playsInline: true, autoplay: true });
  const overlay = h('canvas', { id: 'overlay', title: 'Click a face to follow it' });
  /** What a first-time user needs to know, shown until the first source starts. */
  const firstRun = h(
    'div',
    { id: 'first-run', class: 'first-run' },
    h('strong', {}, 'How to start'),
    h(
      'ol',
      {},
      h('li', {}, 'Press "Use camera" and face it, with light on your face and your whole face in the picture.'),
      h('li', {}, `The first second learns your neutral face. For a better one, relax and press "Calibrate neutral" (${seconds} s).`),
      h(
        'li',
        {},
        'A flash is a brief expression, often under half a second. Each appears on the right as it starts, with the action units (AUs, hover a code for its name) that carried it.',
      ),
    ),
  );
  const stage = h('div', { id: 'stage', class: 'stage' }, video, overlay, firstRun);

  /** The disclosure and consent asked before another person's video is analysed (consent.ts). */
  const consent = h('dialog', { id: 'consent', class: 'consent' });
  const message = h('div', { id: 'message', class: 'message', role: 'status', 'aria-live': 'polite', hidden: true });
  const faceStatus = h('span', { id: 'face-status' }, 'No source');
  const fps = h('span', { id: 'fps' }, '– fps');
  const latency = h('span', { id: 'latency' }, '– ms');
  const counters = h('span', { id: 'counters' }, '');
  const delegate = h('span', { id: 'delegate' }, 'Model: not started');
  const speech = h('span', {
    id: 'speech',
    'data-state': 'quiet',
    title:
      'While the person talks, a flash must stand out from how they move their face when talking; the first 1.5 s of a face count as talking until the mouth has been seen.',
  });
  const status = h('div', { class: 'statusbar' }, faceStatus, fps, latency, counters, delegate, speech);
  /** Shown while fewer frames are analysed than the source sends (frame-rate-advice.ts). */
  const frameRateNote = h('div', { id: 'frame-rate-note', class: 'frame-rate-note', role: 'status', hidden: true });

  const showLandmarks = h('input', { id: 'show-landmarks', type: 'checkbox', checked: true });
  const discreet = h('input', { id: 'discreet', type: 'checkbox' });
  const ticker = h('ol', { id: 'ticker', class: 'ticker', 'aria-label': 'Flashes' });
  const tickerStop = h('button', { id: 'ticker-stop', disabled: true }, 'Stop');
  const tickerMark = h('button', { id: 'ticker-mark', disabled: true, title: 'Mark this moment (key M)' }, 'Mark');
  const floatTicker = h('button', { id: 'float-ticker', title: 'A small window that stays over the call' }, 'Float');
  const leaveDiscreet = h('button', { id: 'leave-discreet', title: 'Back to the full view (key D)' }, 'Full view');
  /** The discreet view: only the flashes, Stop and Mark (discreet-view.ts). */
  const discreetPanel = h(
    'section',
    { id: 'discreet-panel', class: 'discreet-panel', 'aria-label': 'Discreet view' },
    h('div', { class: 'discreet-controls' }, tickerStop, tickerMark, floatTicker, leaveDiscreet),
    ticker,
  );
  const followLargest = h('button', { id: 'follow-largest', hidden: true }, 'Follow the largest face');
  const calibrate = h(
    'button',
    { id: 'calibrate', disabled: true, title: `Relax your face and look at the camera for ${seconds} seconds` },
    `Calibrate neutral (${seconds} s)`,
  );
  const saveBaseline = h('button', { id: 'save-baseline', disabled: true }, 'Save this neutral');
  const record = h('input', { id: 'record', type: 'checkbox' });
  const keepClips = h('input', { id: 'keep-clips', type: 'checkbox', disabled: true });
  const view = h(
    'div',
    { class: 'toolbar' },
    h('label', {}, showLandmarks, ' Landmarks'),
    h('label', { title: 'Only the flashes, Stop and Mark, for use during a call (key D)' }, discreet, ' Discreet'),
    h('label', { title: 'Keep the flashes of this session in this browser (nothing is kept otherwise)' }, record, ' Keep this session'),
    h(
      'label',
      { title: 'Also keep about a second of video around each flash: the face only, small, in this browser (with a kept session)' },
      keepClips,
      ' Keep short clips of flashes',
    ),
    followLargest,
    calibrate,
    saveBaseline,
  );

  const progress = h('progress', { id: 'file-progress', max: 1, value: 0, hidden: true });
  const progressText = h('span', { id: 'file-progress-text' });
  const downloads = h('div', { id: 'downloads', class: 'downloads', hidden: true });
  const timeline = h('div', { id: 'timeline', class: 'timeline' });
  const reviewTitle = h('h2', { id: 'review-title' }, 'Timeline');
  const reviewMarkers = h('button', { id: 'review-markers', hidden: true }, 'Download markers CSV');
  /** A kept session's clips of flashes (clip-player.ts). */
  const reviewClips = h('ol', { id: 'review-clips', class: 'clips', 'aria-label': 'Clips of flashes', hidden: true });
  const review = h(
    'section',
    { id: 'review', class: 'review', hidden: true },
    reviewTitle,
    h(
      'p',
      { class: 'hint' },
      'Click a point to see that moment (for a file, also a flash in the list: it replays slowed down; for a session with clips, Play replays a clip slowed down). Drag to zoom, wheel to zoom, Shift+wheel to pan, double-click for all. Click a legend entry to show or hide its curve.',
    ),
    timeline,
    reviewClips,
    reviewMarkers,
  );

  const feed = h('ol', { id: 'flash-feed', class: 'feed' });
  const auBars = h('div', { id: 'au-bars', class: 'au-bars' });
  const dataList = h('div', { id: 'data-list' });
  const deleteAll = h('button', { id: 'delete-all' }, 'Delete all stored data');

  root.append(
    h(
      'header',
      {},
      h('h1', {}, 'Microflash'),
      h('p', { class: 'tagline' }, 'Brief facial expressions, as they happen. Frames never leave this page.'),
    ),
    h(
      'div',
      { class: 'sources' },
      cameraSelect,
      startCamera,
      startShare,
      openFile,
      fileInput,
      stop,
      mark,
      practiceToggle,
      delegateSelect,
      poolSelect,
    ),
    markerNote,
    message,
    discreetPanel,
    h(
      'main',
      {},
      h(
        'section',
        { class: 'left' },
        stage,
        status,
        frameRateNote,
        view,
        h('div', { class: 'file' }, progress, progressText, downloads),
        review,
      ),
      h(
        'aside',
        { class: 'right' },
        practiceSlot,
        h('h2', {}, 'Flashes'),
        feed,
        h('h2', {}, 'Action units'),
        auBars,
        h('details', { id: 'data' }, h('summary', {}, 'Your data (stored in this browser only)'), dataList, deleteAll),
      ),
    ),
    consent,
  );
  return {
    consent,
    cameraSelect,
    delegateSelect,
    poolSelect,
    startCamera,
    startShare,
    fileInput,
    openFile,
    stop,
    mark,
    practiceToggle,
    practiceSlot,
    markerNote,
    markerNoteAt,
    markerNoteText,
    video,
    overlay,
    stage,
    firstRun,
    message,
    faceStatus,
    fps,
    latency,
    counters,
    frameRateNote,
    delegate,
    speech,
    showLandmarks,
    discreet,
    discreetPanel,
    ticker,
    tickerStop,
    tickerMark,
    floatTicker,
    leaveDiscreet,
    followLargest,
    calibrate,
    saveBaseline,
    record,
    keepClips,
    progress,
    progressText,
    downloads,
    review,
    reviewTitle,
    reviewMarkers,
    reviewClips,
    timeline,
    feed,
    auBars,
    dataList,
    deleteAll,
  };
}

export type Layout = ReturnType<typeof buildLayout>;
