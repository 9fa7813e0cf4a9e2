//! `report-check`: check report files from the command line.
//!
//! ```text
//! report-check [--format text|json] [--profile NAME|FILE] [--max-bytes N] FILE...   (- = stdin)
//! report-check --summary csv|html [--jobs N] FILE|DIR...   (one row per file)
//! report-check --explain RULE        (a rule's documentation)
//! report-check --rules-md            (docs/rules.md: every rule's documentation)
//! ```
//!
//! Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage
//! or I/O error. JSON output is exactly the wasm API's object (UTF-16
//! offsets) with a `file` field; several files give an array.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use report_check::output::{js_report, JsReport};
use report_check::{rules, Profile};
use serde::Serialize;

const USAGE: &str = "\
用法：report-check [--format text|json] [--profile 名称|文件] 文件...
  文件为 - 时读标准输入；.docx 文件检查其正文（含 Word 自动编号）和版式。
  --extract       只输出 .docx 中提取的正文（每段一行，表格每行一行）
  --summary csv   批量检查：每个文件一行（字符数、错误、警告、提示、缺少的部分、
                  主要问题、无法检查的原因），CSV 带 BOM，可直接用 Excel 打开
  --summary html  同上，输出一个独立的 HTML 页面（表格）
                  文件可以是目录：检查其中的 .txt 和 Word 文件（不含子目录）；
                  无法读取的文件占一行并写明原因，其余照常检查
  --jobs N        批量检查时同时检查 N 个文件（默认为 CPU 核数）
  --annotate 输出.docx  另存一份带批注的 .docx：每条问题一条 Word 批注（只能检查一个 .docx）
  --track-fixes   与 --annotate 同用：有确定改法的问题同时写成修订（在 Word/WPS 中接受或拒绝）
  --format text   每条问题一行：文件:行:列: 级别 [规则] 说明（默认）
  --format json   与网页 check() 相同的 JSON（偏移为 UTF-16 单位）
  --profile P     使用配置：内置配置名（如 self-evaluation）或 JSON 文件
  --max-bytes N   每个文件最多读 N 字节（可带 K、M、G；默认 64M），超出即报错
  --list-profiles 列出内置配置
  --list-rules    列出全部规则
  --explain 规则  显示规则的说明（检查什么、为什么、示例、不报什么、依据）
  --rules-md      输出全部规则的说明（docs/rules.md）
  --version       显示版本
退出码：0 无错误级问题；1 有错误级问题；2 用法或读写错误（批量检查：一个文件也读不了）。";

#[derive(Clone, Copy, PartialEq)]
enum Summary {
    Csv,
    Html,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

struct Args {
    format: Format,
    /// `--extract`: print the text read from each .docx instead of checking.
    extract: bool,
    /// `--annotate OUT`: write the checked .docx with its findings as comments.
    annotate: Option<String>,
    /// `--track-fixes`: with `--annotate`, certain fixes as tracked changes too.
    track_fixes: bool,
    profile: Option<String>,
    /// `--summary`: one row per file instead of the findings.
    summary: Option<Summary>,
    /// `--jobs`: files checked at once by `--summary` (default: every core).
    jobs: Option<usize>,
    /// The most bytes read from one input: past it, an error (and no more read).
    max_bytes: u64,
    files: Vec<String>,
}

/// The default `--max-bytes`, shared with the batch summary.
const MAX_BYTES: u64 = report_check::summary::MAX_BYTES;

/// The largest `--max-bytes`: the core keeps text offsets as u32.
const MOST_BYTES: u64 = u32::MAX as u64;

/// `N`, `NK`, `NM` or `NG` (powers of 1024), at least 1 and at most [`MOST_BYTES`].
fn parse_size(s: &str) -> Option<u64> {
    let t = s.trim();
    let (num, shift) = match t.char_indices().last()? {
        (i, 'k' | 'K') => (&t[..i], 10),
        (i, 'm' | 'M') => (&t[..i], 20),
        (i, 'g' | 'G') => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = num.parse().ok()?;
    n.checked_mul(1 << shift)
        .filter(|&n| n > 0 && n <= MOST_BYTES)
}

enum Command {
    Check(Args),
    ListRules,
    Explain(String),
    RulesMarkdown,
    ListProfiles,
    Version,
    Help,
}

#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: JsReport<'a>,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("report-check: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut args = Args {
        format: Format::Text,
        extract: false,
        annotate: None,
        track_fixes: false,
        profile: None,
        summary: None,
        jobs: None,
        max_bytes: MAX_BYTES,
        files: Vec::new(),
    };
    while let Some(arg) = argv.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| argv.next())
                .ok_or_else(|| format!("{name} 需要一个值\n{USAGE}"))
        };
        match flag.as_str() {
            "--format" | "-f" => {
                args.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("未知的输出格式“{other}”（可用 text、json）")),
                }
            }
            "--profile" | "-p" => args.profile = Some(value("--profile")?),
            "--extract" => args.extract = true,
            "--summary" => {
                args.summary = Some(match value("--summary")?.as_str() {
                    "csv" => Summary::Csv,
                    "html" => Summary::Html,
                    other => return Err(format!("未知的汇总格式“{other}”（可用 csv、html）")),
                })
            }
            "--jobs" | "-j" => {
                let v = value("--jobs")?;
                args.jobs = Some(
                    v.parse()
                        .ok()
                        .filter(|&n: &usize| n > 0)
                        .ok_or_else(|| format!("--jobs 需要一个正整数，不是“{v}”"))?,
                );
            }
            "--max-bytes" => {
                let v = value("--max-bytes")?;
                args.max_bytes = parse_size(&v).ok_or_else(|| {
                    format!(
                        "--max-bytes 需要一个不超过 4G-1 的正整数字节数（可带 K、M、G），不是“{v}”"
                    )
                })?;
            }
            "--annotate" => args.annotate = Some(value("--annotate")?),
            "--track-fixes" => args.track_fixes = true,
            "--list-rules" => return Ok(Command::ListRules),
            "--explain" => return Ok(Command::Explain(value("--explain")?)),
            "--rules-md" => return Ok(Command::RulesMarkdown),
            "--list-profiles" => return Ok(Command::ListProfiles),
            "--version" | "-V" => return Ok(Command::Version),
            "--help" | "-h" => return Ok(Command::Help),
            "--" => {
                args.files.extend(argv.by_ref());
            }
            s if s.starts_with('-') && s != "-" => return Err(format!("未知选项“{s}”\n{USAGE}")),
            _ => args.files.push(arg),
        }
    }
    if args.files.is_empty() {
        return Err(format!("没有给出要检查的文件\n{USAGE}"));
    }
    if args.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err("标准输入（-）只能读一次，请只给出一个 -".to_string());
    }
    if args.track_fixes && args.annotate.is_none() {
        return Err(format!("--track-fixes 需要与 --annotate 同用\n{USAGE}"));
    }
    if args.summary.is_some() && (args.annotate.is_some() || args.extract) {
        return Err(format!(
            "--summary 不能与 --annotate 或 --extract 同用\n{USAGE}"
        ));
    }
    if args.annotate.is_some() && args.files.len() != 1 {
        return Err(format!("--annotate 只能用于一个 .docx 文件\n{USAGE}"));
    }
    if args.annotate.is_some() && args.extract {
        return Err(format!("--extract 与 --annotate 不能同用\n{USAGE}"));
    }
    if let (Some(out), [input]) = (&args.annotate, args.files.as_slice()) {
        let same = match (std::fs::canonicalize(out), std::fs::canonicalize(input)) {
            (Ok(a), Ok(b)) => a == b,
            _ => out == input,
        };
        if same {
            return Err(format!(
                "--annotate 的输出文件不能是原文件 {input}：请另给一个文件名"
            ));
        }
    }
    Ok(Command::Check(args))
}

fn run() -> Result<ExitCode, String> {
    let args = match parse_args(std::env::args().skip(1))? {
        Command::Check(args) => args,
        Command::Help => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Command::Version => {
            println!("report-check {}", env!("CARGO_PKG_VERSION"));
            return Ok(ExitCode::SUCCESS);
        }
        Command::ListProfiles => {
            for p in report_check::profile::BUILTIN {
                println!("{:<20} {}", p.id, p.name);
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Explain(id) => {
            let meta = rules::registry()
                .map(|r| r.meta())
                .find(|m| m.id == id)
                .ok_or_else(|| format!("没有规则“{id}”；--list-rules 列出全部规则"))?;
            println!("{}\n{}", meta.id, rules::explain(meta));
            return Ok(ExitCode::SUCCESS);
        }
        Command::RulesMarkdown => {
            print!("{}", rules::markdown());
            return Ok(ExitCode::SUCCESS);
        }
        Command::ListRules => {
            for rule in rules::registry() {
                let m = rule.meta();
                println!(
                    "{:<28} {:<12} {:<8} {}",
                    m.id,
                    m.category.as_str(),
                    m.severity.as_str(),
                    m.description
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
    };
    let profile = load_profile(args.profile.as_deref())?;
    if let Some(kind) = args.summary {
        return summarise(&args, kind, &profile);
    }

    // Read everything first so an unreadable file fails before any output.
    let inputs = args
        .files
        .iter()
        .map(|f| read_input(f, args.max_bytes))
        .collect::<Result<Vec<_>, _>>()?;
    if args.extract {
        let mut out = io::stdout().lock();
        for input in &inputs {
            match input {
                Input::Docx(bytes) => {
                    let d = report_check::docx::read(bytes).map_err(|e| e.to_string())?;
                    let _ = writeln!(out, "{}", d.text);
                }
                Input::Text(t) => {
                    let _ = writeln!(out, "{t}");
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut texts = Vec::with_capacity(inputs.len());
    let mut reports = Vec::with_capacity(inputs.len());
    for (input, file) in inputs.into_iter().zip(&args.files) {
        match input {
            Input::Docx(bytes) => {
                let r = report_check::check_docx(&bytes, &profile)
                    .map_err(|e| format!("{file}：{e}"))?;
                if let Some(out) = &args.annotate {
                    let copy = r
                        .annotate_with(&bytes, args.track_fixes)
                        .map_err(|e| format!("{file}：{e}"))?;
                    std::fs::write(out, copy).map_err(|e| format!("无法写出 {out}：{e}"))?;
                }
                texts.push(r.docx.text);
                reports.push(r.report);
            }
            Input::Text(_) if args.annotate.is_some() => {
                return Err(format!("--annotate 需要 .docx 文件：{file} 不是"));
            }
            Input::Text(t) => {
                reports.push(report_check::check(&t, &profile));
                texts.push(t);
            }
        }
    }
    let has_errors = reports.iter().any(|r| r.has_errors());

    let mut out = io::stdout().lock();
    let views: Vec<FileReport> = args
        .files
        .iter()
        .zip(&texts)
        .zip(&reports)
        .map(|((file, text), report)| FileReport {
            file,
            report: js_report(text, report),
        })
        .collect();
    let written = match args.format {
        Format::Json => {
            let json = if views.len() == 1 {
                serde_json::to_string_pretty(&views[0])
            } else {
                serde_json::to_string_pretty(&views)
            };
            writeln!(out, "{}", json.map_err(|e| e.to_string())?)
        }
        Format::Text => write_text(&mut out, &views),
    };
    match written {
        Ok(()) => {}
        // `report-check … | head` is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("无法写出结果：{e}")),
    }
    Ok(if has_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--summary`: every file (a directory: its reports) checked on `--jobs`
/// threads, one row each, in the order given.
fn summarise(args: &Args, kind: Summary, profile: &Profile) -> Result<ExitCode, String> {
    use report_check::summary;
    let files = summary::expand(&args.files)?;
    if files.is_empty() {
        return Err("目录中没有 .txt 或 Word 文件".to_string());
    }
    let jobs = args.jobs.unwrap_or_else(summary::default_jobs);
    let rows = summary::check_files(&files, profile, jobs, args.max_bytes);
    let page = match kind {
        Summary::Csv => summary::csv(&rows),
        Summary::Html => summary::html(&rows),
    };
    match io::stdout().lock().write_all(page.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("无法写出结果：{e}")),
    }
    Ok(ExitCode::from(summary::exit_status(&rows)))
}

fn write_text(out: &mut impl Write, views: &[FileReport]) -> io::Result<()> {
    for v in views {
        for f in &v.report.findings {
            write!(
                out,
                "{}:{}:{}: {} [{}] {}",
                Escaped(v.file),
                f.line,
                f.column,
                f.severity,
                f.rule,
                Escaped(f.message)
            )?;
            if let Some(s) = f.suggestion.filter(|_| f.occurrences.is_empty()) {
                write!(out, "（建议改为“{}”）", Escaped(s))?;
            }
            writeln!(out)?;
        }
    }
    let total: usize = views.iter().map(|v| v.report.summary.total).sum();
    let errors: usize = views.iter().map(|v| v.report.summary.error).sum();
    let warnings: usize = views.iter().map(|v| v.report.summary.warning).sum();
    writeln!(
        out,
        "共 {total} 条问题：错误 {errors}，警告 {warnings}，提示 {}",
        total - errors - warnings
    )
}

/// Text from the input as the terminal may show it: control characters
/// (ESC, CR, BEL, line breaks…) and the bidirectional overrides written
/// `\u{1b}`, so a file cannot retitle the terminal, move the cursor, hide
/// the summary line or split a finding over lines.
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unsafe_char = |c: char| {
            c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        };
        let mut rest = self.0;
        while let Some(i) = rest.find(unsafe_char) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            write!(f, "\\u{{{:x}}}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

fn load_profile(spec: Option<&str>) -> Result<Profile, String> {
    match spec {
        None | Some("default") => Ok(Profile::default()),
        Some(path) if Path::new(path).is_file() => {
            // Read at most one byte past the largest profile (and its byte
            // order mark): a larger file is refused without reading it all.
            let limit = report_check::profile::MAX_JSON_BYTES as u64 + 4;
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(limit).read_to_end(&mut bytes))
                .map_err(|e| format!("无法读取配置文件 {path}：{e}"))?;
            Profile::from_json_bytes(&bytes).map_err(|e| format!("{path}：{e}"))
        }
        Some(id) if Profile::builtin_ref(id).is_some() => {
            Profile::builtin(id).ok_or_else(|| format!("找不到内置配置“{id}”"))
        }
        Some(other) => Err(format!(
            "找不到配置“{other}”：既不是内置配置名（{}），也不是文件",
            report_check::profile::BUILTIN
                .iter()
                .map(|b| b.id)
                .collect::<Vec<_>>()
                .join("、")
        )),
    }
}

/// A file to check: text, or the bytes of a Word file.
enum Input {
    Text(String),
    Docx(Vec<u8>),
}

/// A `.docx` (or `.doc`/`.wps`, which get the reader's message) by its
/// name, or any zip (a .docx piped to stdin, or named otherwise) by its first
/// bytes; anything else is read as UTF-8 text. At most `max_bytes` either way.
fn read_input(file: &str, max_bytes: u64) -> Result<Input, String> {
    let lower = file.to_lowercase();
    let bytes = read_bytes(file, max_bytes)?;
    if bytes.starts_with(b"PK\x03\x04")
        || [".docx", ".doc", ".wps", ".docm", ".dotx"]
            .iter()
            .any(|x| lower.ends_with(x))
    {
        return Ok(Input::Docx(bytes));
    }
    let name = if file == "-" { "标准输入" } else { file };
    String::from_utf8(bytes).map(Input::Text).map_err(|e| {
        format!(
            "{name} 不是 UTF-8 编码的文本（第 {} 字节处无效）；请另存为 UTF-8 后再检查",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The bytes of `file` (`-`: standard input). At most one byte past the
/// limit is read: a huge file or an endless stream is refused without being
/// held in memory.
fn read_bytes(file: &str, max_bytes: u64) -> Result<Vec<u8>, String> {
    let name = if file == "-" { "标准输入" } else { file };
    let mut bytes = Vec::new();
    let read = if file == "-" {
        io::stdin()
            .lock()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
    } else {
        if Path::new(file).is_dir() {
            return Err(format!("{file} 是目录，请给出文本文件"));
        }
        std::fs::File::open(file)
            .and_then(|f| f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("无法读取 {name}：{e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "{name} 超过 {max_bytes} 字节的上限，未检查；报告正文远小于此，请确认文件无误，或用 --max-bytes 放宽上限"
        ));
    }
    Ok(bytes)
}
