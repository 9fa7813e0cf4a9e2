// Accessibility of the page: focus order, ARIA roles and names, text contrast (WCAG AA 4.5:1).
// node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './helpers.mjs';

const TEXT = '我县计划于20xx年完成改造,成效显著。依据《规划》（青政办[2023]12号）推进。';

test('accessibility', async (t) => {
  const env = await setUp(t);
  const page = await env.newPage();
  await page.goto(env.url);
  await page.waitForFunction(() => window.__reportCheckReady === true, null, { timeout: 20_000 });
  await page.evaluate((text) => new Promise((r) => {
    const el = document.querySelector('report-check');
    el.addEventListener('findings', r, { once: true });
    el.value = text;
  }), TEXT);

  await t.test('Tab goes toolbar → summary bar → editor → findings list, in reading order', async () => {
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.focus('#open-file');
    const seen = [];
    for (let i = 0; i < 20; i++) {
      seen.push(await page.evaluate(() => {
        let a = document.activeElement;
        while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
        return a.id || a.className || a.tagName;
      }));
      await page.keyboard.press('Tab');
    }
    const at = (name) => seen.findIndex((s) => s.includes(name));
    assert.ok(at('open-file') < at('load-demo') && at('load-demo') < at('profile') && at('profile') < at('export-json'), seen.join(' | '));
    assert.ok(at('print-summary') < at('btn prev') && at('btn next') < at('editor') && at('editor') < at('entry'), seen.join(' | '));
  });

  await t.test('roles and names', async () => {
    const info = await page.evaluate(() => {
      const root = document.querySelector('report-check').shadowRoot;
      const name = (e) => e.getAttribute('aria-label') || e.textContent.trim() || e.title;
      return {
        unnamedButtons: [...document.querySelectorAll('button'), ...root.querySelectorAll('button')].filter((b) => !name(b)).length,
        textareaLabel: root.querySelector('textarea').getAttribute('aria-label'),
        keyshortcuts: root.querySelector('textarea').getAttribute('aria-keyshortcuts'),
        regions: [...root.querySelectorAll('[role=region], aside[aria-label]')].map((e) => e.getAttribute('aria-label')),
        lists: [...root.querySelectorAll('ul[role=list]')].every((ul) => ul.getAttribute('aria-labelledby') && root.getElementById(ul.getAttribute('aria-labelledby'))),
        live: root.querySelector('[role=status][aria-live=polite]') !== null,
        tooltip: root.querySelector('[role=tooltip]') !== null,
        mirrorHidden: root.querySelector('.mirror').getAttribute('aria-hidden'),
        lang: document.documentElement.lang,
        select: document.querySelector('#profile').closest('label') !== null,
      };
    });
    assert.equal(info.unnamedButtons, 0, 'every button has a name');
    assert.equal(info.textareaLabel, '报告正文');
    assert.ok(info.keyshortcuts.includes('F8'));
    assert.deepEqual(info.regions, ['报告正文编辑区', '检查结果']);
    assert.ok(info.lists, 'each findings list is labelled by its group heading');
    assert.ok(info.live, 'a polite live region announces findings and fixes');
    assert.ok(info.tooltip);
    assert.equal(info.mirrorHidden, 'true', 'the highlight mirror is hidden from assistive technology');
    assert.equal(info.lang, 'zh-CN');
    assert.ok(info.select, 'the profile chooser has a label');
  });

  await t.test('text contrast is at least 4.5:1', async () => {
    const low = await page.evaluate(() => {
      const lum = (rgb) => {
        const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,/]+/).map(Number); return { rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1 }; };
      // Background: blend the element's and its ancestors' backgrounds over white.
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement || (e.getRootNode().host ?? null)) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0) { layers.push(c); if (c.a === 1) break; }
        }
        let rgb = [255, 255, 255];
        for (const c of layers.reverse()) rgb = rgb.map((v, i) => v * (1 - c.a) + c.rgb[i] * c.a);
        return rgb;
      };
      const roots = [document, document.querySelector('report-check').shadowRoot];
      const out = [];
      for (const root of roots) {
        for (const el of root.querySelectorAll('*')) {
          if (!el.checkVisibility || !el.checkVisibility()) continue;
          if (el.closest('.mirror, .tip, textarea, select, option, .print-report, .skip')) continue;
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
          if (!own) continue;
          const fg = parse(getComputedStyle(el).color);
          if (!fg || fg.a === 0) continue;
          const bg = background(el);
          const [l1, l2] = [lum(fg.rgb), lum(bg)].sort((a, b) => b - a);
          const ratio = (l1 + 0.05) / (l2 + 0.05);
          if (ratio < 4.5) out.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 20)}" ${ratio.toFixed(2)}`);
        }
      }
      return out;
    });
    assert.deepEqual(low, [], 'text below 4.5:1');
  });

  await t.test('nothing failed', () => {
    assert.deepEqual(env.problems, []);
  });
});
