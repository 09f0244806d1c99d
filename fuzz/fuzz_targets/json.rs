//! Arbitrary bytes through the JSON parser: never a panic; whatever parses and canonicalizes gives
//! canonical text that is a fixed point of `canonicalize`.
#![no_main]

use hookseal::canonical::{canonicalize, to_canonical_string};
use hookseal::json::{parse, ParseOptions};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for exact_integers in [false, true] {
        let options = ParseOptions { exact_integers, ..ParseOptions::default() };
        let Ok(value) = parse(data, &options) else {
            continue;
        };
        if let Ok(text) = to_canonical_string(&value) {
            assert_eq!(canonicalize(text.as_bytes()).as_deref(), Ok(text.as_str()));
        }
    }
});
