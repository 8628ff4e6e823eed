// The Content-Security-Policy the server sends is one the built web app satisfies: the home page,
// signing in, the quick query online and the same query offline on the WebAssembly engine run
// with no CSP violation (securitypolicyviolation events and console reports both count).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logInAs, runQuickQuery, serverForTests, withBrowser } from './harness.mjs';

const server = serverForTests();
const url = server.url;

/** Records every CSP violation the page reports, from the first script on. */
async function watchViolations(context, page) {
  const seen = [];
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) seen.push(msg.text());
  });
  return async () => [
    ...seen,
    ...(await page.evaluate(() => window.__cspViolations ?? []).catch(() => [])),
  ];
}

describe('content security policy', () => {
  test('the app shell is served with the policy', async () => {
    const r = await fetch(url('/'));
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
  });

  test('home, sign-in and the quick query run without a violation', async () => {
    await withBrowser({}, async ({ context, page }) => {
      const violations = await watchViolations(context, page);
      await page.goto(url('/'));
      await page.locator('#app *').first().waitFor();
      assert.deepEqual(await violations(), [], 'home page');
      await page.goto(url('/query'));
      await runQuickQuery(page);
      assert.deepEqual(await violations(), [], 'quick query');
      await logInAs(page, server.baseURL);
      await page.locator('.result-card h2').first().waitFor();
      assert.deepEqual(await violations(), [], 'signed in');
    });
  });

  test('the offline quick query compiles WebAssembly under the policy', async () => {
    await withBrowser({ width: 360, height: 800 }, async ({ context, page }) => {
      const engine = await page.request.get(url('/engine/rutile-engine.wasm'));
      assert.ok(
        engine.ok(),
        'the WebAssembly engine is missing from web/dist (run scripts/build-wasm.sh)',
      );
      const violations = await watchViolations(context, page);
      await page.goto(url('/query'));
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await runQuickQuery(page);
      await context.setOffline(true);
      await page.reload();
      await runQuickQuery(page);
      await page.locator('[data-testid=offline-notice]').waitFor();
      assert.deepEqual(await violations(), [], 'offline query on the WebAssembly engine');
      await context.setOffline(false);
    });
  });
});
