/**
 * Makes errors cross the worker boundary as PipelineErrors with their `code`, so the page can
 * branch on it. Comlink's built-in "throw" handler keeps only name, message and stack; this one is
 * installed on both sides (worker and page) and keeps the code too.
 */
import * as Comlink from 'comlink';
import { PipelineError, type PipelineErrorCode } from './protocol.ts';

interface WireError {
  isError: boolean;
  value: { name?: string; message: string; stack?: string; code?: PipelineErrorCode } | unknown;
}

const base = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<unknown, WireError>;

export function installErrorTransfer(): void {
  Comlink.transferHandlers.set('throw', {
    canHandle: base.canHandle,
    serialize(thrown: unknown) {
      const value = (thrown as { value: unknown }).value;
      if (value instanceof Error) {
        const wire: WireError = {
          isError: true,
          value: { name: value.name, message: value.message, stack: value.stack, code: (value as PipelineError).code },
        };
        return [wire, []];
      }
      return [{ isError: false, value }, []];
    },
    deserialize(wire: WireError) {
      if (!wire.isError) throw wire.value;
      const v = wire.value as { name?: string; message: string; stack?: string; code?: PipelineErrorCode };
      const err = v.code ? new PipelineError(v.code, v.message) : Object.assign(new Error(v.message), { name: v.name ?? 'Error' });
      if (v.stack) err.stack = v.stack;
      throw err;
    },
  } as Comlink.TransferHandler<unknown, WireError>);
}
