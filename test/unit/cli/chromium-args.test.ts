import { describe, expect, it } from 'vitest';
import { envChromiumArgs } from '../../../src/node/chromium.ts';

describe('envChromiumArgs', () => {
  it('splits the variable on whitespace and ignores empty parts', () => {
    expect(envChromiumArgs('  --use-angle=gl-egl   --ozone-platform=headless\n--ignore-gpu-blocklist ')).toEqual([
      '--use-angle=gl-egl',
      '--ozone-platform=headless',
      '--ignore-gpu-blocklist',
    ]);
    expect(envChromiumArgs('')).toEqual([]);
    expect(envChromiumArgs(undefined)).toEqual([]);
  });
});
