#!/usr/bin/env node
// The `cerise` command: runs the TypeScript sources directly (no build step needed).
import { register } from 'tsx/esm/api';

// Every file the service writes (database, uploads, attachments, backups) is its user's alone.
process.umask(0o077);

register();
const { runCli } = await import('../src/cli/index.ts');
process.exitCode = await runCli(process.argv);
