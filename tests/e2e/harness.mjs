// Shared helpers for the browser end-to-end tests: start the real `rutile` server on port 0 with a
// temporary SQLite database and demo data, and drive Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkPage } from './page_checker.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const artifactsDir = join(here, 'artifacts');
// playwright-core and @axe-core/playwright are dev dependencies of web/.
const requireFromWeb = createRequire(join(repoRoot, 'web/package.json'));
const { chromium } = requireFromWeb('playwright-core');
const { AxeBuilder } = requireFromWeb('@axe-core/playwright');
export { AxeBuilder };

export const demoUser = process.env.RUTILE_E2E_USER ?? 'admin@demo.rutile.example';
export const demoPassword = process.env.RUTILE_E2E_PASSWORD ?? 'demo-password-1';

function rutileBinary() {
  const bin = process.env.RUTILE_BIN;
  if (!bin) throw new Error('set RUTILE_BIN to the built rutile binary (tests/e2e/run.sh does)');
  return resolve(bin);
}

/** Starts `rutile serve` on 127.0.0.1:0 against fresh demo data; resolves with its base URL. */
export async function startServer() {
  const bin = rutileBinary();
  const dir = mkdtempSync(join(tmpdir(), 'rutile-e2e-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const database = `sqlite:${join(dir, 'rutile.db')}`;
  const demo = spawnSync(bin, ['demo', '--database', database, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (demo.status !== 0) {
    throw new Error(`rutile demo failed (${demo.status}): ${demo.stderr || demo.stdout}`);
  }
  const child = spawn(
    bin,
    [
      'serve',
      '--listen',
      '127.0.0.1:0',
      '--database',
      database,
      '--data-dir',
      dataDir,
      '--static-dir',
      join(repoRoot, 'web/dist'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const lines = createInterface({ input: child.stdout });
  const baseURL = await new Promise((resolveUrl, reject) => {
    const onExit = (code) => reject(new Error(`rutile serve exited (${code}): ${stderr}`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) resolveUrl(m[1].replace(/\/$/, ''));
      else reject(new Error(`unexpected first line from rutile serve: ${line}`));
    });
  });
  lines.on('line', () => {});
  return {
    baseURL,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh Chromium profile (its own user-data-dir) with one browser context. */
export async function openBrowser({ locale = 'en-US', width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'rutile-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    viewport: { width, height },
    serviceWorkers: 'allow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core (WCAG 2.1 A/AA rules) and returns serious or critical violations. */
export async function seriousViolations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({
    path: join(artifactsDir, `${name}.png`),
    fullPage: true,
  });
}

/** Fills and submits the quick query with a preset bath; waits for the result card. */
export async function runQuickQuery(
  page,
  { material = 'Ti-Gr2', preset = 'seawater', temperature = '80' } = {},
) {
  await page.locator('#q-material option').first().waitFor({ state: 'attached' });
  await page.selectOption('#q-material', material);
  await page.check('#q-mode-preset');
  await page.selectOption('#q-preset', preset);
  await page.fill('#q-temp', temperature);
  await page.click('form button[type=submit]');
  await page.locator('.result-card [data-testid=grade]').waitFor();
}

/** Opens a browser, runs `fn` with it and always closes it. */
export async function withBrowser(options, fn) {
  const b = await openBrowser(options);
  try {
    await fn(b);
  } catch (error) {
    await reportFailure(b.page, error);
    throw error;
  } finally {
    await b.close();
  }
}

let failures = 0;

/** Prints where the page stood when a step failed (address, language, alerts) and screenshots it. */
async function reportFailure(page, error) {
  try {
    const state = await page.evaluate(() => ({
      url: location.href,
      lang: document.documentElement.lang,
      alerts: [...document.querySelectorAll('[role=alert],[role=status]')]
        .map((e) => e.textContent?.trim())
        .filter(Boolean),
      heading: document.querySelector('h1')?.textContent?.trim(),
    }));
    const file = join(repoRoot, 'tests/e2e/artifacts', `failure-${++failures}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.error(`e2e step failed: ${error?.message?.split('\n')[0]}`);
    console.error(`  page: ${JSON.stringify(state)}; screenshot ${file}`);
  } catch {
    // The page may be gone; the original error is what matters.
  }
}

/** The demo account with this name ("admin", "operator", "expert", ...). */
export const demoAccount = (name) => `${name}@demo.rutile.example`;

/** Runs `fn(page)` in a browser signed in as `email` on the server. */
export function asUser(server, email, fn, options = {}) {
  return withBrowser(options, async (b) => {
    await logInAs(b.page, server.baseURL, email);
    await fn(b.page);
  });
}

/** Picks a language in the header's switcher and waits for the page to take it. */
export async function switchLanguage(page, lang) {
  await page.selectOption('#language', lang);
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
}

/** Pixels by which the page is wider than the viewport (0 when it fits). */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Logs in through the login form (demo password) and waits for the organization page. The page
 * language is pinned first (an explicit choice wins over the account's language, which is Chinese
 * or Arabic for several demo users), so assertions can read English texts.
 */
export async function logInAs(page, baseURL, email = demoUser, lang = 'en') {
  await page.goto(`${baseURL}/login`);
  await page.evaluate((l) => localStorage.setItem('rutile.language', l), lang);
  await page.fill('#login-email', email);
  await page.fill('#login-password', demoPassword);
  await page.click('form button[type=submit]');
  await page.waitForURL(/\/org$/);
}

/**
 * For each width (a fresh browser each) and language: `open` the page, scan it with axe where
 * `axeAt(width, lang)` says so, save a screenshot `<name>-<lang>-<width>` and run the page
 * checker (page_checker.mjs: foreign words and raw identifiers, old dates, overflow). `prepare`
 * runs once per browser (e.g. logging in). Returns the failures, to be asserted empty.
 */
export async function checkLayouts({
  name,
  open,
  prepare = async () => {},
  widths = [360, 1280],
  langs = ['en', 'zh', 'ar'],
  axeAt = (width, lang) => width === 1280 && lang !== 'zh',
}) {
  const failures = [];
  for (const width of widths) {
    await withBrowser({ width, height: 800 }, async ({ page }) => {
      await prepare(page);
      for (const lang of langs) {
        await switchLanguage(page, lang);
        await open(page, lang, width);
        await page.waitForLoadState('networkidle');
        if (axeAt(width, lang)) {
          const v = await seriousViolations(page);
          if (v.length) failures.push(`${lang} ${name} at ${width}px: ${v.join('; ')}`);
        }
        await screenshot(page, `${name}-${lang}-${width}`);
        // The page checker: foreign words and raw identifiers, old dates, overflow.
        for (const problem of await checkPage(page, { lang }))
          failures.push(`${name} at ${width}px (${lang}): ${problem}`);
      }
    });
  }
  return failures;
}

/**
 * Starts a server before the calling file's tests and stops it after them. The returned object
 * has the server's `baseURL` (once started) and `url(path)`.
 */
export function serverForTests() {
  const server = { baseURL: '', url: (path) => `${server.baseURL}${path}` };
  let running;
  before(async () => {
    running = await startServer();
    server.baseURL = running.baseURL;
  });
  after(async () => {
    await running?.stop();
  });
  return server;
}
