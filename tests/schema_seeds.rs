//! The built-in schemas against the rules of their seed documents: every rule at its boundaries,
//! defaults, and each provider's error style (the Talkover seed's Laravel answer exactly). One
//! module per built-in under `tests/schema_seeds/`.

#[path = "schema_seeds/jelou.rs"]
mod jelou;
#[path = "schema_seeds/jurichat.rs"]
mod jurichat;
#[path = "schema_seeds/standard.rs"]
mod standard;
#[path = "schema_seeds/talkover.rs"]
mod talkover;

use hookseal::json::{parse, ParseOptions, Value};
use hookseal::schema::{Builtin, BuiltinOptions, ErrorStyle, Schema, Validation};
use hookseal::Code;

pub(crate) fn json(text: &str) -> Value {
    parse(text.as_bytes(), &ParseOptions::default()).unwrap()
}

pub(crate) fn schema(b: Builtin) -> Schema {
    b.schema(&BuiltinOptions::default()).unwrap()
}

/// Validates `base` with member `name` set to `value` (or removed if `None`).
pub(crate) fn with(s: &Schema, base: &str, name: &str, value: Option<Value>) -> Validation {
    let mut v = json(base);
    let Value::Object(m) = &mut v else { panic!() };
    let mut m2 = hookseal::json::Map::new();
    for (k, x) in m.iter() {
        if k != name {
            m2.insert(k.clone(), x.clone());
        }
    }
    if let Some(value) = value {
        m2.insert(name.into(), value);
    }
    s.validate(&Value::Object(m2))
}

pub(crate) fn field<'a>(r: &'a Validation, name: &str) -> Vec<&'a str> {
    r.field_errors
        .iter()
        .find(|(f, _)| f == name)
        .map(|(_, m)| m.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

pub(crate) fn s(text: &str) -> Option<Value> {
    Some(Value::String(text.into()))
}

pub(crate) fn n(x: f64) -> Option<Value> {
    Some(Value::Number(x))
}

#[test]
fn builtins_are_listed_named_and_compile() {
    for b in Builtin::ALL {
        assert_eq!(Builtin::from_name(b.name()), Some(b));
        let compiled = b.schema(&BuiltinOptions::default()).unwrap();
        assert_eq!(compiled.style(), b.style());
        // The shipped document is plain JSON Schema: it compiles on its own too.
        Schema::compile_json(b.source().as_bytes()).unwrap();
    }
    assert_eq!(Builtin::from_name("stripe"), None);
    assert_eq!(Builtin::Talkover.style(), ErrorStyle::Laravel);
}

#[test]
fn json_text_input_is_parsed_strictly() {
    let t = schema(Builtin::Talkover);
    let err = t.validate_json(br#"{"name": "a", "name": "b"}"#).unwrap_err();
    assert_eq!(err.code(), Code::DuplicateKey);
    assert!(t.validate_json(talkover::TALKOVER.as_bytes()).unwrap().valid);
}
