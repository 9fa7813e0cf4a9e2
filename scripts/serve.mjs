// Dependency-free static file server for www/ (local use and e2e tests).
//   node scripts/serve.mjs            -> PORT env, or the first free port from 8080
//   import { start } from './serve.mjs'; const { server, url } = await start({ port: 0 });
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const DEFAULT_ROOT = fileURLToPath(new URL('../www/', import.meta.url));
const FIRST_PORT = 8080;
// The rich-text editors of the integrator's examples (www/rich-*.html), self-hosted from the
// npm devDependencies: /vendor/<name>/… is served from node_modules (never from a CDN).
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const VENDOR = {
  tinymce: path.join(REPO_ROOT, 'node_modules', 'tinymce'),
  wangeditor: path.join(REPO_ROOT, 'node_modules', '@wangeditor', 'editor', 'dist'),
};
const PORT_TRIES = 100;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ts': 'text/plain; charset=utf-8',
};

// The page must work under this policy, so serve it with it.
const HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function send(res, status, text) {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

// POST /echo: answers a submitted form (application/x-www-form-urlencoded) with its fields as
// JSON [[name, value], ...], so www/embed-example.html can show what the OA server would get.
const ECHO_LIMIT = 8 * 1024 * 1024;
function echo(req, res) {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > ECHO_LIMIT) {
      send(res, 413, 'too large');
      req.destroy();
    } else chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > ECHO_LIMIT) return;
    const fields = [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))];
    res.writeHead(200, { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(fields, null, 2));
  });
}

function isInside(root, file) {
  return file === root || file.startsWith(root + path.sep);
}

// Maps a URL path to { file, size } of a regular file under root, or null.
// Symlinks leading out of root are refused.
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!isInside(root, file)) return null;
  try {
    if ((await fs.promises.stat(file)).isDirectory()) file = path.join(file, 'index.html');
    file = await fs.promises.realpath(file);
    const stat = await fs.promises.stat(file);
    return isInside(root, file) && stat.isFile() ? { file, size: stat.size } : null;
  } catch {
    return null; // missing, or vanished meanwhile (e.g. www/pkg being rebuilt)
  }
}

// The directory and the path inside it that a URL path names: a vendored editor, or root.
async function place(root, urlPath) {
  const m = /^\/vendor\/([a-z]+)(\/.*)$/.exec(urlPath);
  if (m && Object.hasOwn(VENDOR, m[1])) {
    try {
      return { base: await fs.promises.realpath(VENDOR[m[1]]), rest: m[2] };
    } catch {
      return null; // not installed (npm ci)
    }
  }
  return { base: root, rest: urlPath };
}

function handler(root) {
  return async (req, res) => {
    if (req.method === 'POST' && (req.url || '').split(/[?#]/, 1)[0] === '/echo') return echo(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed');
    }
    const urlPath = (req.url || '/').split(/[?#]/, 1)[0];
    const where = await place(root, urlPath);
    const found = where && await resolveFile(where.base, where.rest);
    if (!found) return send(res, 404, 'not found');
    const { file, size } = found;
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, { ...HEADERS, 'Content-Type': type, 'Content-Length': size });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => reject(err);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the server. `port`: a number (0 = any free port); when omitted, the PORT
 * environment variable, else the first free port from 8080.
 * Resolves to { server, url } with url like "http://127.0.0.1:8080/".
 */
export async function start({ root = DEFAULT_ROOT, port } = {}) {
  const realRoot = await fs.promises.realpath(path.resolve(root));
  const server = http.createServer(handler(realRoot));
  const wanted = port ?? (process.env.PORT ? Number(process.env.PORT) : undefined);
  let bound;
  if (wanted !== undefined) {
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) throw new Error(`bad port: ${wanted}`);
    bound = await listen(server, wanted);
  } else {
    for (let p = FIRST_PORT; bound === undefined; p++) {
      try {
        bound = await listen(server, p);
      } catch (err) {
        if (err.code !== 'EADDRINUSE' || p >= FIRST_PORT + PORT_TRIES - 1) throw err;
      }
    }
  }
  return { server, url: `http://${HOST}:${bound}/` };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  try {
    const { url } = await start();
    console.log(`report-check: ${url}`);
  } catch (err) {
    console.error(`report-check: cannot serve: ${err.message}`);
    process.exit(1);
  }
}
