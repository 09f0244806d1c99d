//! The `canonicalizeValue` shortcut (`canonicalize_stringified`, which only sorts members of text
//! in `JSON.stringify`'s form) against the strict path, on arbitrary bytes and on canonical text:
//! the same result and the same error code, always.
#![no_main]

use hookseal::canonical::{canonicalize_stringified, canonicalize_with, ParseOptions};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let options = ParseOptions::default();
    let fast = canonicalize_stringified(data, &options).map_err(|e| e.code());
    let strict = canonicalize_with(data, &options).map_err(|e| e.code());
    assert_eq!(fast, strict);
    // Canonical text is in JSON.stringify's form, so the shortcut itself answers it.
    if let Ok(text) = strict {
        assert_eq!(canonicalize_stringified(text.as_bytes(), &options).as_deref(), Ok(text.as_str()));
    }
});
