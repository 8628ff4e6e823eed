// Browser end-to-end tests of the module pages (clause library, failure cases, equipment) against the real `rutile serve`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkLayouts,
  logInAs,
  switchLanguage,
  withBrowser,
  screenshot,
  seriousViolations,
  serverForTests,
} from './harness.mjs';

const server = serverForTests();
const url = server.url;

const logIn = (page, email) => logInAs(page, server.baseURL, email);

/** Opens the failure cases and waits for the first search (every public case). */
async function openCases(page) {
  await page.goto(url('/cases'));
  await page.locator('[data-testid=case-total]').waitFor();
}

/** Fills the matching form with a heater in seawater at 80 °C and waits for the lists. */
async function matchHeater(page) {
  await page.locator('#m-material option').first().waitFor({ state: 'attached' });
  await page.check('#m-mode-conditions');
  await page.selectOption('#m-material', 'Ti-Gr2');
  await page.selectOption('#m-preset', 'seawater');
  await page.fill('#m-temp', '80');
  await page.selectOption('#m-equipment', 'immersion_heater');
  await page.click('#std-match-h ~ form button[type=submit]');
  await page.locator('[data-testid=match-grade]').waitFor();
}

describe('clause library', () => {
  test('search with facets, open a clause, and match a heater', async () => {
    await withBrowser({}, async ({ page }) => {
      await page.goto(url('/clauses'));
      await page.locator('[data-testid=clause-total]').waitFor();
      await page.fill('#std-q', 'fluoride');
      await page.click('form[role=search] button[type=submit]');
      await page.waitForFunction(() =>
        /fluoride/i.test(document.querySelector('[data-testid=clause-results]')?.textContent ?? ''),
      );
      const hits = await page.locator('[data-testid=clause-results] li').count();
      assert.ok(hits > 0, 'a search for fluoride finds clauses');
      // A facet narrows the hits to mandatory clauses.
      const facet = page.locator('[role=group] button', { hasText: 'Mandatory' });
      assert.ok((await facet.count()) > 0, 'the search offers a kind facet');
      await facet.first().click();
      await page.waitForFunction(
        () => {
          const badges = [...document.querySelectorAll('[data-testid=clause-results] li .badge')];
          return badges.length > 0 && badges.every((b) => b.textContent === 'Mandatory');
        },
        null,
        { timeout: 15000 },
      );
      await page.locator('[data-testid=clause-results] li button').first().click();
      await page.locator('[data-testid=clause-detail] h2').waitFor();
      assert.match(page.url(), /\/clauses\?clause=/);

      await matchHeater(page);
      const mandatory = await page.locator('[data-testid=match-mandatory] > ul > li').count();
      assert.ok(mandatory > 0, 'a heater in hot seawater is bound by mandatory clauses');
      const why = await page.locator('[data-testid=match-mandatory] > ul > li ul li').count();
      assert.ok(why >= mandatory, 'every mandatory clause says why it applies');
    });
  });

  test('the clause library passes axe in English and Arabic', async () => {
    await withBrowser({}, async ({ page }) => {
      const failures = [];
      for (const lang of ['en', 'ar']) {
        await page.goto(url('/'));
        await switchLanguage(page, lang);
        await page.goto(url('/clauses'));
        await page.locator('[data-testid=clause-total]').waitFor();
        await matchHeater(page);
        await page.locator('[data-testid=clause-results] li button').first().click();
        await page.locator('[data-testid=clause-detail] h2').waitFor();
        const v = await seriousViolations(page);
        if (v.length) failures.push(`${lang} /clauses: ${v.join('; ')}`);
      }
      assert.deepEqual(failures, []);
    });
  });

  test('screenshots of the clause library at 360 px and 1280 px in English, Chinese and Arabic', async () => {
    const failures = await checkLayouts({
      name: 'clauses',
      prepare: (page) => page.goto(url('/')),
      axeAt: () => false,
      open: async (page) => {
        await page.goto(url('/clauses'));
        await page.locator('[data-testid=clause-total]').waitFor();
        await matchHeater(page);
      },
    });
    assert.deepEqual(failures, []);
  });
});

describe('failure cases', () => {
  test('search public cases by mechanism, open one, and find similar cases', async () => {
    await withBrowser({}, async ({ page }) => {
      await logIn(page);
      await openCases(page);
      assert.ok(
        (await page.locator('[data-testid=case-results] li').count()) > 0,
        'the demo public cases are listed',
      );
      await page.selectOption('#case-mechanism', 'fluoride_attack');
      await page.click('form[role=search] button[type=submit]');
      await page.waitForFunction(
        () => {
          const total = document.querySelector('[data-testid=case-total]')?.textContent ?? '';
          return /^\d+ cases found$/.test(total) && !/^65 /.test(total);
        },
        null,
        { timeout: 15000 },
      );
      const hits = await page.locator('[data-testid=case-results] li').count();
      assert.ok(hits > 0, 'some demo cases are fluoride attack');
      await page.locator('[data-testid=case-results] li button').first().click();
      await page.locator('[data-testid=case-detail] h2').waitFor();

      await page.fill('#sim-temp', '80');
      await page.selectOption('#sim-mechanism', 'crevice_corrosion');
      await page.click('#case-similar-h ~ form button[type=submit]');
      await page.locator('[data-testid=similar-results] > li').first().waitFor();
    });
  });

  test('the failure cases page passes axe and fits 360 px and 1280 px in English, Chinese and Arabic', async () => {
    const failures = await checkLayouts({
      name: 'cases',
      prepare: (page) => logIn(page),
      open: async (page) => {
        await openCases(page);
        await page.locator('[data-testid=case-results] li button').first().click();
        await page.locator('[data-testid=case-detail] h2').waitFor();
      },
    });
    assert.deepEqual(failures, []);
  });
});

/** Submits a failure case as the enterprise administrator and asks for its publication. */
async function submitCase(page) {
  await openCases(page);
  await page.selectOption('#cs-type', 'immersion_heater');
  await page.selectOption('#cs-material', 'Ti-Gr2');
  await page.fill('#cs-medium', 'chromic acid plating bath');
  await page.fill('#cs-temp', '83');
  await page.fill('#cs-chloride', '140');
  await page.selectOption('#cs-mode', 'crevice');
  await page.selectOption('#cs-mechanism', 'crevice_corrosion');
  await page.fill(
    '#cs-root',
    'Deposits under the PTFE gasket of the flange; reported by qa.lead@plating-works.example, phone 13812345678.',
  );
  await page.click('#case-submit-h ~ form button[type=submit]');
  await page.locator('[data-testid=case-submitted]').waitFor();
  await page.click('[data-testid=case-submitted] button');
  await page.locator('[data-testid=case-preview] tbody tr').first().waitFor();
}

describe('case submission and publication review', () => {
  test('a bad case is refused with a readable message next to the field', async () => {
    await withBrowser({}, async ({ page }) => {
      await logIn(page);
      await openCases(page);
      await page.selectOption('#cs-material', 'Ti-Gr2');
      await page.click('#case-submit-h ~ form button[type=submit]');
      await page.locator('[data-testid=form-error-summary]').waitFor();
      assert.equal(await page.getAttribute('#cs-temp', 'aria-invalid'), 'true');
    });
  });

  test('submit a case, preview it, a reviewer approves it, another firm applies for its detail', async () => {
    let publicId = 0;
    await withBrowser({ width: 1280, height: 900 }, async ({ page }) => {
      await logIn(page);
      await submitCase(page);
      const rows = await page.locator('[data-testid=case-preview] tbody tr').count();
      assert.ok(rows > 3, 'the preview lists the fields');
      const preview = await page.locator('[data-testid=case-preview]').textContent();
      assert.ok(
        !/13812345678|qa\.lead@/.test(
          await page
            .locator('[data-testid=case-preview] tbody td:last-child')
            .allTextContents()
            .then((t) => t.join(' ')),
        ),
        'the published text hides the person',
      );
      assert.match(preview ?? '', /13812345678/, 'the original is shown beside it');
      const failures = [];
      const v = await seriousViolations(page);
      if (v.length) failures.push(`en /cases submit: ${v.join('; ')}`);
      await screenshot(page, 'cases-submit-en-1280');
      assert.deepEqual(failures, []);
    });
    await withBrowser({ width: 1280, height: 900 }, async ({ page }) => {
      await logIn(page, 'operator@demo.rutile.example');
      await page.goto(url('/case-review'));
      const first = page.locator('[data-testid=review-queue] > li').first();
      await first.waitFor();
      const failures = [];
      for (const lang of ['en', 'ar']) {
        await switchLanguage(page, lang);
        const v = await seriousViolations(page);
        if (v.length) failures.push(`${lang} /case-review: ${v.join('; ')}`);
      }
      assert.deepEqual(failures, []);
      await switchLanguage(page, 'en');
      const before = await page.locator('[data-testid=review-queue] > li').count();
      await first.locator('button.primary').click();
      await page.locator('[data-testid=review-published]').waitFor();
      // The approved case leaves the queue.
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid=review-queue] > li').length === n,
        before - 1,
      );
      publicId = Number(
        /\d+/.exec((await page.textContent('[data-testid=review-published]')) ?? '')?.[0],
      );
    });
    assert.ok(publicId > 0);

    // Another enterprise asks for the restricted detail of the published case.
    await withBrowser({}, async ({ page }) => {
      await logIn(page, 'li@demo.rutile.example');
      await page.goto(url(`/cases?case=${publicId}`));
      await page.locator('[data-testid=case-detail] h2').waitFor();
      await page.click('[data-testid=apply] summary');
      // An application without a purpose is refused with the server's message.
      await page.click('[data-testid=apply] button[type=submit]');
      await page.locator('[data-testid=apply] [role=alert]').first().waitFor();
      await page.fill(
        `#apply-${publicId}-purpose`,
        'Same bath at our plant; we need the exact chloride.',
      );
      await page.click('[data-testid=apply] button[type=submit]');
      await page.locator('[data-testid=apply-done]').waitFor();
    });
    // The owner grants it.
    await withBrowser({}, async ({ page }) => {
      await logIn(page);
      await page.goto(url('/case-access'));
      await page.selectOption('#access-role', 'owner');
      const app = page.locator('[data-testid=application][data-status=pending]').first();
      await app.waitFor();
      await app.locator('button.primary').click();
      await page.locator('[data-testid=application][data-status=granted]').first().waitFor();
    });
    // The applicant reads the released detail; the owner sees the read in the access log.
    await withBrowser({}, async ({ page }) => {
      await logIn(page, 'li@demo.rutile.example');
      await page.goto(url('/case-access'));
      const app = page.locator('[data-testid=application][data-status=granted]').first();
      await app.waitFor();
      await app.locator('button').click();
      await app.locator('[data-testid=released-detail] tr').first().waitFor();
      const v = await seriousViolations(page);
      assert.deepEqual(v, []);
      await screenshot(page, 'case-access-en-1280');
    });
    await withBrowser({}, async ({ page }) => {
      await logIn(page);
      await page.goto(url('/case-access'));
      await page.selectOption('#access-role', 'owner');
      const app = page.locator('[data-testid=application][data-status=granted]').first();
      await app.waitFor();
      await app.locator('button', { hasText: 'Who read it' }).click();
      await app.locator('[data-testid=access-log] li').first().waitFor();
      assert.match((await app.locator('[data-testid=access-log]').textContent()) ?? '', /Li Wei/);
    });
  });

  test('the submission preview and review queue fit 360 px in English, Chinese and Arabic', async () => {
    const narrow = { widths: [360], axeAt: () => false };
    const failures = [
      ...(await checkLayouts({
        ...narrow,
        name: 'cases-submit',
        prepare: (page) => logIn(page),
        open: (page) => submitCase(page),
      })),
      ...(await checkLayouts({
        ...narrow,
        name: 'case-review',
        prepare: (page) => logIn(page, 'operator@demo.rutile.example'),
        open: async (page) => {
          await page.goto(url('/case-review'));
          await page.locator('[data-testid=review-queue] > li').first().waitFor();
        },
      })),
    ];
    assert.deepEqual(failures, []);
  });
});

describe('experience atlas and macro view', () => {
  test('the atlas groups public cases; a regulator analyst sees the macro table', async () => {
    await withBrowser({}, async ({ page }) => {
      await logIn(page);
      await page.goto(url('/atlas'));
      await page.locator('[data-testid=atlas] tbody tr').first().waitFor();
      await page.selectOption('#atlas-by', 'language');
      await page.waitForFunction(() =>
        /Language/.test(document.querySelector('[data-testid=atlas] thead th')?.textContent ?? ''),
      );
      assert.equal(await page.locator('#macro-h').count(), 0, 'no macro view for an enterprise');
    });
    await withBrowser({}, async ({ page }) => {
      await logIn(page, 'regulator@demo.rutile.example');
      await page.goto(url('/atlas'));
      await page.locator('#macro-h').waitFor();
      await page.locator('[data-testid=macro-totals] li').first().waitFor();
      // A malformed quarter is refused with a readable message.
      await page.fill('#macro-from', '2025-Q9');
      await page.click('#macro-h ~ form button[type=submit]');
      await page.locator('#macro-h ~ [role=alert]').waitFor();
    });
  });

  test('the atlas passes axe and fits 360 px and 1280 px in English, Chinese and Arabic', async () => {
    const failures = await checkLayouts({
      name: 'atlas',
      prepare: (page) => logIn(page, 'regulator@demo.rutile.example'),
      open: async (page) => {
        await page.goto(url('/atlas'));
        await page.locator('[data-testid=atlas] tbody tr').first().waitFor();
        await page.locator('[data-testid=macro-totals] li').first().waitFor();
      },
    });
    assert.deepEqual(failures, []);
  });
});

/** Registers a heater in hot seawater and waits for its grade; returns the grade text. */
async function registerHeater(page, name) {
  await page.goto(url('/equipment'));
  await page.locator('#eq-material option').first().waitFor({ state: 'attached' });
  await page.fill('#eq-name', name);
  await page.selectOption('#eq-type', 'immersion_heater');
  await page.selectOption('#eq-material', 'Ti-Gr2');
  await page.selectOption('#eq-preset', 'seawater');
  await page.fill('#eq-temp', '80');
  await page.fill('#eq-required', '0.8');
  // A flanged immersion heater: its gasket is a crevice.
  await page.selectOption('#eq-crevices', 'true');
  await page.click('#eq-register-h ~ form button[type=submit]');
  await page.locator('[data-testid=equipment-detail] [data-testid=equipment-grade]').waitFor();
  return page.locator('[data-testid=equipment-detail] [data-testid=equipment-grade]').textContent();
}

describe('equipment', () => {
  test('register a heater, see its grade, record readings and get the thickness analysis', async () => {
    await withBrowser({}, async ({ page }) => {
      await logIn(page);
      const grade = await registerHeater(page, 'Tank 3 immersion heater');
      // Ti-Gr2 in seawater at 80 °C with crevices: crevice corrosion makes it grade 3 (high).
      assert.match(grade ?? '', /Grade 3/);
      await page.locator('[data-testid=equipment-list] li', { hasText: 'Tank 3' }).waitFor();
      // The example batch (under the advanced JSON details) holds two wall-thickness readings a
      // year apart.
      await page.click('[data-testid=equipment-detail] details.advanced summary');
      await page.click('[data-testid=batch-form] button[type=submit]');
      await page.locator('[data-testid=thickness-analysis]').waitFor();
      await page.locator('[data-testid=equipment-detail] .chart svg').waitFor();
    });
  });

  test('the equipment page passes axe and fits 360 px and 1280 px in English, Chinese and Arabic', async () => {
    const failures = await checkLayouts({
      name: 'equipment',
      prepare: (page) => logIn(page),
      open: (page, lang, width) => registerHeater(page, `Heater ${lang} ${width}`),
    });
    assert.deepEqual(failures, []);
  });
});
