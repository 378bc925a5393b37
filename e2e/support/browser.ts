import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOTS ?? '';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * One Chromium per spec file, and a fresh French browser context and page per test: call at the
 * top of a spec, then read `pages.page` in tests (or in a beforeEach of the spec).
 */
export function usePages(opts: { width?: number } = {}): { readonly browser: Browser; readonly context: BrowserContext; readonly page: Page } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: opts.width ?? 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get context() {
      return context!;
    },
    get page() {
      return page!;
    },
  };
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Waits until the page shows a settled state, as a user would see it: nothing marked
 * `aria-busy="true"` (lists loading, uploads) and no finite animation or transition still
 * running (dialogs fading in, menus opening). Endless ones (spinners, progress bars) are ignored.
 */
export async function waitForSettledPage(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { timeout: 10_000 },
  );
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the settled page (see waitForSettledPage: never on a
 * list still loading or a dialog still fading in); fails on any serious or critical violation.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await waitForSettledPage(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations as unknown[];
  });
  const serious = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe-core on ${label}`).toEqual([]);
  if (SCREENSHOT_DIR) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${label.replace(/[^a-z0-9-]+/gi, '_')}.png`), fullPage: true });
  }
}

/** Logs in through the form of the establishment's login page. */
export async function loginThroughForm(page: Page, baseUrl: string, uai: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/${uai}`);
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Valider' }).click();
}
