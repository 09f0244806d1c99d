//! Arbitrary schemas (so arbitrary regex patterns and `$ref` graphs) against arbitrary instances:
//! compiling and validating never panic and stay within the step budget.
#![no_main]

use hookseal::canonical::to_canonical_string;
use hookseal::json::Value;
use hookseal::schema::{Limits, Schema};
use libfuzzer_sys::arbitrary::{self, Arbitrary};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    schema: &'a [u8],
    instance: &'a [u8],
    pattern: String,
    subject: String,
}

const LIMITS: Limits = Limits { max_depth: 64, max_steps: 200_000, max_errors: 20 };

fn check(schema: &Schema, instance: &[u8]) {
    let _ = schema.validate_json(instance);
}

libfuzzer_sys::fuzz_target!(|input: Input<'_>| {
    if let Ok(schema) = Schema::compile_json(input.schema) {
        check(&schema.with_limits(LIMITS), input.instance);
    }
    // The regex engine directly: any pattern, any subject.
    let Ok(literal) = to_canonical_string(&Value::String(input.pattern)) else {
        return;
    };
    if let Ok(schema) = Schema::compile_json(format!("{{\"pattern\":{literal}}}").as_bytes()) {
        let _ = schema.with_limits(LIMITS).validate(&Value::String(input.subject));
    }
});
