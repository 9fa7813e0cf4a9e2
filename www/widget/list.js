// The findings list of a Controller: the order and filter tools above it, the summary of notes
// about the whole document, and the entries (built in slices for long lists). These methods
// are installed on Controller.prototype (installList) and use its state: findings, shownText,
// current, error, pending, report, and its actions reveal, fix, fixAll, ignore and the tip.

import { el } from './dom.js';
import { CATEGORIES, CATEGORY_RANK, SEVERITIES, SEVERITY_RANK, categoryLabel, severityLabel } from './labels.js';
import { adviceOf, fixLabel, fixable, isDocumentNote, spansOf } from './spans.js';
import { paragraphKind } from './docx.js';
import { rules } from './engine.js';

// Rule id → description (rules()), asked once, for the list of rules switched off.
const RULE_INFO = new Map();
let ruleInfo = null;
const loadRuleInfo = () => (ruleInfo ??= rules().then((list) => { for (const r of list) RULE_INFO.set(r.id, r.description); }, () => {}));

const LIST_LIMIT = 100; // entries shown per group before "show more"
const LIST_LIMIT_FLAT = 200; // entries shown in document order before "show more"
const LIST_AT_ONCE = 150; // entries built at once; more are added in slices (fillList)
const LIST_SLICE_MS = 8;

class FindingsList {
  // Above the list: the order (document order, or grouped by category), filters by category
  // and severity, and how many entries the filters leave.
  buildListTools() {
    if (!this.listBox) return;
    const opt = (value, label) => el('option', { value, textContent: label });
    this.orderSelect = el('select', { className: 'order', attrs: { 'aria-label': '排列方式' } },
      opt('position', '按位置排列'), opt('category', '按类别分组'));
    this.categorySelect = el('select', { className: 'filter-category', attrs: { 'aria-label': '按类别筛选' } }, opt('', '全部类别'));
    this.severitySelect = el('select', { className: 'filter-severity', attrs: { 'aria-label': '按级别筛选' } },
      opt('', '全部级别'), ...SEVERITIES.map(([id, label]) => opt(id, label)));
    this.shownCount = el('span', { className: 'shown-count' });
    this.orderSelect.addEventListener('change', () => { this.order = this.orderSelect.value; this.renderList(); });
    this.categorySelect.addEventListener('change', () => { this.filter.category = this.categorySelect.value; this.renderList(); });
    this.severitySelect.addEventListener('change', () => { this.filter.severity = this.severitySelect.value; this.renderList(); });
    this.listTools = el('div', { className: 'list-tools', attrs: { role: 'group', 'aria-label': '排列与筛选' } },
      this.orderSelect, this.categorySelect, this.severitySelect, this.shownCount);
    this.listBox.before(this.listTools);
    // What the user set aside: the findings ignored in this document, the rules switched off.
    this.keptBox = el('div', { className: 'kept', hidden: true });
    this.listTools.after(this.keptBox);
  }

  /** The list order: 'position' (document order, the default) or 'category'. */
  setOrder(order) {
    this.order = order === 'category' ? 'category' : 'position';
    if (this.orderSelect) this.orderSelect.value = this.order;
    this.renderList();
  }

  /** Shows only findings of one category and/or severity ('' for all). */
  setFilter({ category = this.filter.category, severity = this.filter.severity } = {}) {
    this.filter = { category, severity };
    this.renderList();
  }

  renderListTools(list, shown) {
    if (!this.listTools) return;
    this.renderKept();
    const present = [...new Set(list.map((f) => f.category))]
      .sort((a, b) => (CATEGORY_RANK.get(a) ?? 99) - (CATEGORY_RANK.get(b) ?? 99) || a.localeCompare(b));
    if (this.filter.category && !present.includes(this.filter.category)) present.push(this.filter.category);
    const wanted = ['', ...present].join('|');
    if (this.categorySelect.dataset.options !== wanted) {
      this.categorySelect.replaceChildren(el('option', { value: '', textContent: '全部类别' }),
        ...present.map((c) => el('option', { value: c, textContent: categoryLabel(c) })));
      this.categorySelect.dataset.options = wanted;
    }
    this.categorySelect.value = this.filter.category;
    this.severitySelect.value = this.filter.severity;
    this.orderSelect.value = this.order;
    const filtered = this.filter.category || this.filter.severity;
    this.shownCount.textContent = list.length ? (filtered ? `显示 ${shown} 条，共 ${list.length} 条` : `共 ${list.length} 条`) : '';
  }

  renderList() {
    if (!this.listBox) return;
    this.listStale = false;
    this.listToken = null;
    // What the entries are built from (a click on them before the next rebuild: onStaleClick).
    this.listFindings = this.findings;
    this.listText = this.shownText;
    // Until the slices are done, the list keeps at least its old height, so a panel scrolled
    // down stays where it was instead of being pulled up to the first entries' end.
    const list = this.findings;
    const hold = list.length > LIST_AT_ONCE ? this.listBox.offsetHeight : 0;
    this.listBox.style.removeProperty('min-height');
    const text = this.shownText;
    const layout = this.layoutSection();
    if (!list.length) {
      this.renderListTools(list, 0);
      this.listBox.replaceChildren(...(layout ? [layout] : []), el('p', { className: 'empty',
        textContent: this.error ? this.error : !this.report ? '正在加载检查引擎…' : !text.trim() ? '粘贴、输入或拖入报告全文后自动检查。'
          : this.pending ? '正在检查…' : layout ? '正文未发现问题。' : '未发现问题。' }));
      return;
    }
    const { category, severity } = this.filter;
    const notes = [];
    const rest = [];
    list.forEach((f, i) => {
      if ((category && f.category !== category) || (severity && f.severity !== severity)) return;
      (isDocumentNote(f) ? notes : rest).push(i);
    });
    this.renderListTools(list, notes.length + rest.length);
    // How many fixable findings each rule has, for the "fix all of this kind" buttons.
    const fixableByRule = new Map();
    for (const f of list) if (fixable(f)) fixableByRule.set(f.rule, (fixableByRule.get(f.rule) || 0) + 1);
    const pending = []; // [ul, finding index] for every entry to list, in list order
    const sections = [];
    // Notes about the whole document: a summary above the list.
    if (notes.length) {
      const ul = el('ul', { attrs: { role: 'list', 'aria-labelledby': `rc-notes-${this.channel}` } });
      for (const i of notes) pending.push([ul, i]);
      sections.push(el('section', { className: 'notes', attrs: { 'aria-labelledby': `rc-notes-${this.channel}` } },
        el('h3', { className: 'notes-header', id: `rc-notes-${this.channel}`, textContent: `全文问题（${notes.length}）` }), ul));
    }
    if (this.order === 'category') {
      const groups = new Map();
      for (const index of rest) {
        const c = list[index].category;
        if (!groups.has(c)) groups.set(c, []);
        groups.get(c).push(index);
      }
      const rank = (c) => CATEGORY_RANK.get(c) ?? CATEGORIES.length;
      const cats = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      for (const category of cats) {
        const idx = groups.get(category).sort((a, b) =>
          (SEVERITY_RANK.get(list[a].severity) ?? 9) - (SEVERITY_RANK.get(list[b].severity) ?? 9) || a - b);
        const headingId = `rc-g-${this.channel}-${category}`;
        const shown = this.expanded.has(category) ? idx : idx.slice(0, LIST_LIMIT);
        const ul = el('ul', { attrs: { role: 'list', 'aria-labelledby': headingId } });
        for (const i of shown) pending.push([ul, i]);
        const section = el('section', { className: 'group', dataset: { category }, attrs: { 'aria-labelledby': headingId } },
          el('h3', { className: 'group-header', id: headingId, dataset: { category } },
            el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } }),
            el('span', { className: 'label', textContent: categoryLabel(category) }),
            el('span', { className: 'count', textContent: String(idx.length), attrs: { 'aria-label': `${idx.length} 条` } })),
          ul);
        if (shown.length < idx.length) section.append(this.moreButton(category, idx.length - shown.length));
        sections.push(section);
      }
    } else if (rest.length) {
      // Document order: the drafter works from the top of the report down.
      const idx = rest.sort((a, b) => list[a].start - list[b].start || list[a].end - list[b].end || a - b);
      const shown = this.expanded.has('*') ? idx : idx.slice(0, LIST_LIMIT_FLAT);
      const headingId = `rc-flat-${this.channel}`;
      const ul = el('ul', { className: 'flat', attrs: { role: 'list', 'aria-labelledby': headingId } });
      for (const i of shown) pending.push([ul, i]);
      const section = el('section', { className: 'flat-list', attrs: { 'aria-labelledby': headingId } },
        el('h3', { className: 'sr-only', id: headingId, textContent: '按在正文中的位置排列的问题' }), ul);
      if (shown.length < idx.length) section.append(this.moreButton('*', idx.length - shown.length));
      sections.push(section);
    }
    if (!pending.length) sections.push(el('p', { className: 'empty', textContent: '没有符合筛选条件的问题。' }));
    if (layout) sections.splice(notes.length ? 1 : 0, 0, layout);
    this.listBox.replaceChildren(...sections);
    if (pending.length > LIST_AT_ONCE) this.listBox.style.minHeight = `${hold}px`;
    this.fillList(pending, text, fixableByRule);
  }

  // The layout findings of an opened .docx (GB/T 9704), apart from the text's: each with the
  // paragraph it concerns (第 12 段（正文）), which a click selects in the editor; page size,
  // margins and page numbers are about the whole file. They come from the file, not from the
  // editor's text, so they stay until another file or text replaces it.
  layoutSection() {
    const d = this.docx;
    if (!d) return null;
    // The list's filters apply to it too (its category is 版式, layout).
    const { category, severity } = this.filter;
    if (category && category !== 'layout') return null;
    const items = d.layout.filter((f) => !this.rulesOff.includes(f.rule) && (!severity || f.severity === severity));
    if (!items.length) return null;
    const id = `rc-layout-${this.channel}`;
    const ul = el('ul', { attrs: { role: 'list', 'aria-labelledby': id } });
    for (const f of items) {
      const places = f.scope === 'document' ? [] : spansOf(f);
      const kind = paragraphKind(f.rule);
      const paragraph = (s) => d.paragraphAt(s.start);
      const head = !places.length ? '全文' : places.length === 1 ? `第 ${paragraph(places[0])} 段（${kind}）` : `${places.length} 段${kind}`;
      const parts = [el('span', { className: `sev ${f.severity}`, textContent: severityLabel(f.severity) }),
        el('span', { className: 'message', textContent: `${head}：${f.message}` })];
      let entry;
      if (places.length === 1) {
        entry = el('button', { type: 'button', className: 'entry', title: '点击选中这一段' }, ...parts);
        entry.addEventListener('click', () => this.revealDocx(places[0]));
      } else {
        entry = el('div', { className: 'entry' }, ...parts);
      }
      const li = el('li', { className: 'item layout', dataset: { rule: f.rule, category: f.category, severity: f.severity } }, entry);
      if (places.length > 1) {
        const links = places.slice(0, 100).map((s) => {
          const b = el('button', { type: 'button', className: 'btn paragraph', textContent: `第 ${paragraph(s)} 段`, title: '点击选中这一段' });
          b.addEventListener('click', () => this.revealDocx(s));
          return b;
        });
        li.append(el('div', { className: 'actions paragraphs' }, ...links));
      }
      ul.append(li);
    }
    return el('section', { className: 'layout-list', attrs: { 'aria-labelledby': id } },
      el('h3', { className: 'layout-header', id, textContent: `版式（Word 文件「${d.name}」，${items.length} 条）` }), ul);
  }

  moreButton(key, n) {
    const more = el('button', { type: 'button', className: 'btn more', textContent: `显示其余 ${n} 条` });
    more.addEventListener('click', () => { this.expanded.add(key); this.renderList(); });
    return more;
  }

  // Builds the entries: the first LIST_AT_ONCE now, the rest in slices of a few milliseconds
  // with the page free in between to take keys and draw (a 1 MB text can list 700 entries,
  // some 70 ms of work in one piece). A newer list, or destroy(), stops an unfinished one.
  fillList(pending, text, fixableByRule) {
    const token = (this.listToken = {});
    const list = this.findings;
    let at = 0;
    const slice = (atOnce) => {
      if (this.listToken !== token) return;
      const stop = performance.now() + LIST_SLICE_MS;
      for (; at < pending.length && (at < atOnce || performance.now() < stop); at++) {
        const [ul, i] = pending[at];
        ul.append(this.listItem(list[i], i, text, fixableByRule.get(list[i].rule) || 0));
      }
      if (at < pending.length) setTimeout(() => slice(0), 0);
      else this.listBox.style.removeProperty('min-height');
    };
    slice(LIST_AT_ONCE);
  }

  listItem(f, index, text, same) {
    const excerpt = text.slice(f.start, Math.min(f.end, f.start + 12));
    const entry = el('button', { type: 'button', className: 'entry', title: `第${f.line}行第${f.column}列，点击定位` },
      el('span', { className: `sev ${f.severity}`, textContent: severityLabel(f.severity) }),
      el('span', { className: 'pos', textContent: `${f.line}:${f.column}` }),
      ...(excerpt.trim() ? [el('span', { className: 'excerpt', textContent: `「${excerpt}${f.end - f.start > 12 ? '…' : ''}」` })] : []),
      el('span', { className: 'message', textContent: f.message }));
    const advice = adviceOf(f);
    if (advice) entry.append(el('span', { className: 'advice', textContent: advice }));
    entry.addEventListener('click', () => this.reveal(index));
    entry.addEventListener('focus', () => this.showTipFor(this.currentIndexOf(index), false));
    entry.addEventListener('blur', () => this.hideTip());
    const actions = el('div', { className: 'actions' });
    if (fixable(f)) {
      const fix = el('button', { type: 'button', className: 'btn fix', textContent: fixLabel(f), title: '按建议修改，可用 Ctrl+Z 撤销' });
      fix.addEventListener('click', () => this.fix(f));
      actions.append(fix);
      if (same > 1) {
        const all = el('button', { type: 'button', className: 'btn fix-all', textContent: `同类全部修改（${same} 条）`, title: '修改本规则的全部问题，可用 Ctrl+Z 一次撤销' });
        all.addEventListener('click', () => this.fixAll(f.rule));
        actions.append(all);
      }
    }
    const ignore = el('button', { type: 'button', className: 'btn ignore', textContent: '忽略', title: '本文档中不再提示这一处（在本浏览器中保留，可在「已忽略」中恢复）' });
    ignore.addEventListener('click', () => this.ignore(f));
    actions.append(ignore);
    const off = el('button', { type: 'button', className: 'btn rule-off', textContent: '关闭此规则',
      title: `不再检查这一类问题（${f.rule}）；随检查方案保存，可在「已关闭的规则」中重新开启` });
    off.addEventListener('click', () => this.disableRule(f.rule));
    actions.append(off);
    return el('li', {
      className: 'item',
      dataset: { rule: f.rule, category: f.category, severity: f.severity, start: f.start, end: f.end, index },
      // An entry built after F8 went to its finding (fillList) is marked as reveal() marks it.
      ...(index === this.current ? { attrs: { 'aria-current': 'true' } } : {}),
    }, entry, actions);
  }

  // Above the list: 已忽略 (each ignored finding, with 恢复) and 已关闭的规则 (each, with 开启),
  // folded until opened.
  renderKept() {
    const box = this.keptBox;
    const ignored = [...this.ignored];
    const off = this.rulesOff;
    box.hidden = !ignored.length && !off.length;
    if (box.hidden) return box.replaceChildren();
    if (off.some((r) => !RULE_INFO.has(r)) && !ruleInfo) loadRuleInfo().then(() => this.renderKept());
    // Opened or folded by the user: stays so while the list is built again.
    const open = (this.keptOpen ??= new Set());
    const section = (className, title, items) => {
      const d = el('details', { className, open: open.has(className) },
        el('summary', { textContent: title }), el('ul', { attrs: { role: 'list' } }, ...items));
      d.addEventListener('toggle', () => { if (d.open) open.add(className); else open.delete(className); });
      return d;
    };
    const parts = [];
    if (ignored.length) {
      parts.push(section('ignored', `已忽略（${ignored.length}）`, ignored.map((key) => {
        const [rule, text] = key.split('\u0000');
        const shown = text.length > 16 ? `${text.slice(0, 16)}…` : text;
        const undo = el('button', { type: 'button', className: 'btn unignore', textContent: '恢复', title: '重新提示这一处' });
        undo.addEventListener('click', () => this.unignore(key));
        return el('li', { dataset: { rule } }, el('span', { className: 'what', textContent: shown.trim() ? `「${shown}」` : '（空白处）' }),
          el('span', { className: 'rule', textContent: RULE_INFO.get(rule) || rule }), undo);
      })));
    }
    if (off.length) {
      parts.push(section('rules-off', `已关闭的规则（${off.length}）`, off.map((rule) => {
        const on = el('button', { type: 'button', className: 'btn rule-on', textContent: '开启', title: '重新检查这一类问题' });
        on.addEventListener('click', () => this.enableRule(rule));
        return el('li', { dataset: { rule } }, el('span', { className: 'rule', textContent: RULE_INFO.get(rule) || rule }),
          el('code', { textContent: rule }), on);
      })));
    }
    box.replaceChildren(...parts);
  }
}

/** Adds the list's methods to a controller class. */
export function installList(Controller) {
  for (const name of Object.getOwnPropertyNames(FindingsList.prototype)) {
    if (name !== 'constructor') Object.defineProperty(Controller.prototype, name, Object.getOwnPropertyDescriptor(FindingsList.prototype, name));
  }
}
