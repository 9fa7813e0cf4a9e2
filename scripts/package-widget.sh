#!/usr/bin/env bash
# Packs the embeddable widget into one vendorable tarball:
#   target/widget/report-check-widget-VERSION.tgz
# whose files sit at its top level (no package/ folder), so that
#   mkdir -p /srv/www/static/report-check && tar -xzf report-check-widget-VERSION.tgz -C /srv/www/static/report-check
# puts report-check.js at /static/report-check/report-check.js, as the README's lines import it. It holds
# report-check.js (the public ES module: custom element, attach(), headless check()), widget/
# (the modules it re-exports, one job each, and the worker's script), report-check.d.ts (types),
# pkg/ (wasm-pack output: report_check.js + .wasm),
# embed-example.{html,js,css} and a README. VERSION is the crate's version (Cargo.toml).
# Needs www/pkg (bash scripts/build-wasm.sh); builds it when missing.
#   bash scripts/package-widget.sh            # -> prints the .tgz path
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'package-widget: %s\n' "$*"; }
die() { printf 'package-widget: ERROR: %s\n' "$*" >&2; exit 1; }

if [ ! -f www/pkg/report_check_bg.wasm ] || [ ! -f www/pkg/report_check.js ]; then
  if [ -f scripts/build-wasm.sh ]; then
    bash scripts/build-wasm.sh
  else
    die "www/pkg is missing: run scripts/build-wasm.sh"
  fi
fi

VERSION="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)"
[ -n "$VERSION" ] || die "no version in Cargo.toml"

OUT="target/widget"
STAGE="$OUT/report-check-widget"
rm -rf "$STAGE"
mkdir -p "$STAGE/pkg" "$STAGE/widget/adapters"
cp www/report-check.js www/report-check.d.ts "$STAGE/"
cp www/widget/*.js "$STAGE/widget/"
cp www/widget/adapters/*.js "$STAGE/widget/adapters/"
cp www/embed-example.html www/embed-example.js www/embed-example.css www/favicon.svg "$STAGE/"
cp www/pkg/report_check.js www/pkg/report_check_bg.wasm www/pkg/report_check.d.ts www/pkg/report_check_bg.wasm.d.ts "$STAGE/pkg/"
[ -f LICENSE ] && cp LICENSE "$STAGE/"

cat >"$STAGE/package.json" <<JSON
{
  "name": "report-check-widget",
  "version": "$VERSION",
  "description": "报告检查：在浏览器本地检查履行教育职责自评报告等公文文本并就地标注问题（Rust→WebAssembly，无网络请求）。",
  "type": "module",
  "main": "./report-check.js",
  "module": "./report-check.js",
  "types": "./report-check.d.ts",
  "exports": {
    ".": { "types": "./report-check.d.ts", "default": "./report-check.js" },
    "./pkg/report_check_bg.wasm": "./pkg/report_check_bg.wasm",
    "./package.json": "./package.json"
  },
  "sideEffects": true,
  "files": ["report-check.js", "report-check.d.ts", "widget/", "pkg/", "embed-example.html", "embed-example.js", "embed-example.css", "favicon.svg", "README.md"],
  "license": "UNLICENSED"
}
JSON

cat >"$STAGE/README.md" <<'MD'
# report-check-widget

在浏览器本地检查公文文本（履行教育职责自评报告、自查报告、工作总结）并就地标注问题。
全部在本机运行：一个入口 ES 模块（及其 `widget/` 下的子模块）加一个 wasm 文件，不向任何其他来源发请求，可离线使用。

本压缩包解开后即是 `report-check.js`、`report-check.d.ts`、`widget/` 和 `pkg/`（没有外层目录）。把它解到站点的某个路径下，例如
`/static/report-check/`（`mkdir -p 站点根目录/static/report-check && tar -xzf report-check-widget-*.tgz -C 站点根目录/static/report-check`），
然后在已有的 `<textarea>` 页面里（严格 CSP 下放进一个 .js 文件）：

```html
<script type="module">
  import { attach } from '/static/report-check/report-check.js';
  attach(document.querySelector('textarea[name="body"]'));
</script>
```

或者使用自定义元素 `<report-check profile="…"></report-check>`（事件 `findings`、`change`，属性 `value`），
或无界面调用 `check(text, profile)`。类型见 `report-check.d.ts`，示例见 `embed-example.html`。

服务器需要以 `application/wasm` 返回 `.wasm`；CSP 需允许
`script-src 'self' 'wasm-unsafe-eval'`（Web Worker 与模块同源加载）。
MD

say "tar ($VERSION)"
TGZ="report-check-widget-$VERSION.tgz"
rm -f "$OUT/$TGZ"
# Sorted names, fixed owner and times: the same inputs give the same tarball.
(cd "$STAGE" && find . -type f | sed 's|^\./||' | LC_ALL=C sort >"../files.txt")
tar --owner=0 --group=0 --numeric-owner --mtime='2024-01-01 00:00:00Z' -czf "$OUT/$TGZ" -C "$STAGE" -T "$PWD/$OUT/files.txt"
rm -f "$OUT/files.txt"
[ -f "$OUT/$TGZ" ] || die "tar produced no tarball"
say "$OUT/$TGZ: $(wc -c <"$OUT/$TGZ") bytes"
tar -tzf "$OUT/$TGZ" | sed 's/^/  /'
echo "$OUT/$TGZ"
