// Starts the checking engine as soon as the page's head is read: an async module script of
// index.html, so the worker starts and the wasm (preloaded in the head) compiles while the
// page's other modules still load, not after them. app.js's element and calls use the same
// engine (one module instance per page).
import { engine } from './widget/engine.js';

engine();
