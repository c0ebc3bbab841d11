#!/usr/bin/env node
// The `microflash` command. The command line is TypeScript; tsx compiles it as it loads, so
// there is nothing to build first.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
