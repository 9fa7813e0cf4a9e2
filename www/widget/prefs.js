// What the user decided about findings, kept in this browser (localStorage; never sent
// anywhere): the rules switched off, per profile, and the findings ignored (忽略), per
// document. Without storage (private mode, a policy) both last for the session only.

const KEY = 'report-check:prefs';
const MAX_DOCUMENTS = 30; // documents whose ignores are kept (the least recently used go)
const MAX_IGNORES = 500; // ignores kept per document

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage refused (sandboxed frame, policy)
  }
}

function read() {
  try {
    const d = JSON.parse(storage()?.getItem(KEY) || 'null');
    return {
      rulesOff: d && typeof d.rulesOff === 'object' && d.rulesOff ? d.rulesOff : {},
      ignores: d && typeof d.ignores === 'object' && d.ignores ? d.ignores : {},
    };
  } catch {
    return { rulesOff: {}, ignores: {} };
  }
}

function write(d) {
  try {
    storage()?.setItem(KEY, JSON.stringify(d));
  } catch { /* full or refused: kept for the session */ }
}

// The profile a setting belongs to: '' (no profile chosen) is the engine's default profile,
// self-evaluation (profiles/profile.schema.json, "extends").
const DEFAULT_PROFILE = 'self-evaluation';
const profileKey = (profile) => (typeof profile === 'string' ? profile || DEFAULT_PROFILE : JSON.stringify(profile ?? DEFAULT_PROFILE));

/** The rules switched off for `profile`: [rule id]. */
export function rulesOff(profile) {
  const list = read().rulesOff[profileKey(profile)];
  return Array.isArray(list) ? list.filter((r) => typeof r === 'string') : [];
}

/** Keeps the rules switched off for `profile`. */
export function saveRulesOff(profile, rules) {
  const d = read();
  const key = profileKey(profile);
  if (rules.length) d.rulesOff[key] = [...rules];
  else delete d.rulesOff[key];
  write(d);
}

/** The ignores kept for the document `doc` ('' : none, a document without a name). */
export function ignores(doc) {
  if (!doc) return [];
  const e = read().ignores[doc];
  return e && Array.isArray(e.keys) ? e.keys.filter((k) => typeof k === 'string') : [];
}

/** Keeps the ignores of document `doc`. */
export function saveIgnores(doc, keys) {
  if (!doc) return;
  const d = read();
  if (keys.length) d.ignores[doc] = { keys: [...keys].slice(-MAX_IGNORES), at: Date.now() };
  else delete d.ignores[doc];
  const docs = Object.entries(d.ignores);
  if (docs.length > MAX_DOCUMENTS) {
    docs.sort((a, b) => (b[1].at || 0) - (a[1].at || 0));
    d.ignores = Object.fromEntries(docs.slice(0, MAX_DOCUMENTS));
  }
  write(d);
}

/**
 * What names a document for its ignores: the integrator's id, else the name of the file it
 * was opened from, else its first non-empty line (the title), else '' (nothing kept).
 */
export function documentKey(text, { id = '', fileName = '' } = {}) {
  if (id) return `id:${id}`;
  if (fileName) return `file:${fileName}`;
  const m = /[^\s]/.exec(text);
  if (!m) return '';
  const end = text.indexOf('\n', m.index);
  return `title:${text.slice(m.index, end < 0 ? text.length : end).trim().slice(0, 80)}`;
}

/**
 * The profile to check with, given the rules switched off: a built-in id (or '') becomes
 * `{ extends, rules }`; a profile object or JSON string gets the rules merged into its own.
 */
export function profileWith(profile, off) {
  if (!off.length) return profile || null;
  const rules = Object.fromEntries(off.map((r) => [r, false]));
  if (profile && typeof profile === 'object') return { ...profile, rules: { ...(profile.rules || {}), ...rules } };
  if (typeof profile === 'string' && profile.trim().startsWith('{')) {
    try {
      const p = JSON.parse(profile);
      return { ...p, rules: { ...(p.rules || {}), ...rules } };
    } catch {
      return profile; // the engine says what is wrong with it
    }
  }
  return profile ? { extends: profile, rules } : { rules };
}
