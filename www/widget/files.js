// Reading files as text: size limit, byte-order marks, UTF-8 or GB18030, binary detection
// with a plain Chinese message (FileError).

/** Files larger than this are not opened (the message says so); a report is far smaller. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** A file that cannot be opened as text: `message` is plain Chinese for the user. */
export class FileError extends Error {
  constructor(message, kind) {
    super(message);
    this.name = 'FileError';
    this.kind = kind;
  }
}

const startsWith = (bytes, sig) => sig.every((b, i) => bytes[i] === b);

// What a binary file is, from its first bytes (null: looks like text).
function binaryKind(bytes) {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
  // Text never holds NUL or many other control bytes; a few in the first 4 KB mean binary.
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return 'binary';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > 8 && control * 100 > n ? 'binary' : null;
}

const BINARY_MESSAGES = {
  zip: '这是压缩格式的文件（如 .zip，或扩展名不是 .docx 的 Word 文件），不是纯文本。若是 Word 文档，请在 Word/WPS 中另存为 .docx 后再打开，或者全选正文复制后粘贴到这里。',
  ole: '这是旧版 Word 文件（.doc）或其他 Office 文件，不是纯文本。请在 Word/WPS 中打开它，另存为 .docx 后再打开，或者全选正文复制后粘贴到这里。',
  pdf: '这是 PDF 文件，不是纯文本。请在 PDF 阅读器或 Word/WPS 中打开它，复制正文后粘贴到这里。',
  rtf: '这是 RTF 格式文件，不是纯文本。请在 Word/WPS 中打开它，另存为纯文本（.txt）后再打开，或复制正文粘贴到这里。',
  binary: '这个文件不是文本文件（其中有二进制内容），无法打开。请打开 .txt 文本文件，或者复制正文后粘贴到这里。',
};

/**
 * Decodes a file's bytes as text: a byte-order mark decides (UTF-8, UTF-16 LE/BE, as Notepad
 * saves "Unicode"); else UTF-8 when valid, else GB18030 (GBK/GB2312 files from Windows).
 * Binary content (.docx, .doc, PDF, anything with NUL bytes) throws a FileError whose message
 * says in Chinese what the file is and what to do, instead of decoding it into garbage.
 */
export function decodeText(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const kind = binaryKind(bytes);
  if (kind) throw new FileError(BINARY_MESSAGES[kind], kind);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reads a File as text (decodeText), refusing files over MAX_FILE_BYTES with a FileError. */
export async function readTextFile(file, limit = MAX_FILE_BYTES) {
  if (file.size > limit) {
    const mb = (n) => (n / 1024 / 1024).toFixed(1);
    throw new FileError(`文件太大（${mb(file.size)} MB），超过 ${mb(limit)} MB 的上限，没有打开。一份报告的纯文本通常不到 1 MB；请确认选对了文件，或把正文分成几段粘贴检查。`, 'size');
  }
  return decodeText(await file.arrayBuffer());
}
