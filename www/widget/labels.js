// Categories and severities: their Chinese labels, display order and colours. The categories
// come from the engine (withCategories asks for them before any check).

// ---------------------------------------------------------------------------------------------
// Labels and helpers.

// The categories in display order, `[id, label]`, from the engine's categories() (asked
// first, so they are in before any check's findings).
export const CATEGORIES = [];
export const CATEGORY_LABEL = new Map();
export const CATEGORY_RANK = new Map();
export function withCategories(e) {
  e.quick('categories').then((list) => {
    for (const { id, label } of list) {
      CATEGORY_RANK.set(id, CATEGORIES.length);
      CATEGORY_LABEL.set(id, label);
      CATEGORIES.push([id, label]);
    }
  }, () => {});
  return e;
}
export const SEVERITIES = [['error', '错误'], ['warning', '警告'], ['info', '提示']];
export const SEVERITY_LABEL = new Map(SEVERITIES);
export const SEVERITY_RANK = new Map(SEVERITIES.map(([id], i) => [id, i]));
export const COLOURS = {
  section: '124, 58, 237', numbering: '37, 99, 235', placeholder: '220, 38, 38', figure: '8, 145, 178',
  score: '77, 124, 15', punctuation: '234, 88, 12', bracket: '202, 138, 4', docnum: '22, 163, 74',
  whitespace: '100, 116, 139', encoding: '146, 64, 14', residue: '13, 148, 136', typo: '219, 39, 119',
  layout: '71, 85, 105', other: '82, 82, 91',
};

export const categoryLabel = (c) => CATEGORY_LABEL.get(c) || c;
export const severityLabel = (s) => SEVERITY_LABEL.get(s) || s;
