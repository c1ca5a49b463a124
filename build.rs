// The page's wasm is linked with its relocations kept: tools/split-wasm.mjs (the Trunk
// post-build hook) needs them to cut the pages fetched on demand out of the first load. Only
// that binary: the backup worker and the tests are not split, and wasm-opt cannot shrink a
// module that still carries them.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=naungan=--emit-relocs");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
