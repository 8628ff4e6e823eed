// The page checker itself: it finds each kind of defect it claims to find, and passes pages that
// are clean, so a journey that reports a clean page has been checked by something that can fail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withBrowser } from './harness.mjs';
import { checkPage } from './page_checker.mjs';

const page360 = { width: 360, height: 740 };

async function problemsOf(page, lang, body) {
  await page.setContent(`<!doctype html><html lang="${lang}"><body>${body}</body></html>`);
  return checkPage(page, { lang });
}

test('page checker finds each kind of defect and passes clean pages', async () => {
  await withBrowser(page360, async ({ page }) => {
    // (a) English words on a Chinese or Arabic page.
    const latin = await problemsOf(page, 'zh', '<h1>设备</h1><button>Save</button>');
    assert.equal(latin.length, 1, latin.join('\n'));
    assert.match(latin[0], /^latin: 'Save'/);
    assert.equal((await problemsOf(page, 'ar', '<p>Risk level: مرتفع</p>')).length, 2);
    assert.equal(
      (await problemsOf(page, 'zh', '<p>SAVE</p>')).length,
      1,
      'capitals are not a formula',
    );
    // ... but not on a Spanish page, and not formulas, units, grades, names marked translate=no,
    // cited titles in their language, or the language switcher.
    assert.deepEqual(await problemsOf(page, 'es', '<p>Guardar cambios</p>'), []);
    assert.deepEqual(
      await problemsOf(
        page,
        'zh',
        `<p>钛 Ti-Gr2 在 NaClO 和 H2SO4 中，Cl⁻ 200 mg/L，ISO 9223，GB/T 3620.1，Rutile</p>
         <p translate="no">Jinhe Surface Treatment Park</p>
         <p>见 <cite lang="en">Corrosion Resistance of Titanium</cite></p>
         <select id="language"><option lang="en">English</option><option lang="zh" selected>中文</option></select>`,
      ),
      [],
    );
    // Only the chosen option of a select is visible text.
    const select = await problemsOf(
      page,
      'zh',
      '<select><option selected>浸入式加热器</option><option>immersion_heater</option></select>',
    );
    assert.deepEqual(select, []);
    const chosenRaw = await problemsOf(
      page,
      'zh',
      '<select><option selected>electroplating</option></select>',
    );
    assert.equal(chosenRaw.length, 1, chosenRaw.join('\n'));
    // Hidden elements are not read.
    assert.deepEqual(
      await problemsOf(page, 'zh', '<p hidden>Loading</p><p style="display:none">Error</p>'),
      [],
    );

    // (b) Raw identifiers: snake_case in every language, kebab-case on zh and ar pages.
    const snake = await problemsOf(page, 'en', '<p>immersion_heater</p><p>bath_temperature_c</p>');
    assert.equal(snake.length, 2, snake.join('\n'));
    assert.ok(snake.every((p) => p.startsWith('snake_case:')));
    const kebab = await problemsOf(page, 'zh', '<p>区域 cn-east</p>');
    assert.ok(
      kebab.some((p) => p.startsWith('kebab-case:')),
      kebab.join('\n'),
    );
    assert.deepEqual(await problemsOf(page, 'en', '<p>A self-inspection form</p>'), []);

    // (c) Dates before 2000, in several scripts and digit systems.
    for (const [lang, text] of [
      ['zh', '1970年1月1日'],
      ['en', 'Jan 1, 1970'],
      ['en', '1970-01-01'],
      ['fr', '01/01/1970'],
      ['ar', '١‏/١‏/١٩٧٠'],
    ]) {
      const dates = await problemsOf(page, lang, `<p>${text}</p>`);
      assert.ok(
        dates.some((p) => p.startsWith('date:')),
        `${lang} ${text}: ${dates.join('\n')}`,
      );
    }
    assert.deepEqual(await problemsOf(page, 'zh', '<p>2026年12月7日</p><p>ISO 9223:1992</p>'), []);
    const time = await problemsOf(page, 'en', '<time datetime="1970-01-01T00:00:00Z">today</time>');
    assert.ok(
      time.some((p) => p.startsWith('date:')),
      time.join('\n'),
    );

    // (d) Horizontal overflow at 360 px; a table scrolling inside its own box is fine.
    const wide = await problemsOf(page, 'en', '<div style="width:900px">wide</div>');
    assert.ok(
      wide.some((p) => p.startsWith('overflow:')),
      wide.join('\n'),
    );
    assert.deepEqual(
      await problemsOf(
        page,
        'en',
        '<div style="overflow-x:auto"><div style="width:900px">table</div></div>',
      ),
      [],
    );
  });
});
