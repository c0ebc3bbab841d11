export { chooseTarget, describeTarget, maxMsFor, scoreByKind, type KindScore, type PastTry } from './choose-target.ts';
export { PRACTICE_DEFAULTS, type PracticeDefaults } from './defaults.ts';
export { auPeaks, judgeTry, type AgainstAu, type DrillTarget, type TraceFrame, type TryVerdict, type TryWindow } from './judge-try.ts';
export { kindNeeds, needAus, type KindNeeds, type Need } from './kind-needs.ts';
export { LESSONS, lessonOf, type Lesson } from './lessons.ts';
export { localDay, progressByDay, type DatedTry, type ProgressRow } from './progress.ts';
export { isShownTry, type PracticeTry, type RecognitionTry, type ShownTry } from './try-record.ts';
