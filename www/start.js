// Starts the checking engine as soon as the page's head is read: an async module script of
// index.html that imports nothing, so it runs as soon as it is fetched: it starts the compile
// of the wasm (preloaded in the head) at once, then loads the engine, which starts the worker
// and instantiates the wasm on the page (it answers profiles and version) while the page's
// other modules still load. app.js's element and calls use the same engine (one module
// instance per page).
const wasm = typeof WebAssembly.compileStreaming === 'function'
  ? WebAssembly.compileStreaming(fetch(new URL('./pkg/report_check_bg.wasm', import.meta.url))).catch(() => null)
  : null;

import('./widget/engine.js').then(({ engine, useCompiled }) => {
  if (wasm) useCompiled(wasm);
  engine();
});
