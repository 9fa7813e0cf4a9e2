//! wasm API boundary tests under Node: `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod wasm_common;

boundary_tests!();
