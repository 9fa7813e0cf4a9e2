// Browser benchmark of a .docx (issue 16: "opening and checking a 60 KB .docx ≤ 50 ms in
// Chromium"), on the release wasm in www/pkg (build it first: scripts/build-wasm.sh):
//   node scripts/bench-docx.mjs [--runs=N] [--json]
// In headless Chromium (playwright-core, /usr/bin/chromium), on a local static server, the
// median of N (default 15, after 2 warm-up runs) of:
//   - check_docx(bytes): unzip, read (numbering, styles, layout facts), check the text, the
//     layout rules, findings to JS: what the page does when a .docx is opened;
//   - annotate_docx(bytes): the same check and the annotated copy (comments, no fixes);
// on a made-up 公文 .docx of about 60 KB written here (automatic numbering, styles, a
// footer; deflated with node's zlib), and on ../shared/corpus/docx's
// gov-report-2025-guangdong.docx (69 KB) when it is there. Also prints the budget's verdict.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './serve.mjs';
import { zip } from '../tests/e2e/docx-zip.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const PKG = path.join(REPO, 'www', 'pkg');
const ROOT = path.join(REPO, 'target', 'bench-docx');
const CORPUS = process.env.REPORT_CHECK_CORPUS
  || [path.join(REPO, '..', 'shared', 'corpus'), path.join(REPO, '..', '..', 'shared', 'corpus')]
    .find((p) => fs.existsSync(p));
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 15);
const TARGET_BYTES = 60_000;
const BUDGET_MS = 50;

function die(msg) {
  console.error(`bench-docx: ${msg}`);
  process.exit(1);
}

// ---- a .docx written here: a zip of hand-written parts ----

// The zip writer the e2e tests use (deflated entries).

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A made-up 自评报告 as a .docx of about `bytes` bytes: headings numbered by Word
 * (一、（一）1.), body paragraphs of two or three runs, a table now and then. */
function madeUpDocx(bytes) {
  let seed = 7;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const towns = ['城关镇', '柳溪镇', '石门乡', '白沙镇', '青山乡', '河西街道', '龙泉镇', '新桥乡'];
  const things = ['新建校舍', '改造运动场', '补充教师', '资助学生', '培训校长', '配备图书', '建设食堂', '更新设备'];
  const units = ['平方米', '名', '人次', '万元', '所', '册', '套', '个'];
  const says = ['全面完成年度目标任务', '有效缓解城区学位压力', '办学条件明显改善',
    '群众满意度持续提升', '师资结构不断优化', '资助政策落实到位'];
  // As Word writes them: revision ids on every paragraph and run, each run's fonts and
  // sizes spelt out (this markup, not the text, is most of a real file's bytes).
  const rsid = () => (0x100000 + rand(0xefffff)).toString(16).toUpperCase().padStart(8, '0');
  const fonts = '<w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:cs="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>';
  const para = (ppr, runs) => `<w:p w:rsidR="${rsid()}" w:rsidRDefault="${rsid()}" w:rsidP="${rsid()}"><w:pPr>${ppr}<w:rPr>${fonts}</w:rPr></w:pPr>${runs.map(([rpr, t]) =>
    `<w:r w:rsidRPr="${rsid()}"><w:rPr>${rpr || fonts}</w:rPr><w:t xml:space="preserve">${esc(t)}</w:t></w:r>`).join('')}</w:p>`;
  const numbered = (ilvl, text) => para(
    `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`,
    [[ilvl === 0 ? '<w:rFonts w:eastAsia="黑体"/>' : ilvl === 1 ? '<w:rFonts w:eastAsia="楷体_GB2312"/>' : '', text]]);
  const body = () => {
    const town = towns[rand(towns.length)];
    const thing = things[rand(things.length)];
    const n = 1000 + rand(90000);
    const unit = units[rand(units.length)];
    const year = 2021 + rand(5);
    return para('', [
      ['', `${year}年，${town}${thing}${n}${unit}，`],
      ['', `比上年增长${(rand(300) / 10).toFixed(1)}%，`],
      ['', `${says[rand(says.length)]}，投入资金${(rand(50000) / 100).toFixed(2)}万元。`],
    ]);
  };
  const table = () => `<w:tbl>${Array.from({ length: 4 }, () => `<w:tr>${Array.from({ length: 3 }, () =>
    `<w:tc><w:p><w:r><w:t>${towns[rand(towns.length)]}${rand(1000)}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
  const build = (paragraphs) => {
    const parts = [para('<w:jc w:val="center"/>', [['<w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>', '柳溪县人民政府关于履行教育职责情况的自评报告']])];
    let k = 0;
    for (let h1 = 0; k < paragraphs; h1++) {
      parts.push(numbered(0, ['基本情况', '主要做法', '取得成效', '存在问题', '下一步工作'][h1 % 5]));
      for (let h2 = 0; h2 < 4 && k < paragraphs; h2++) {
        parts.push(numbered(1, `${things[rand(things.length)]}情况`));
        for (let i = 0; i < 3 && k < paragraphs; i++, k++) {
          if (i === 1) parts.push(numbered(2, `${says[rand(says.length)]}。`));
          parts.push(body());
        }
        if (h2 === 2) parts.push(table());
      }
    }
    parts.push(para('<w:jc w:val="right"/>', [['', '柳溪县人民政府']]));
    parts.push(para('<w:jc w:val="right"/>', [['', '2025年3月20日']]));
    parts.push('<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>');
    const lvl = (i, fmt, text) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:suff w:val="nothing"/></w:lvl>`;
    return zip([
      ['[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`],
      ['_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`],
      ['word/document.xml', `${XML}<w:document ${W}><w:body>${parts.join('')}</w:body></w:document>`],
      ['word/_rels/document.xml.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`],
      ['word/styles.xml', `${XML}<w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style></w:styles>`],
      ['word/numbering.xml', `${XML}<w:numbering ${W}><w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`],
      ['word/footer1.xml', `${XML}<w:ftr ${W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`],
    ]);
  };
  // Grow the paragraph count until the file reaches `bytes` (twice as many, then halve back).
  let lo = 10;
  let hi = 20;
  while (build(hi).length < bytes) { lo = hi; hi *= 2; }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (build(mid).length < bytes) lo = mid; else hi = mid;
  }
  return build(hi);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const BENCH_HTML = '<!doctype html><meta charset="utf-8"><title>bench docx</title><script type="module" src="bench.js"></script>';
// Times `op` of the wasm API on `name`, RUNS times after two warm-up calls; the results of the
// last call are kept to be reported (text length, findings).
const BENCH_JS = `
const engine = await import('./pkg/report_check.js');
await engine.default();
window.__time = async (name, op, runs) => {
  const bytes = new Uint8Array(await (await fetch(name)).arrayBuffer());
  const call = () => op === 'check' ? engine.check_docx(bytes) : engine.annotate_docx(bytes);
  call();
  call();
  const ms = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = call();
    ms.push(performance.now() - t);
  }
  const about = op === 'check'
    ? { chars: last.text.length, findings: last.findings.length, layout: last.findings.filter((f) => f.category === 'layout').length }
    : { bytes: last.length };
  return { ms, about };
};
window.__ready = true;
`;

async function main() {
  for (const f of ['report_check.js', 'report_check_bg.wasm']) {
    if (!fs.existsSync(path.join(PKG, f))) die(`${path.join(PKG, f)} is missing: run scripts/build-wasm.sh first`);
  }
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.mkdirSync(path.join(ROOT, 'pkg'), { recursive: true });
  for (const f of fs.readdirSync(PKG)) fs.copyFileSync(path.join(PKG, f), path.join(ROOT, 'pkg', f));
  fs.writeFileSync(path.join(ROOT, 'bench.html'), BENCH_HTML);
  fs.writeFileSync(path.join(ROOT, 'bench.js'), BENCH_JS);
  const files = [['made-up-60k.docx', madeUpDocx(TARGET_BYTES)]];
  const real = CORPUS && path.join(CORPUS, 'docx', 'gov-report-2025-guangdong.docx');
  if (real && fs.existsSync(real)) files.push(['guangdong.docx', fs.readFileSync(real)]);
  else console.log('DOCX CORPUS ABSENT: ../shared/corpus/docx not found; only the made-up .docx is timed');
  for (const [name, bytes] of files) fs.writeFileSync(path.join(ROOT, name), bytes);

  const { server, url } = await start({ root: ROOT, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const results = {};
  try {
    const page = await browser.newPage();
    await page.goto(`${url}bench.html`);
    await page.waitForFunction(() => window.__ready);
    console.log(`Chromium ${browser.version()}; ${RUNS} runs each after 2 warm-up runs; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    for (const [name, bytes] of files) {
      const key = name.replace(/\.docx$/, '').replace(/-/g, '_');
      for (const op of ['check', 'annotate']) {
        const r = await page.evaluate(([n, o, runs]) => window.__time(n, o, runs), [name, op, RUNS]);
        const m = median(r.ms);
        results[`${op}_docx_${key}_ms`] = m;
        const about = op === 'check'
          ? `${r.about.chars} chars, ${r.about.findings} findings (${r.about.layout} layout)`
          : `copy ${r.about.bytes} bytes`;
        console.log(`${op}_docx ${name} (${bytes.length} bytes): median ${m.toFixed(1)} ms, fastest ${Math.min(...r.ms).toFixed(1)} ms; ${about}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const m = results.check_docx_made_up_60k_ms;
  console.log(`budget: open and check a 60 KB .docx in Chromium ≤ ${BUDGET_MS} ms: median ${m.toFixed(1)} ms (${m <= BUDGET_MS ? 'met' : 'NOT met'})`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
}

main().catch((err) => die(err.stack || String(err)));
