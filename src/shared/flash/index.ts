/** The flash engine's public surface. */
export { createFlashEngine, type FlashEngine } from './create-flash-engine.ts';
export { FLASH_ENGINE_DEFAULTS, RULE_DEFAULTS, resolveFlashEngineOptions, type FlashEngineOptions } from './defaults.ts';
export type { FlashEndReason, FlashEvent } from './event.ts';
export { FlashEngineError } from '../contract/index.ts';
export { flashFrameOf, type FlashFrame } from './flash-frame.ts';
export { EXPERIMENTAL_KINDS, FLASH_KINDS, FLASH_KIND_LABELS, KIND_COLOURS, kindLabel, type FlashKind } from './kinds.ts';
export { SPEECH_STATE_NAMES, type SpeechStateName } from './create-speech-gate.ts';
export { defaultRules } from './rules/default-rules.ts';
export { parseRules } from './rules/parse-rules.ts';
export { RulesError, type RuleProblem } from '../contract/index.ts';
export type { AuRule, GazeRule, Rule, Rules } from '../contract/index.ts';
