/** The flash engine's public surface. */
export { createFlashEngine, type FlashEngine } from './createFlashEngine.ts';
export { FLASH_ENGINE_DEFAULTS, RULE_DEFAULTS, resolveFlashEngineOptions, type FlashEngineOptions } from './defaults.ts';
export type { FlashEndReason, FlashEvent } from './event.ts';
export { FlashEngineError, type FlashEngineErrorCode } from './FlashEngineError.ts';
export { flashFrameOf, type FlashFrame } from './FlashFrame.ts';
export { FLASH_KINDS, FLASH_KIND_LABELS, type FlashKind } from './kinds.ts';
export { SPEECH_STATE_NAMES, type SpeechStateName } from './createSpeechGate.ts';
export { defaultRules } from './rules/defaultRules.ts';
export { parseRules } from './rules/parseRules.ts';
export { RulesError, type RuleProblem } from './rules/RulesError.ts';
export type { AuRule, GazeRule, Rule, Rules } from './rules/Rules.ts';
