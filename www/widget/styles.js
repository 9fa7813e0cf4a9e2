// The widget's style sheet, adopted into its shadow root.

import { COLOURS } from './labels.js';
import { el } from './dom.js';

// ---------------------------------------------------------------------------------------------
// Style sheet (constructed, so a strict style-src never blocks it).

const CSS_TEXT = `
:host { display: block; --rc-ink: #1f2328; --rc-muted: #59636e; --rc-line: #d0d7de; --rc-paper: #fff;
  --rc-bg: #f6f8fa; --rc-accent: #0969da; color: var(--rc-ink);
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
.rc { display: flex; flex-direction: column; height: 100%; min-height: 0; gap: 10px; }
.bar { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 14px; font-size: 14px; color: var(--rc-muted); }
.bar .counts { display: flex; gap: 12px; align-items: baseline; }
.bar .count-item { display: inline-flex; align-items: baseline; gap: 4px; }
.bar .n { font-weight: 700; font-size: 16px; font-variant-numeric: tabular-nums; }
.bar .error .n { color: #cf222e; } .bar .warning .n { color: #7d4e00; } .bar .info .n { color: #0969da; }
.bar .state { font-size: 13px; }
.bar .notice { flex-basis: 100%; order: 5; padding: 4px 8px; border-radius: 6px; background: #fff8c5; color: #4d2d00;
  font-size: 13px; line-height: 1.6; }
.bar .notice[hidden], .btn[hidden] { display: none; }
.bar .nav { margin-left: auto; display: flex; gap: 6px; }
.btn { padding: 3px 10px; border: 1px solid var(--rc-line); border-radius: 6px; background: var(--rc-paper);
  color: var(--rc-ink); font-size: 13px; line-height: 1.6; }
.btn:hover:enabled { background: #eef1f4; }
.btn:disabled { cursor: default; opacity: .5; }
.btn:focus-visible, .entry:focus-visible, textarea:focus-visible { outline: 2px solid var(--rc-accent); outline-offset: 1px; }
/* The row takes the height it is given, not its content's: otherwise every change to the list
   makes the grid measure the whole list again (some 0.1 ms per entry, on every change). */
.main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(280px, 360px);
  grid-template-rows: minmax(240px, 1fr); gap: 14px; }
.editor-wrap { position: relative; min-height: 240px; contain: strict; will-change: transform; }
.editor { display: block; width: 100%; height: 100%; margin: 0; padding: 16px 20px; resize: none;
  border: 1px solid var(--rc-line); border-radius: 8px; background: var(--rc-paper); color: var(--rc-ink);
  font: inherit; font-size: 16px; line-height: 1.8; white-space: pre-wrap; overflow-wrap: break-word;
  overflow-x: hidden; overflow-y: scroll; tab-size: 4;
  /* Chromium trims the spacing of adjacent full-width punctuation in time quadratic in the run:
     8,000 adjacent 《 took 10 s to lay out after each key (2,000: 0.4 s). Full-width spacing,
     as Word shows by default, lays out in 10 ms. The mirror copies this. */
  text-spacing-trim: space-all; }
.editor:focus { outline: 2px solid var(--rc-accent); outline-offset: -1px; }
.editor::placeholder { color: #6e7781; }
.editor-wrap.drag .editor { outline: 2px dashed var(--rc-accent); outline-offset: -6px; }
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 1; pointer-events: none; }
/* Highlights are blended normally over the textarea: on its paper they look as multiplied ones
   did (the text under them is tinted 7-22 %, contrast still over 9:1), and a key's frame no
   longer rasters the mirror's area into a blend layer (raster p50 2.2 -> 0.6 ms, the frame's
   commit 2.0 -> 0.9 ms on the 20 KB report, bench-keystroke --ab --trace). */
.mirror { position: absolute; margin: 0; overflow: hidden; color: transparent; pointer-events: none;
  border-style: solid; border-color: transparent; background: transparent;
  -webkit-user-select: none; user-select: none; }
.mirror .sub { position: absolute; top: 0; left: 0; right: 0; }
.mirror > div + div, .mirror > .chunk > div + div, .mirror > .chunk + .chunk > div { text-indent: 0; }
/* Highlight mode: the line blocks in chunks of 64 (highlight.js, CHUNK), each contained: a frame
   with highlights no longer walks every line of the mirror. */
.mirror > .chunk { contain: layout; }
/* Room below the text, so the mirror can always scroll as far as its textarea. */
.mirror::after { content: ""; display: block; height: 100vh; }
.tip { position: absolute; z-index: 1; width: max-content; max-width: min(360px, 80vw); padding: 8px 10px; border-radius: 6px;
  background: #1f2328; color: #fff; font-size: 13px; line-height: 1.6; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  pointer-events: none; }
.tip[hidden] { display: none; }
.tip .head { display: block; font-weight: 700; margin-bottom: 2px; }
.tip .sugg { display: block; color: #c8e1ff; }
.tip .tip-fix { display: block; margin-top: 6px; padding: 0 10px; font-size: 12px; pointer-events: auto; }
.panel { min-height: 0; overflow-y: auto; padding: 10px 12px; background: var(--rc-paper);
  border: 1px solid var(--rc-line); border-radius: 8px; }
.panel h2 { margin: 2px 0 10px; font-size: 15px; }
.empty { color: var(--rc-muted); font-size: 14px; margin: 6px 0; }
.group { margin-bottom: 12px; }
.group-header { display: flex; align-items: center; gap: 8px; margin: 0 0 6px; font-size: 14px; }
.group-header .swatch { width: 12px; height: 12px; border-radius: 3px; background: rgb(var(--c)); }
.group-header .count { min-width: 22px; padding: 0 7px; border-radius: 10px; background: rgba(var(--c), .14);
  color: var(--rc-ink); font-size: 12px; text-align: center; font-variant-numeric: tabular-nums; }
.group-header .fix-all { margin-left: auto; }
ul { list-style: none; margin: 0; padding: 0; }
.item { margin: 0 0 6px; border-left: 4px solid rgb(var(--c)); border-radius: 4px; background: rgba(var(--c), .06); }
.item[aria-current="true"] { background: rgba(var(--c), .16); box-shadow: inset 0 0 0 1px rgba(var(--c), .6); }
.entry { display: block; width: 100%; padding: 6px 8px 2px; border: 0; background: transparent; color: var(--rc-ink);
  text-align: left; font-size: 14px; line-height: 1.6; }
.entry:hover { background: rgba(var(--c), .10); }
.sev { display: inline-block; margin-right: 6px; padding: 0 5px; border-radius: 3px; font-size: 12px; line-height: 1.6; }
.sev.error { background: #cf222e; color: #fff; }
.sev.warning { background: #fff1c2; color: #7d4e00; box-shadow: inset 0 0 0 1px #d4a72c; }
.sev.info { background: #ddf4ff; color: #0550ae; }
.pos { margin-right: 6px; color: var(--rc-muted); font-variant-numeric: tabular-nums; font-size: 12px; }
.excerpt { color: var(--rc-ink); font-weight: 600; margin-right: 4px; }
.advice { display: block; color: var(--rc-muted); font-size: 13px; }
.actions { display: flex; gap: 6px; padding: 2px 8px 6px; }
.actions .btn { padding: 0 8px; font-size: 12px; }
.more { width: 100%; }
.list-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 0 0 8px; font-size: 13px; color: var(--rc-muted); }
.list-tools select { font: inherit; font-size: 13px; padding: 1px 4px; border: 1px solid var(--rc-line); border-radius: 5px;
  background: var(--rc-paper); color: var(--rc-ink); }
.list-tools .shown-count { margin-left: auto; font-variant-numeric: tabular-nums; }
.kept { margin: 0 0 8px; font-size: 13px; color: var(--rc-muted); }
.kept[hidden] { display: none; }
.kept details { margin: 0 0 4px; }
.kept summary { cursor: pointer; }
.kept li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; padding: 2px 0 2px 14px; }
.kept .what { color: var(--rc-ink); }
.kept code { font-size: 12px; }
.kept .btn { padding: 0 8px; font-size: 12px; margin-left: auto; }
.notes { margin: 0 0 12px; padding: 8px 8px 2px; border: 1px solid #d4a72c; border-radius: 6px; background: #fff8c5; }
.notes-header { margin: 0 0 6px; font-size: 14px; color: #4d2d00; }
.layout-list { margin: 0 0 12px; }
.layout-header { margin: 0 0 6px; font-size: 14px; }
.paragraphs { flex-wrap: wrap; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 820px) { .main { grid-template-columns: minmax(0, 1fr); grid-template-rows: none; } .editor-wrap { height: 60vh; } .panel { max-height: none; overflow: visible; }
  /* The list is under the editor, in the page: the counts and 上一处/下一处 stay at the top of the
     screen, and text brought into view is not put under them (--rc-bar-h: element.js). */
  .rc > .bar { position: sticky; top: 0; z-index: 3; margin: -4px 0; padding: 4px 0; background: var(--rc-bg); }
  .editor { scroll-margin-top: calc(var(--rc-bar-h, 0px) + 8px); } }
:host(.rc-attached) { margin: 8px 0; }
/* Attached beside a host's textarea, the list scrolls in its own box at every width: it never
   spills over the host's controls (the narrow layout above lets the element's list grow). */
:host(.rc-attached) .panel { max-height: 360px; overflow-y: auto; }
.attached-bar { padding: 4px 2px; }
${Object.entries(COLOURS).map(([c, rgb]) => `[data-category="${c}"] { --c: ${rgb}; }`).join('\n')}
mark.finding { color: transparent; background: rgba(var(--c), .2); text-decoration: underline solid rgb(var(--c));
  text-decoration-thickness: 2px; text-underline-offset: 3px; text-decoration-skip-ink: none; border-radius: 0; }
mark.finding[data-severity="warning"] { background: rgba(var(--c), .14); text-decoration-style: dashed; }
mark.finding[data-severity="info"] { background: rgba(var(--c), .07); text-decoration-style: dotted; }
mark.finding[data-category="section"] { background: none; }
${Object.entries(COLOURS).flatMap(([c, rgb]) => c === 'section' ? [
    // Structure findings are about the document, often anchored on a whole paragraph: underline only.
    `::highlight(rc-${c}-error) { text-decoration: underline solid rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-warning) { text-decoration: underline dashed rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-info) { text-decoration: underline dotted rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
  ] : [
    `::highlight(rc-${c}-error) { background-color: rgba(${rgb}, .22); text-decoration: underline solid rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-warning) { background-color: rgba(${rgb}, .14); text-decoration: underline dashed rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(rc-${c}-info) { background-color: rgba(${rgb}, .07); text-decoration: underline dotted rgb(${rgb}); text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
  ]).join('\n')}
`;

let sheet = null;
export function adoptStyles(root) {
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS_TEXT);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    root.append(el('style', { textContent: CSS_TEXT })); // old browsers only
  }
}
