/** The practice panel's static structure (practice-view.ts drives it). */
import { FLASH_KINDS } from '../../shared/contract/index.ts';
import { kindLabel } from '../../shared/flash/index.ts';
import { LESSONS } from '../../shared/practice/index.ts';
import { h } from '../ui/dom.ts';

export function buildPracticeLayout() {
  const lessonButtons = LESSONS.map((l) =>
    h('button', { id: `lesson-${l.id}`, class: 'lesson-tab', dataset: { lesson: l.id }, 'aria-pressed': 'false' }, l.title.split(':')[0]!),
  );
  const lessonText = h('div', { id: 'lesson-text', class: 'lesson-text' });
  const keepClips = h('input', { id: 'practice-keep-clips', type: 'checkbox' });
  const start = h('button', { id: 'drill-start' }, 'Start drills');
  const next = h('button', { id: 'drill-next', hidden: true, title: 'Key N' }, 'Next try');
  const end = h('button', { id: 'drill-end', hidden: true }, 'End drills');
  const target = h('p', { id: 'drill-target', class: 'drill-target' });
  const count = h('p', { id: 'drill-count', class: 'drill-count', 'aria-live': 'assertive' });
  const feedback = h('div', { id: 'drill-feedback', class: 'drill-feedback', 'aria-live': 'polite' });
  const scores = h('table', { id: 'drill-scores', class: 'drill-scores' });
  const recogniseStart = h('button', { id: 'recognise-start', disabled: true }, 'Recognise my own flashes');
  const recogniseVideo = h('video', { id: 'recognise-video', class: 'recognise-video', muted: true, playsInline: true, hidden: true });
  const recogniseAnswers = h(
    'div',
    { id: 'recognise-answers', class: 'recognise-answers', hidden: true },
    ...FLASH_KINDS.map((k) => h('button', { class: 'answer', dataset: { kind: k } }, kindLabel(k))),
  );
  const recogniseResult = h('p', { id: 'recognise-result', class: 'recognise-result', 'aria-live': 'polite' });
  const train = h('button', { id: 'train-model', disabled: true }, 'Train my model');
  const useModel = h('input', { id: 'use-model', type: 'checkbox', disabled: true });
  const modelStatus = h('p', { id: 'model-status', class: 'hint' });
  const progressPlot = h('div', { id: 'practice-progress', class: 'practice-progress' });
  const progressTable = h('table', { id: 'practice-progress-table', class: 'drill-scores' });
  const exportAll = h('button', { id: 'practice-export' }, 'Export practice (zip)');
  const deleteAll = h('button', { id: 'practice-delete' }, 'Delete practice data');
  const dataLine = h('p', { id: 'practice-data', class: 'hint' });

  const panel = h(
    'section',
    { id: 'practice', class: 'practice', hidden: true, 'aria-label': 'Practice' },
    h('h2', {}, 'Practice'),
    h(
      'p',
      { class: 'hint' },
      'Learn the nine kinds in three groups. Each drill names a flash to make, counts in, and shows what the detector saw. Tries and progress stay in this browser.',
    ),
    h('div', { class: 'lesson-tabs', role: 'group', 'aria-label': 'Lessons' }, ...lessonButtons),
    h(
      'div',
      { id: 'practice-drill-part', class: 'practice-part' },
      lessonText,
      h('div', { class: 'drill-controls' }, start, next, end),
      target,
      count,
      feedback,
      h('h3', {}, 'Score in this lesson'),
      scores,
    ),
    h(
      'div',
      { id: 'practice-recognise-part', class: 'practice-part' },
      h('h3', {}, 'Recognise'),
      h(
        'label',
        { title: 'A second of video of your face around each caught flash, kept in this browser only, to replay in recognition drills' },
        keepClips,
        ' Keep my caught flashes for recognition drills',
      ),
      h('div', { class: 'drill-controls' }, recogniseStart),
      recogniseVideo,
      h('div', { id: 'recognise-answer-part' }, recogniseAnswers, recogniseResult),
    ),
    h(
      'div',
      { id: 'practice-model-part', class: 'practice-part' },
      h('h3', {}, 'My model'),
      h(
        'p',
        { class: 'hint' },
        'A small model trained on your own caught tries, in this browser. Its label is shown beside the detector’s; tick the box to let it name the kind.',
      ),
      h('div', { class: 'drill-controls' }, train, h('label', {}, useModel, ' Use my model for the kind')),
      modelStatus,
    ),
    h(
      'div',
      { id: 'practice-progress-part', class: 'practice-part' },
      h('h3', {}, 'Progress'),
      progressPlot,
      progressTable,
      dataLine,
      h('div', { class: 'drill-controls' }, exportAll, deleteAll),
    ),
  );
  return {
    panel,
    lessonButtons,
    lessonText,
    keepClips,
    start,
    next,
    end,
    target,
    count,
    feedback,
    scores,
    recogniseStart,
    recogniseVideo,
    recogniseAnswers,
    recogniseResult,
    train,
    useModel,
    modelStatus,
    progressPlot,
    progressTable,
    exportAll,
    deleteAll,
    dataLine,
  };
}

export type PracticeLayout = ReturnType<typeof buildPracticeLayout>;
