//! Compile-fail cases, one per rule (named after its code) plus the macro's own behaviour, and
//! passing cases. The `.stderr` files are what a user sees; regenerate them with
//! `TRYBUILD=overwrite cargo test --test ui` and review the diff. They are made with the
//! toolchain pinned in `rust-toolchain.toml`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/*.rs");
}
