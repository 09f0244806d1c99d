//! Engine tests: work bounds against hostile schemas and values, compile-time refusals, and the
//! shape of results. (The JSON-Schema-Test-Suite and the built-ins are tested in `tests/`.)

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::{compile_document, Compiled, Limits, NoFormats, Outcome};
use crate::error::{Code, Result};
use crate::json::Value;

/// The engine alone, with no plug-in formats.
#[derive(Debug)]
struct Schema(Compiled, Limits);

impl Schema {
    fn compile(document: &Value) -> Result<Schema> {
        Ok(Schema(compile_document(document, &Default::default(), &NoFormats)?, Limits::default()))
    }
    fn with_limits(self, limits: Limits) -> Schema {
        Schema(self.0, limits)
    }
    fn validate(&self, instance: &Value) -> Outcome {
        self.0.evaluate(instance.clone(), self.1, &NoFormats)
    }
}

fn doc(text: &str) -> Value {
    crate::json::parse(text.as_bytes(), &Default::default()).unwrap()
}

fn nested_arrays(depth: usize) -> Value {
    let mut v = Value::Array(vec![]);
    for _ in 0..depth {
        v = Value::Array(vec![v]);
    }
    v
}

#[test]
fn a_self_reference_stops_at_the_depth_bound() {
    for text in [
        r##"{"$ref": "#"}"##,
        r##"{"allOf": [{"$ref": "#"}]}"##,
        r##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
    ] {
        let r = Schema::compile(&doc(text)).unwrap().validate(&Value::Null);
        assert!(!r.valid, "{text}");
        assert_eq!(r.errors.last().unwrap().keyword, "maxDepth", "{text}");
    }
}

#[test]
fn deep_values_stop_at_the_depth_bound() {
    let schema = Schema::compile(&doc(r##"{"items": {"$ref": "#"}}"##)).unwrap();
    assert!(schema.validate(&nested_arrays(100)).valid);
    let r = schema.validate(&nested_arrays(1000));
    assert!(!r.valid);
    assert_eq!(r.errors.last().unwrap().keyword, "maxDepth");
}

#[test]
fn exponential_schemas_stop_at_the_step_bound() {
    let mut defs = String::new();
    for i in 0..40 {
        defs.push_str(&format!(
            r##""a{i}": {{"anyOf": [{{"$ref": "#/$defs/a{n}"}}, {{"$ref": "#/$defs/a{n}"}}]}},"##,
            n = i + 1
        ));
    }
    let text = format!(r##"{{"$defs": {{{defs} "a40": false}}, "$ref": "#/$defs/a0"}}"##);
    let r = Schema::compile(&doc(&text)).unwrap().validate(&Value::Null);
    assert!(!r.valid);
    assert_eq!(r.errors.last().unwrap().keyword, "maxSteps");
}

#[test]
fn hostile_patterns_do_not_backtrack() {
    let schema = Schema::compile(&doc(r#"{"pattern": "^(a+)+$"}"#)).unwrap();
    let text = "a".repeat(20_000) + "!";
    assert!(!schema.validate(&Value::String(text)).valid);
}

#[test]
fn unique_items_on_large_scalar_arrays() {
    let schema = Schema::compile(&doc(r#"{"uniqueItems": true}"#)).unwrap();
    let items: Vec<Value> = (0..20_000).map(|i| Value::Number(f64::from(i))).collect();
    assert!(schema.validate(&Value::Array(items.clone())).valid);
    let mut dup = items;
    dup.push(Value::Number(7.0));
    let r = schema.validate(&Value::Array(dup));
    assert_eq!(r.errors[0].keyword, "uniqueItems");
}

#[test]
fn errors_are_capped_but_validity_is_decided() {
    let schema = Schema::compile(&doc(r#"{"items": {"type": "string"}}"#)).unwrap();
    let r = schema.validate(&Value::Array(vec![Value::Null; 1000]));
    assert!(!r.valid);
    assert_eq!(r.errors.len(), 100);
    let small = schema.with_limits(super::Limits { max_errors: 3, ..Default::default() });
    assert_eq!(small.validate(&Value::Array(vec![Value::Null; 10])).errors.len(), 3);
}

#[test]
fn unsupported_things_are_refused_with_their_location() {
    for (text, says) in [
        (r#"{"properties": {"a": {"maxlength": 3}}}"#, "#/properties/a/maxlength: unknown keyword"),
        (r#"{"format": "url"}"#, "unsupported format \"url\""),
        (r##"{"$dynamicRef": "#x"}"##, "\"$dynamicRef\" is not supported"),
        (r#"{"unevaluatedProperties": false}"#, "not supported"),
        (r#"{"$ref": "https://example.com/schema.json"}"#, "remote references are not supported"),
        (r##"{"$ref": "#/$defs/missing"}"##, "no such location"),
        (r##"{"$ref": "#nowhere"}"##, "no $anchor"),
        (r#"{"pattern": "(a)\\1"}"#, "backreferences are not supported"),
        (r#"{"pattern": "(?<=a)b"}"#, "lookbehind is not supported"),
        (r#"{"$schema": "http://json-schema.org/draft-07/schema#"}"#, "unsupported $schema"),
        (r#"{"type": "float"}"#, "unknown type"),
        (r#"{"minLength": -1}"#, "non-negative integer"),
        (r#"{"required": ["a", "a"]}"#, "listed twice"),
        (r#"{"items": 5}"#, "must be an object or a boolean"),
        (r#"{"allOf": []}"#, "must not be empty"),
        (r#"{"dependencies": {}}"#, "unknown keyword"),
    ] {
        let e = Schema::compile(&doc(text)).unwrap_err();
        assert_eq!(e.code(), Code::InvalidSchema, "{text}");
        assert!(e.message().contains(says), "{text}: {}", e.message());
    }
    let mut deep = String::from("true");
    for _ in 0..200 {
        deep = format!(r#"{{"not": {deep}}}"#);
    }
    let parsed =
        crate::json::parse(deep.as_bytes(), &crate::json::ParseOptions { max_depth: 1000, ..Default::default() })
            .unwrap();
    assert!(Schema::compile(&parsed).unwrap_err().message().contains("nest deeper"));
}

#[test]
fn equality_of_values_nested_to_the_cap_is_decided_and_deeper_is_bounded() {
    let nest = |levels: usize| {
        let mut v = Value::Null;
        for _ in 0..levels {
            v = Value::Array(alloc::vec![v]);
        }
        v
    };
    let mut budget = u64::MAX;
    let cap = crate::json::MAX_DEPTH_CAP;
    assert_eq!(super::assert::json_eq(&nest(cap), &nest(cap), &mut budget), Some(true));
    assert_eq!(super::assert::json_eq(&nest(cap + 1), &nest(cap + 1), &mut budget), None);
}

/// A `$ref` that reaches a subschema with a relative `$id` before the walk of its parent does
/// resolves the subschema's own `$ref`s against its `$id` once, whatever the member order (the
/// JSON-Schema-Test-Suite's "order of evaluation: $id and $ref on nested schema", in the order
/// the suite writes it; tests/schema_suite.rs reads members sorted, which hid the double `$id`).
#[test]
fn a_ref_target_with_a_relative_id_keeps_its_base() {
    let refs_first = r#"{"$id": "https://example.com/ref-and-id3/base.json", "$ref": "nested/foo.json",
        "$defs": {"foo": {"$id": "nested/foo.json", "$ref": "./bar.json"},
                  "bar": {"$id": "nested/bar.json", "type": "number"}}}"#;
    let defs_first = r#"{"$defs": {"foo": {"$id": "nested/foo.json", "$ref": "./bar.json"},
                  "bar": {"$id": "nested/bar.json", "type": "number"}},
        "$id": "https://example.com/ref-and-id3/base.json", "$ref": "nested/foo.json"}"#;
    for text in [refs_first, defs_first] {
        let schema = Schema::compile(&doc(text)).unwrap();
        assert!(schema.validate(&Value::Number(5.0)).valid, "{text}");
        assert!(!schema.validate(&Value::String("a".into())).valid, "{text}");
    }
    // The same through a JSON Pointer and an anchor that land on a subschema with a relative `$id`.
    let pointer = r##"{"$id": "https://example.com/p/base.json", "$ref": "#/$defs/foo",
        "$defs": {"foo": {"$id": "nested/foo.json", "$ref": "bar.json"}, "bar": {"$id": "nested/bar.json", "type": "number"}}}"##;
    let anchor = r##"{"$id": "https://example.com/a/base.json", "$ref": "nested/foo.json#foo",
        "$defs": {"foo": {"$anchor": "foo", "$id": "nested/foo.json", "$ref": "bar.json"}, "bar": {"$id": "nested/bar.json", "type": "number"}}}"##;
    for text in [pointer, anchor] {
        let schema = Schema::compile(&doc(text)).unwrap();
        assert!(schema.validate(&Value::Number(5.0)).valid, "{text}");
        assert!(!schema.validate(&Value::String("a".into())).valid, "{text}");
    }
}

#[test]
fn long_locations_keep_their_last_characters() {
    let long: String = (0..300).map(|i| if i % 7 == 0 { 'é' } else { char::from(b'a' + (i % 26) as u8) }).collect();
    let short = super::compile::shorten(long.clone());
    assert_eq!(short.chars().count(), 256);
    assert!(short.starts_with('…'));
    let tail: String = long.chars().skip(300 - 255).collect();
    assert_eq!(short.strip_prefix('…'), Some(tail.as_str()));
    assert_eq!(super::compile::shorten(String::from("#/a/é")), "#/a/é");
}

#[test]
fn property_name_errors_gather_the_subschema_messages() {
    let schema = Schema::compile(&doc(r#"{"propertyNames": {"maxLength": 2, "pattern": "^a"}}"#)).unwrap();
    let r = schema.validate(&doc(r#"{"ab": 1, "bcd": 2}"#));
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].path, "/bcd");
    assert_eq!(
        r.errors[0].message,
        r#"property name "bcd" is invalid: must NOT have more than 2 characters; must match pattern "^a""#
    );
    let r = Schema::compile(&doc(r#"{"propertyNames": false}"#)).unwrap().validate(&doc(r#"{"x": 1}"#));
    assert_eq!(r.errors[0].message, r#"property name "x" is invalid: boolean schema is false"#);
}
