//! The zip container of a .docx: the central directory read by hand (a
//! few fixed-size records), entries inflated with `miniz_oxide`, and a
//! writer that copies untouched entries' compressed bytes as they are.
//!
//! Why not the `zip` crate: a .docx needs only stored and deflated entries
//! without encryption or zip64, and the annotated copy must carry every
//! untouched entry byte for byte (its local header and compressed data),
//! which is a slice copy here. See BENCHMARKS.md (docx) for the size.

use super::DocxError;

/// The most one entry may inflate to, and all entries read together:
/// a report's document.xml is well under 10 MB; a zip bomb stops here.
pub const ENTRY_LIMIT: usize = 64 << 20;
pub const TOTAL_LIMIT: usize = 160 << 20;

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    pub method: u16,
    pub flags: u16,
    pub crc: u32,
    pub compressed: usize,
    pub size: usize,
    /// Where its local header starts.
    pub local: usize,
    /// Modification time and date, as stored.
    pub time: u16,
    pub date: u16,
}

/// A zip archive read from a byte slice.
pub struct Archive<'a> {
    pub bytes: &'a [u8],
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Archive<'a> {
    /// Reads the central directory; a .doc (OLE), a .wps or anything not a
    /// zip gets [`DocxError::NotDocx`], a broken directory [`DocxError::Damaged`].
    pub fn new(bytes: &'a [u8]) -> Result<Self, DocxError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(DocxError::OldWord);
        }
        if !bytes.starts_with(b"PK") {
            return Err(DocxError::NotDocx);
        }
        // The end-of-central-directory record: 22 bytes plus a comment of
        // up to 65,535, searched from the end.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (lowest..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or(DocxError::Damaged("找不到 zip 目录"))?;
        let count = u16_at(bytes, eocd + 10).ok_or(DocxError::Damaged("zip 目录不完整"))?;
        let dir = u32_at(bytes, eocd + 16).ok_or(DocxError::Damaged("zip 目录不完整"))? as usize;
        if count == 0xFFFF || dir == 0xFFFF_FFFF {
            return Err(DocxError::Damaged("不支持 zip64 格式"));
        }
        let mut entries = Vec::with_capacity(usize::from(count));
        let mut at = dir;
        for _ in 0..count {
            let bad = DocxError::Damaged("zip 目录项损坏");
            if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
                return Err(bad);
            }
            let field16 = |o| u16_at(bytes, at + o).ok_or(DocxError::Damaged("zip 目录项损坏"));
            let field32 = |o| u32_at(bytes, at + o).ok_or(DocxError::Damaged("zip 目录项损坏"));
            let name_len = usize::from(field16(28)?);
            let extra_len = usize::from(field16(30)?);
            let comment_len = usize::from(field16(32)?);
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or(bad)?;
            let entry = Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                flags: field16(8)?,
                method: field16(10)?,
                time: field16(12)?,
                date: field16(14)?,
                crc: field32(16)?,
                compressed: field32(20)? as usize,
                size: field32(24)? as usize,
                local: field32(42)? as usize,
            };
            entries.push(entry);
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The local header and compressed data of `entry`: what the writer copies.
    pub fn raw(&self, entry: &Entry) -> Result<(&'a [u8], &'a [u8]), DocxError> {
        let bad = DocxError::Damaged("zip 数据项损坏");
        let b = self.bytes;
        if b.get(entry.local..entry.local + 4) != Some(b"PK\x03\x04") {
            return Err(bad);
        }
        let name_len = usize::from(u16_at(b, entry.local + 26).ok_or(bad.clone())?);
        let extra_len = usize::from(u16_at(b, entry.local + 28).ok_or(bad.clone())?);
        let data = entry.local + 30 + name_len + extra_len;
        let header = b.get(entry.local..data).ok_or(bad.clone())?;
        let body = b
            .get(data..data.saturating_add(entry.compressed))
            .ok_or(bad)?;
        Ok((header, body))
    }

    /// The inflated bytes of `entry`, at most `limit` of them.
    pub fn read(&self, entry: &Entry, limit: usize) -> Result<Vec<u8>, DocxError> {
        if entry.flags & 1 != 0 {
            return Err(DocxError::Encrypted);
        }
        if entry.size > limit {
            return Err(DocxError::TooLarge);
        }
        let (_, data) = self.raw(entry)?;
        match entry.method {
            0 => Ok(data.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| {
                if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    DocxError::TooLarge
                } else {
                    DocxError::Damaged("压缩数据损坏")
                }
            }),
            _ => Err(DocxError::Damaged("不支持的压缩方式")),
        }
    }
}

/// CRC-32 (IEEE), as zip stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// Writes a zip: entries copied raw or added new (deflated), then the directory.
#[derive(Default)]
pub struct Writer {
    pub out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl Writer {
    /// Copies `entry` of `from` exactly: local header and compressed bytes.
    pub fn copy(&mut self, from: &Archive, entry: &Entry) -> Result<(), DocxError> {
        let (header, data) = from.raw(entry)?;
        let local = self.out.len();
        self.out.extend_from_slice(header);
        self.out.extend_from_slice(data);
        // A data descriptor after the data (flag bit 3) is copied too.
        if entry.flags & 8 != 0 {
            let after = entry.local + header.len() + data.len();
            let rest = from.bytes.get(after..).unwrap_or_default();
            let len = if rest.starts_with(b"PK\x07\x08") {
                16
            } else {
                12
            };
            self.out.extend_from_slice(rest.get(..len).unwrap_or(rest));
        }
        self.directory(entry, local);
        Ok(())
    }

    /// Adds `name` with `data`: deflated natively; stored (method 0) in
    /// the wasm, where miniz_oxide's compressor would cost about 10 KB
    /// gzip of code (BENCHMARKS.md) for a copy that Word and WPS
    /// compress again when the drafter saves it.
    pub fn add(&mut self, name: &str, data: &[u8], time: u16, date: u16) {
        #[cfg(not(target_arch = "wasm32"))]
        let (method, packed) = (8, miniz_oxide::deflate::compress_to_vec(data, 6));
        #[cfg(target_arch = "wasm32")]
        let (method, packed) = (0, data.to_vec());
        let entry = Entry {
            name: name.to_string(),
            method,
            flags: 0,
            crc: crc32(data),
            compressed: packed.len(),
            size: data.len(),
            local: self.out.len(),
            time,
            date,
        };
        let o = &mut self.out;
        o.extend_from_slice(b"PK\x03\x04");
        o.extend_from_slice(&20u16.to_le_bytes());
        o.extend_from_slice(&entry.flags.to_le_bytes());
        o.extend_from_slice(&entry.method.to_le_bytes());
        o.extend_from_slice(&time.to_le_bytes());
        o.extend_from_slice(&date.to_le_bytes());
        o.extend_from_slice(&entry.crc.to_le_bytes());
        o.extend_from_slice(&(entry.compressed as u32).to_le_bytes());
        o.extend_from_slice(&(entry.size as u32).to_le_bytes());
        o.extend_from_slice(&(name.len() as u16).to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes());
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(&packed);
        let local = entry.local;
        self.directory(&entry, local);
    }

    fn directory(&mut self, e: &Entry, local: usize) {
        let c = &mut self.central;
        c.extend_from_slice(b"PK\x01\x02");
        c.extend_from_slice(&20u16.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes());
        c.extend_from_slice(&e.flags.to_le_bytes());
        c.extend_from_slice(&e.method.to_le_bytes());
        c.extend_from_slice(&e.time.to_le_bytes());
        c.extend_from_slice(&e.date.to_le_bytes());
        c.extend_from_slice(&e.crc.to_le_bytes());
        c.extend_from_slice(&(e.compressed as u32).to_le_bytes());
        c.extend_from_slice(&(e.size as u32).to_le_bytes());
        c.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        c.extend_from_slice(&[0; 12]);
        c.extend_from_slice(&(local as u32).to_le_bytes());
        c.extend_from_slice(e.name.as_bytes());
        self.count += 1;
    }

    /// The finished archive.
    pub fn finish(mut self) -> Vec<u8> {
        let dir = self.out.len();
        self.out.extend_from_slice(&self.central);
        let o = &mut self.out;
        o.extend_from_slice(b"PK\x05\x06");
        o.extend_from_slice(&[0; 4]);
        o.extend_from_slice(&self.count.to_le_bytes());
        o.extend_from_slice(&self.count.to_le_bytes());
        o.extend_from_slice(&(self.central.len() as u32).to_le_bytes());
        o.extend_from_slice(&(dir as u32).to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn written_entries_read_back() {
        let mut w = Writer::default();
        w.add("a.xml", "<a>正文</a>".as_bytes(), 0, 0x21);
        w.add("b.txt", &b"x".repeat(10_000), 0, 0x21);
        let bytes = w.finish();
        let z = Archive::new(&bytes).unwrap();
        assert_eq!(z.entries.len(), 2);
        let a = z.read(z.find("a.xml").unwrap(), 100).unwrap();
        assert_eq!(a, "<a>正文</a>".as_bytes());
        // A copy of the archive is byte-identical.
        let mut w2 = Writer::default();
        for e in &z.entries {
            w2.copy(&z, e).unwrap();
        }
        assert_eq!(w2.finish(), bytes);
        // Inflating past the limit is refused.
        let b = z.find("b.txt").unwrap();
        assert!(matches!(z.read(b, 9_999), Err(DocxError::TooLarge)));
        let mut lying = b.clone();
        lying.size = 10;
        assert!(matches!(z.read(&lying, 100), Err(DocxError::TooLarge)));
    }

    #[test]
    fn not_a_zip() {
        assert!(matches!(
            Archive::new(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]),
            Err(DocxError::OldWord)
        ));
        assert!(matches!(
            Archive::new("正文".as_bytes()),
            Err(DocxError::NotDocx)
        ));
        assert!(matches!(
            Archive::new(b"PK\x03\x04"),
            Err(DocxError::Damaged(_))
        ));
    }
}
