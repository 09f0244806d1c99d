//! Arbitrary webhook configs against the built-in seed schemas (formats, the URL policy, header
//! rules, provider-style responses) and arbitrary URLs through the safe-URL policy: never a panic,
//! and a config is valid exactly when it has no errors.
#![no_main]

use std::sync::OnceLock;

use hookseal::schema::{check_webhook_url, Builtin, BuiltinOptions, Schema, UrlOptions};

fn seeds() -> &'static [Schema] {
    static SEEDS: OnceLock<Vec<Schema>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        Builtin::ALL
            .into_iter()
            .map(|b| b.schema(&BuiltinOptions::default()).expect("every built-in schema compiles"))
            .collect()
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for schema in seeds() {
        if let Ok(validation) = schema.validate_json(data) {
            assert_eq!(validation.valid, validation.errors.is_empty());
        }
    }
    if let Ok(url) = core::str::from_utf8(data) {
        let _ = check_webhook_url(url, UrlOptions::default());
    }
});
