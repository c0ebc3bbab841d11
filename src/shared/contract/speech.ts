/**
 * Whether the person is talking, as the flash engine judges it on each frame: the states by name,
 * indexed by the engine's SpeechState (what crosses the worker boundary and the UI shows).
 */
export const SPEECH_STATE_NAMES = ['quiet', 'assumed', 'talking'] as const;
export type SpeechStateName = (typeof SPEECH_STATE_NAMES)[number];
