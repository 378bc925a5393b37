import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/config.ts';
import { openRuntime } from './runtime.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-runtime-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the runtime's logger", () => {
  it("the server's: pino to stderr at the configured level, made at once", async () => {
    const runtime = await openRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'error' }));
    try {
      const log = runtime.deps.log as Logger;
      expect(log.level).toBe('error');
      expect(log.isLevelEnabled('warn')).toBe(false);
      expect(typeof log.child({}).error).toBe('function');
    } finally {
      await runtime.close();
    }
  });

  it("a command's: the same, made when first used", async () => {
    const runtime = await openRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' }), { inlineTasks: true });
    try {
      const log = runtime.deps.log as Logger;
      expect(log.level).toBe('warn');
      expect(log.isLevelEnabled('error')).toBe(true);
      expect(log.isLevelEnabled('info')).toBe(false);
      expect('child' in log).toBe(true);
      const child = log.child({ module: 'test' });
      expect(child.level).toBe('warn');
      log.level = 'error';
      expect(log.isLevelEnabled('warn')).toBe(false);
      expect(() => log.info({ event: 'test' }, 'below the level: written nowhere')).not.toThrow();
    } finally {
      await runtime.close();
    }
  });
});
