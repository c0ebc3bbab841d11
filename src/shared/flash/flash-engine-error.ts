/** Error codes of the flash engine; the UI branches on these. */
export type FlashEngineErrorCode = 'timestamp-order' | 'bad-frame';

/** Thrown by the flash engine when its input breaks the contract. */
export class FlashEngineError extends Error {
  constructor(
    readonly code: FlashEngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FlashEngineError';
  }
}
