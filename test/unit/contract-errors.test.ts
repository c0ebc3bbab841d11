/**
 * The one error vocabulary: every code belongs to one area, and errors cross a Comlink boundary
 * (a MessageChannel, as between the worker and the page) rebuilt by their code, a rules error with
 * its problems; errors of other origins cross as Comlink sends them.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { installErrorTransfer } from '../../src/shared/comlink-errors.ts';
import {
  ERROR_CODES,
  FlashEngineError,
  fromWireError,
  isCodeOf,
  isErrorCode,
  PipelineError,
  RulesError,
  toWireError,
} from '../../src/shared/contract/index.ts';
import { parseRules } from '../../src/shared/flash/index.ts';

describe('error codes', () => {
  it('each code belongs to exactly one area', () => {
    const all = Object.values(ERROR_CODES).flat();
    expect(new Set(all).size).toBe(all.length);
    for (const [area, codes] of Object.entries(ERROR_CODES)) {
      for (const code of codes) expect(isCodeOf(area as keyof typeof ERROR_CODES, code)).toBe(true);
    }
  });

  it('isErrorCode accepts the codes and nothing else', () => {
    expect(isErrorCode('invalid-rules')).toBe(true);
    expect(isErrorCode('camera-denied')).toBe(true);
    expect(isErrorCode('EEXIST')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });

  it('a foreign error has no wire form; one of ours keeps code, message and a rules error its problems', () => {
    expect(toWireError(new Error('x'))).toBeNull();
    expect(toWireError('not an error')).toBeNull();
    let rulesError: unknown;
    try {
      parseRules({ format: 'microflash-rules', version: 1, rules: [] });
    } catch (e) {
      rulesError = e;
    }
    const wire = toWireError(rulesError)!;
    expect(wire.code).toBe('invalid-rules');
    const back = fromWireError(JSON.parse(JSON.stringify(wire)));
    expect(back).toBeInstanceOf(RulesError);
    expect((back as RulesError).problems).toEqual((rulesError as RulesError).problems);
    expect(back.message).toBe((rulesError as Error).message);
  });
});

describe('errors across a Comlink boundary', () => {
  const ports: MessagePort[] = [];
  afterEach(() => {
    for (const p of ports.splice(0)) p.close();
  });

  function remote<T extends object>(api: T): Comlink.Remote<T> {
    installErrorTransfer();
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    Comlink.expose(api, port1);
    return Comlink.wrap<T>(port2);
  }

  const api = {
    pipeline(): number {
      throw new PipelineError('no-face', 'too few frames with a face');
    },
    engine(): number {
      throw new FlashEngineError('timestamp-order', 'frame 3 is not after frame 2');
    },
    rules(): number {
      parseRules({ format: 'microflash-rules', version: 1, rules: [{ kind: 'anger' }] });
      return 0;
    },
    foreign(): number {
      throw new TypeError('plain');
    },
  };

  it('a pipeline error arrives as a PipelineError with its code', async () => {
    const err = await remote(api)
      .pipeline()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect((err as PipelineError).code).toBe('no-face');
    expect((err as Error).message).toBe('too few frames with a face');
  });

  it('an engine error arrives as a FlashEngineError', async () => {
    const err = await remote(api)
      .engine()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlashEngineError);
    expect((err as FlashEngineError).code).toBe('timestamp-order');
  });

  it('a rules error arrives as a RulesError with every problem', async () => {
    const err = await remote(api)
      .rules()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RulesError);
    expect((err as RulesError).code).toBe('invalid-rules');
    expect((err as RulesError).problems.length).toBeGreaterThan(0);
    expect((err as Error).message).toMatch(/^Invalid rules \(\d+ problems?\):/);
  });

  it('a foreign error arrives as Comlink sends it, with its name and message', async () => {
    const err = await remote(api)
      .foreign()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('plain');
    expect((err as { code?: unknown }).code).toBeUndefined();
  });
});
