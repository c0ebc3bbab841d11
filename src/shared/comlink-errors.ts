/**
 * Makes errors cross the worker boundary with their `code` (and a rules error with its problems),
 * rebuilt on the other side by code (contract/errors.ts), so the page can branch on it. Comlink's
 * built-in "throw" handler keeps only name, message and stack; this one is installed on both sides
 * (worker and page).
 */
import * as Comlink from 'comlink';
import { fromWireError, toWireError, type WireError } from './contract/index.ts';

/** What the handler sends: an error of this app in its wire form, anything else as Comlink would. */
type Thrown = { ours: true; wire: WireError } | { ours: false; value: unknown };

const base = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<unknown, unknown>;

export function installErrorTransfer(): void {
  Comlink.transferHandlers.set('throw', {
    canHandle: base.canHandle,
    serialize(thrown: unknown): [Thrown, Transferable[]] {
      const value = (thrown as { value: unknown }).value;
      const wire = toWireError(value);
      if (wire) return [{ ours: true, wire }, []];
      const [plain] = base.serialize(thrown);
      return [{ ours: false, value: plain }, []];
    },
    deserialize(sent: Thrown): never {
      if (sent.ours) throw fromWireError(sent.wire);
      return base.deserialize(sent.value) as never;
    },
  } as Comlink.TransferHandler<unknown, Thrown>);
}
