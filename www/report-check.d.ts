// Types for report-check.js: the embeddable report checker (custom element, attach(), headless check()).

/** Finding categories, in list order: 结构 编号 占位符 数据 评分 标点 括号引号 发文字号 空格 乱码 网页残留 错别字. */
export type Category =
  | 'section' | 'numbering' | 'placeholder' | 'figure' | 'score' | 'punctuation'
  | 'bracket' | 'docnum' | 'whitespace' | 'encoding' | 'residue' | 'typo';

export type Severity = 'error' | 'warning' | 'info';

/** One place of a grouped finding. */
export interface Occurrence {
  /** UTF-16 offsets into the checked text, end exclusive. */
  start: number;
  end: number;
  /** Replacement for text.slice(start, end), or null when the fix is not certain. */
  suggestion: string | null;
}

export interface Finding {
  /** Stable rule id, e.g. 'format/unbalanced-pair'. */
  rule: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the checked text, end exclusive. */
  start: number;
  end: number;
  /** 1-based; column in UTF-16 units. */
  line: number;
  column: number;
  /** Plain Chinese: what is wrong and what to do. */
  message: string;
  /** Replacement for text.slice(start, end), or null. */
  suggestion: string | null;
  /** For a finding standing for many identical problems: every place, the first included
   *  (at most the first 10,000 in the text; see `places`). */
  occurrences?: Occurrence[];
  /** How many places the finding stands for, present only when that is more than
   *  `occurrences` lists (a text of 100,000 `《`): the others are counted, not listed. */
  places?: number;
  /** 'document' for a note about the whole document (a missing part, an indicator never
   *  mentioned, a text of another type), anchored where it belongs; absent for a place. */
  scope?: 'document';
  /** In the widget's findings: the text at the span when it was checked (a fix is written
   * only while that text is still there). */
  text?: string;
}

export interface Summary {
  total: number;
  error: number;
  warning: number;
  info: number;
  by_category: Partial<Record<Category, number>>;
}

export interface Report {
  findings: Finding[];
  summary: Summary;
}

export interface ProfileInfo {
  id: string;
  name: string;
}

export interface RuleInfo {
  id: string;
  category: Category;
  severity: Severity;
  description: string;
}

/**
 * A built-in profile id (see profiles()), a profile object, or a profile as a JSON string;
 * omitted: the default profile.
 */
export type Profile = string | Record<string, unknown>;

/** Checks text off the main thread (in a Web Worker when possible). Rejects for an unusable profile. */
/** A check running longer than `timeLimit` ms (default checkTimeLimit(text)) is abandoned (its
 * worker restarted) and rejects with an Error whose `code` is 'timeout'. */
export function check(text: string, profile?: Profile | null, options?: { timeLimit?: number }): Promise<Report>;
/** The default time limit of a check: 20 s plus 20 ms per 1,000 characters. */
export function checkTimeLimit(text: string): number;
/** Whether a finding is about the whole document (a missing part, an indicator never mentioned). */
export function isDocumentNote(finding: Finding): boolean;
/** Puts lone surrogates of `original` back where the checker's suggestion has U+FFFD; null when unsure. */
export function keepSurrogates(original: string, suggestion: string): string | null;
/** Reads and checks a .docx: its text as Word shows it (automatic numbering included), each
 * line's paragraph, headers/footers/notes apart, and the findings (layout ones among them).
 * A file that is not a readable .docx rejects with a Chinese message. */
export function checkDocx(bytes: ArrayBuffer | Uint8Array, profile?: Profile | null): Promise<Report & {
  text: string;
  lines: { start: number; end: number; paragraph: number; row: boolean }[];
  parts: { kind: string; text: string }[];
}>;
/** The annotated copy of a .docx: every finding of checkDocx(bytes, profile) a Word comment
 * (批注) on its text, and `fixes` (the fixes accepted, at checkDocx's text positions in UTF-16
 * units; `old` the text each replaces, checked) tracked changes (修订); the rest byte for byte
 * the same. A fix outside the text, or whose `old` is not there, rejects with a Chinese message. */
export function annotateDocx(bytes: ArrayBuffer | Uint8Array, profile?: Profile | null,
  fixes?: { start: number; end: number; text: string; old?: string }[],
  /** Findings (rule and span at checkDocx's text positions) that get no comment: those ignored. */
  skip?: { rule: string; start: number; end: number }[]): Promise<Uint8Array>;
/** The built-in profiles; the first is the default. */
export function profiles(): Promise<ProfileInfo[]>;
/** Every rule. */
export function rules(): Promise<RuleInfo[]>;
/** The checker's version. */
export function version(): Promise<string>;

/** A file that cannot be opened as text; `message` is plain Chinese for the user. */
export class FileError extends Error {
  kind: 'zip' | 'ole' | 'pdf' | 'rtf' | 'binary' | 'size';
}
/** Files over this many bytes are refused (8 MB). */
export const MAX_FILE_BYTES: number;
/** Decodes a file's bytes: a BOM decides (UTF-8, UTF-16 LE/BE); else UTF-8 when valid, else
 * GB18030 (covers GBK / GB2312). Throws a FileError for binary content (.docx, .doc, PDF…). */
export function decodeText(buffer: ArrayBuffer | Uint8Array): string;
/** Reads a File with decodeText; throws a FileError when it is over `limit` bytes. */
export function readTextFile(file: Blob, limit?: number): Promise<string>;

export const CATEGORIES: ReadonlyArray<readonly [Category, string]>;
export const SEVERITIES: ReadonlyArray<readonly [Severity, string]>;
export function categoryLabel(category: string): string;
export function severityLabel(severity: string): string;

/** Detail of the `findings` event. */
export interface FindingsDetail {
  /** The findings shown (ignored ones left out). */
  findings: Finding[];
  summary: Summary;
  /** How many findings of this document are ignored (忽略; kept in this browser per document). */
  ignored: number;
  /** The rules switched off from the list for this profile (kept in this browser with the profile). */
  rulesOff: string[];
  profile: string;
  /** The engine's full report for the text. */
  report: Report | null;
}

/** Detail of the `change` event. */
export interface ChangeDetail {
  value: string;
}

/** Findings as exported (JSON download, printable summary). */
export interface ExportData {
  generator: 'report-check';
  profile: string | null;
  checked_at: string;
  characters: number;
  summary: Summary;
  ignored: number;
  findings: Array<Finding & { text: string }>;
}

export interface ReportCheckEventMap extends HTMLElementEventMap {
  findings: CustomEvent<FindingsDetail>;
  change: CustomEvent<ChangeDetail>;
  /** A check failed or ran past its time limit (code 'timeout'). */
  error: CustomEvent<{ message: string; code: string }>;
}

/**
 * `<report-check profile="…" placeholder="…" highlighter="auto|highlight|overlay" document-id="…">`: an editor
 * with in-place highlights, a summary bar and the findings list, in a Shadow DOM. Form-associated:
 * inside a <form> with a `name`, it submits its text.
 */
export class ReportCheckElement extends HTMLElement {
  static readonly formAssociated: true;
  /** The text. Setting it replaces the text (clearing undo history) and re-checks at once (typing waits for a pause). */
  value: string;
  /** Built-in profile id (reflects the `profile` attribute). */
  profile: string;
  readonly findings: Finding[];
  readonly summary: Summary | null;
  /** 'highlight' (CSS Custom Highlight API) or 'overlay' (fallback). */
  readonly mode: 'highlight' | 'overlay' | null;
  /** Re-checks now; resolves to the report, or null when a newer edit superseded it. */
  check(): Promise<Report | null>;
  /** Selects the next / previous finding (also F8 / Shift+F8, Alt+↓ / Alt+↑ in the editor). */
  next(): void;
  previous(): void;
  /** Opens a text file as one undoable edit; resolves to null (the bar says why) for a binary
   * or too large file. */
  openFile(file: Blob & { name?: string }): Promise<string | null>;
  /** Replaces the text as one undoable edit (Ctrl+Z or the bar's 恢复原文 bring it back). */
  replaceText(text: string, options?: { name?: string; what?: string; notice?: string }): void;
  /** Name of the file the text was opened from ('' when typed or pasted). */
  fileName: string;
  /** Name of the Word file (.docx) the text was opened from, while it is open ('' otherwise). */
  readonly docxName: string;
  /** The opened Word file with every finding not ignored as a Word comment (批注) and the fixes accepted
   * since it was opened (修改) as tracked changes (修订): `fixes` written as changes, `dropped`
   * those the text no longer shows (undone or typed over). Null when no .docx is open. */
  annotatedDocx(): Promise<{ name: string; bytes: Uint8Array; fixes: number; dropped: number } | null>;
  toJSON(): ExportData;
  addEventListener<K extends keyof ReportCheckEventMap>(type: K, listener: (this: ReportCheckElement, ev: ReportCheckEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ReportCheckEventMap>(type: K, listener: (this: ReportCheckElement, ev: ReportCheckEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'report-check': ReportCheckElement;
  }
}

export interface AttachOptions {
  /** Built-in profile id; default: the first of profiles(). */
  profile?: string;
  /** Show the findings list under the textarea (default true); the summary bar is always shown. */
  list?: boolean;
  /** Where to put the widget (summary bar and list); default: right after the textarea. */
  container?: Element;
  /** 'auto' (default), 'highlight' or 'overlay'. */
  highlighter?: 'auto' | 'highlight' | 'overlay';
  /** Milliseconds to wait after typing before re-checking (default 150, longer for long texts); 0 re-checks at every key (a check a newer one supersedes is dropped). */
  debounce?: number;
  /** Milliseconds a check may take (default checkTimeLimit(text); 0: no limit). */
  timeLimit?: number;
  /** Names the document its ignores (忽略) are kept for, e.g. the OA record id; default: the
   * document's first line (its title). */
  documentId?: string;
  /** Keep ignores (per document) and rules switched off (per profile) in this browser's
   * localStorage (default true); false: for the session only. */
  keep?: boolean;
  /** Called with every new result. */
  onFindings?: (detail: FindingsDetail) => void;
  /** For a wangEditor editor: the wangEditor module's exports (its DomEditor and
   * SlateTransforms are used); default: window.wangEditor. */
  wangEditor?: { DomEditor: unknown; SlateTransforms: unknown };
}

/** A TinyMCE editor (6-8), initialised: what tinymce.init() resolves to. */
export interface TinyMCEEditorLike {
  getBody(): HTMLElement;
  getDoc(): Document;
  getWin(): Window;
  getContainer(): HTMLElement;
  getElement(): HTMLElement;
  insertContent(html: string): void;
  execCommand(cmd: string): boolean;
  focus(): void;
  selection: { setRng(range: Range): void };
  undoManager: { transact(fn: () => void): unknown };
}

/** A wangEditor 5 editor: what createEditor() returns. */
/** A Quill 2 editor (new Quill(…)): its content root, container and Delta API. */
export interface QuillLike {
  root: HTMLElement;
  container: HTMLElement;
  getContents(index?: number, length?: number): { ops: Array<{ insert?: unknown; attributes?: Record<string, unknown> }> };
  updateContents(delta: unknown, source?: 'api' | 'user' | 'silent'): unknown;
  setSelection(index: number, length?: number, source?: 'api' | 'user' | 'silent'): void;
  focus(): void;
}

export interface WangEditorLike {
  getEditableContainer(): HTMLElement;
  getHtml(): string;
  insertText(text: string): void;
  focus(): void;
}

/** What attach() returns. The textarea keeps its value, place and form submission. */
export interface Attached {
  /** The element holding the widget's Shadow DOM (inserted after the textarea or into `container`). */
  readonly element: HTMLElement;
  readonly findings: Finding[];
  profile: string;
  readonly mode: 'highlight' | 'overlay';
  check(): Promise<Report | null>;
  next(): void;
  previous(): void;
  toJSON(): ExportData;
  addEventListener(type: 'findings', listener: (ev: CustomEvent<FindingsDetail>) => unknown): void;
  addEventListener(type: 'change', listener: (ev: CustomEvent<ChangeDetail>) => unknown): void;
  removeEventListener(type: 'findings' | 'change', listener: (ev: CustomEvent) => unknown): void;
  /** Removes highlights, list and listeners; the textarea is left as it was. */
  detach(): void;
}

/** Adds highlights and the findings list to an existing <textarea>, a contenteditable element,
 * or a TinyMCE or wangEditor editor (highlights drawn over its content with the CSS Custom
 * Highlight API, never in it; fixes through the editor's API, so its undo works). Attaching
 * twice returns the same object. */
export function attach(target: HTMLTextAreaElement | HTMLElement | TinyMCEEditorLike | WangEditorLike | QuillLike, options?: AttachOptions): Attached;
