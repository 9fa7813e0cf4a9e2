//! wasm API boundary tests in a real browser: `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod wasm_common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

boundary_tests!();
