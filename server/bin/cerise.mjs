#!/usr/bin/env node
// The `cerise` command: runs the TypeScript sources directly (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/index.ts');
process.exitCode = await runCli(process.argv);
