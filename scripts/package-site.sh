#!/usr/bin/env bash
# Packs the drafter's page for an intranet web server, as static files only:
#   target/site/report-check-site-VERSION.tgz   (and .zip, for Windows/IIS)
# whose files sit at the top level (no outer folder): index.html, its scripts and styles, the
# widget (report-check.js and the modules it imports), the batch check, pkg/ (the wasm and its
# JS glue), web.config (IIS: the .wasm and .mjs MIME types), nginx.conf.example and
# 部署说明.txt. Any static server serves it; nothing else runs on the server, and the page
# makes no request to another origin. README.md ("Intranet bundle") gives the steps for nginx,
# IIS and python3 -m http.server.
# Needs www/pkg (bash scripts/build-wasm.sh); builds it when missing.
#   bash scripts/package-site.sh            # -> prints the .tgz path last
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'package-site: %s\n' "$*"; }
die() { printf 'package-site: ERROR: %s\n' "$*" >&2; exit 1; }

if [ ! -f www/pkg/report_check_bg.wasm ] || [ ! -f www/pkg/report_check.js ]; then
  bash scripts/build-wasm.sh
fi

VERSION="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)"
[ -n "$VERSION" ] || die "no version in Cargo.toml"

OUT="target/site"
STAGE="$OUT/report-check-site"
rm -rf "$STAGE"
mkdir -p "$STAGE"

# Every file of www/ the page can load: pages, scripts (the widget's modules too, wherever the
# widget keeps them), styles, images, the demo text, and the wasm package. Left out: type
# declarations, wasm-pack's package.json/README, the integrator's example (it posts to the
# test server's /echo) and editors vendored for the rich-text examples.
(cd www && find . -type f \
    \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.svg' \
       -o -name '*.png' -o -name '*.ico' -o -name '*.txt' -o -name '*.wasm' -o -name '*.woff2' \) \
    ! -name 'embed-example*' ! -name 'rich-*' ! -path './vendor/*' ! -path './*/node_modules/*' \
  | LC_ALL=C sort) | while read -r f; do
  mkdir -p "$STAGE/$(dirname "$f")"
  cp "www/$f" "$STAGE/$f"
done
# wasm-bindgen snippets (if a later build has any) are imported by the glue: keep them whole.
[ -d www/pkg/snippets ] && cp -r www/pkg/snippets "$STAGE/pkg/"
for need in index.html app.js start.js report-check.js batch.js batch-worker.js file-check.js style.css pkg/report_check.js pkg/report_check_bg.wasm; do
  [ -f "$STAGE/$need" ] || die "www/$need is missing"
done
[ -f LICENSE ] && cp LICENSE "$STAGE/"

CSP="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"

cat >"$STAGE/web.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<!-- IIS: serve .wasm as application/wasm and .mjs as JavaScript (older IIS knows neither),
     index.html as the default document, and the page's Content-Security-Policy. -->
<configuration>
  <system.webServer>
    <staticContent>
      <remove fileExtension=".wasm" />
      <mimeMap fileExtension=".wasm" mimeType="application/wasm" />
      <remove fileExtension=".mjs" />
      <mimeMap fileExtension=".mjs" mimeType="text/javascript" />
    </staticContent>
    <defaultDocument>
      <files>
        <remove value="index.html" />
        <add value="index.html" />
      </files>
    </defaultDocument>
    <httpProtocol>
      <customHeaders>
        <remove name="Content-Security-Policy" />
        <add name="Content-Security-Policy" value="$CSP" />
        <remove name="X-Content-Type-Options" />
        <add name="X-Content-Type-Options" value="nosniff" />
      </customHeaders>
    </httpProtocol>
  </system.webServer>
</configuration>
XML

cat >"$STAGE/nginx.conf.example" <<NGINX
# nginx: put this server block (or its location) into /etc/nginx/conf.d/report-check.conf,
# with root pointing at the directory the bundle was unpacked into; then nginx -t && nginx -s reload.
server {
    listen 80;
    server_name report-check.example.intranet;
    root /srv/www/report-check;
    index index.html;

    include /etc/nginx/mime.types;
    # Older mime.types lack .wasm; without it browsers cannot stream-compile the checker.
    types { application/wasm wasm; }

    add_header Content-Security-Policy "$CSP" always;
    add_header X-Content-Type-Options nosniff always;
}
NGINX

cat >"$STAGE/部署说明.txt" <<'TXT'
报告检查（静态网页版）部署说明

本目录是纯静态网页：index.html、脚本、样式和检查引擎（pkg/ 下的 .wasm 文件）。
放到任何静态网站服务器上即可使用，服务器上不运行任何程序；检查在使用者的浏览器中进行，文本不会上传。
不能双击 index.html 直接打开（地址以 file:// 开头时浏览器不允许加载检查引擎），必须通过网站地址访问。

一、nginx：把本目录放到 /srv/www/report-check，参照 nginx.conf.example 配置（关键是
    types { application/wasm wasm; }，让 .wasm 以 application/wasm 类型发送），然后 nginx -s reload。
二、IIS：在 IIS 管理器中新建网站或虚拟目录，物理路径指向本目录；目录中的 web.config 已为 .wasm
    （application/wasm）和 .mjs 配置 MIME 类型。
三、临时试用：在本目录中运行 python3 -m http.server 8000，然后用浏览器打开 http://localhost:8000/ 。
TXT

say "tar and zip ($VERSION)"
TGZ="$OUT/report-check-site-$VERSION.tgz"
ZIP="$OUT/report-check-site-$VERSION.zip"
rm -f "$TGZ" "$ZIP"
# Sorted names, fixed owner and times: the same inputs give the same tarball.
(cd "$STAGE" && find . -type f | sed 's|^\./||' | LC_ALL=C sort >"../site-files.txt")
tar --owner=0 --group=0 --numeric-owner --mtime='2024-01-01 00:00:00Z' -czf "$TGZ" -C "$STAGE" -T "$PWD/$OUT/site-files.txt"
if command -v zip >/dev/null 2>&1; then
  (cd "$STAGE" && zip -q -X "$OLDPWD/$ZIP" -@ <"../site-files.txt")
else
  (cd "$STAGE" && python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name in sys.stdin.read().split("\n"):
        if name: z.write(name)' "$OLDPWD/$ZIP" <"../site-files.txt")
fi
rm -f "$OUT/site-files.txt"
[ -f "$TGZ" ] || die "tar produced no tarball"
say "$ZIP: $(wc -c <"$ZIP") bytes"
say "$TGZ: $(wc -c <"$TGZ") bytes"
tar -tzf "$TGZ" | sed 's/^/  /'
echo "$TGZ"
