// attach(textarea): the widget beside an existing <textarea> of a host page.

import { el } from './dom.js';
import { adoptStyles } from './styles.js';
import { Controller } from './controller.js';
import { exportData } from './element.js';
import { surfaceFor } from './adapters/index.js';

// ---------------------------------------------------------------------------------------------
// attach(textarea): highlights and a findings list for an existing <textarea>. The textarea is
// neither moved nor restyled, and its value changes only when the user applies a fix.
// attach(editor): the same for a contenteditable element, a TinyMCE or a wangEditor editor,
// through a surface over its content (adapters/): highlights drawn over it, fixes through the
// editor's API.

const attached = new WeakMap();

export function attach(target, options = {}) {
  if (attached.has(target)) return attached.get(target);
  const surface = target instanceof HTMLTextAreaElement ? null : surfaceFor(target, options);
  if (!surface && !(target instanceof HTMLTextAreaElement)) {
    throw new TypeError('attach() needs a <textarea>, a contenteditable element, or a TinyMCE or wangEditor editor');
  }
  const textarea = surface || target;
  const host = document.createElement('div');
  host.className = 'rc-attached';
  host.setAttribute('data-report-check', '');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);
  const layer = el('div', { className: 'layer' });
  const bar = el('div', { className: 'bar attached-bar', attrs: { role: 'group', 'aria-label': '检查摘要' } });
  const list = el('div', { className: 'findings' });
  const showList = options.list !== false;
  const panel = el('div', { className: 'panel', attrs: { role: 'region', 'aria-label': '检查结果' } }, list);
  root.append(layer, bar, ...(showList ? [panel] : []));
  if (options.container instanceof Element) options.container.append(host);
  else (surface ? surface.after : textarea).insertAdjacentElement('afterend', host);
  // The host holds the layer at its top-left; the mirror is placed over the textarea from there.
  host.style.setProperty('position', 'relative');
  const controller = new Controller({
    textarea, root, layer, bar, list: showList ? list : null, host,
    profile: options.profile || '', highlighter: options.highlighter || 'auto', debounce: options.debounce ?? 150,
    files: false, timeLimit: options.timeLimit ?? null, documentId: options.documentId || '', keep: options.keep ?? true,
  });
  if (typeof options.onFindings === 'function') controller.addEventListener('findings', (e) => options.onFindings(e.detail));
  const api = {
    controller,
    element: host,
    get findings() { return controller.findings; },
    get profile() { return controller.profile; },
    set profile(id) { controller.profile = id; },
    get mode() { return controller.mode; },
    check: () => controller.runCheck(),
    next: () => controller.step(1),
    previous: () => controller.step(-1),
    toJSON: () => exportData(controller),
    addEventListener: (...a) => controller.addEventListener(...a),
    removeEventListener: (...a) => controller.removeEventListener(...a),
    detach() {
      controller.destroy();
      surface?.destroy();
      host.remove();
      attached.delete(target);
    },
  };
  attached.set(target, api);
  return api;
}
