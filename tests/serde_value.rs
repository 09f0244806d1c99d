//! `Serialize` and `Deserialize` of `hookseal::json::Value` (the `serde` feature): round trips
//! through serde_json agree with hookseal's own parser, and `Deserialize` holds the parser's
//! invariants and limits whatever the format, with each refusal's code in its message.

use hookseal::json::{parse, Map, ParseOptions, Value, DEFAULT_MAX_ITEMS, DEFAULT_MAX_MEMBERS, DEFAULT_MAX_STRING_LEN};
use proptest::prelude::*;
use serde::de::value::{BytesDeserializer, Error as PlainError, F64Deserializer, MapDeserializer, U128Deserializer};
use serde::Deserialize;

fn from_json(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text)
}

/// Deserializes `text` with serde_json's own nesting limit off, so that only hookseal's applies.
fn from_json_unbounded(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let value = Value::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

fn ours(text: &str) -> Value {
    parse(text.as_bytes(), &ParseOptions::default()).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Asserts that `result` failed with hookseal's `code` in its message.
#[track_caller]
fn assert_code<T: std::fmt::Debug, E: std::fmt::Display>(result: Result<T, E>, code: &str) {
    match result {
        Ok(v) => panic!("expected {code}, got {v:?}"),
        Err(e) => assert!(e.to_string().contains(&format!("({code})")), "expected {code}: {e}"),
    }
}

// ---- Round trips -----------------------------------------------------------------------------

fn arb_string() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => proptest::char::range(' ', '~'),
        1 => proptest::char::range('\0', '\u{1f}'),
        1 => proptest::char::range('\u{80}', '\u{d7ff}'),
        1 => proptest::char::range('\u{e000}', '\u{10ffff}'),
    ];
    prop::collection::vec(c, 0..8).prop_map(String::from_iter)
}

fn arb_value() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        any::<i32>().prop_map(f64::from),
        (-(1i64 << 53)..=1 << 53).prop_map(|i| i as f64),
        any::<i32>().prop_map(|i| f64::from(i) / 1000.0),
        any::<u64>().prop_map(f64::from_bits).prop_filter("finite", |f| f.is_finite()),
        prop::sample::select(vec![0.0, -0.0, 1e21, 1e-7, 5e-324, f64::MAX, 9007199254740994.0]),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number.prop_map(Value::Number),
        arb_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 12, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Value::Array),
            // Up to 12 members: past the map's small size too, where it keeps an index.
            prop::collection::vec((arb_string(), inner), 0..12)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map>())),
        ]
    })
}

/// Equal, with numbers compared by bits (so `-0` is not `0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|((k, v), (l, w))| k == l && same(v, w))
        }
        _ => a == b,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Value → serde_json text → Value keeps every member in order and every number's bits, and
    /// hookseal's own parser reads serde_json's text as the same value.
    #[test]
    fn round_trips_through_serde_json(value in arb_value()) {
        let text = serde_json::to_string(&value).unwrap();
        let back = from_json(&text).unwrap();
        prop_assert!(same(&back, &value), "{}", text);
        prop_assert!(same(&ours(&text), &value), "{}", text);
        // Through serde_json's own value type, a deserializer of another kind: the members come
        // back sorted (its map is a BTreeMap), so compare canonical forms.
        let theirs = serde_json::to_value(&value).unwrap();
        let back = Value::deserialize(theirs).unwrap();
        prop_assert_eq!(
            hookseal::canonical::to_canonical_string(&back).unwrap(),
            hookseal::canonical::to_canonical_string(&value).unwrap()
        );
    }
}

#[test]
fn numbers_are_written_as_integers_where_they_are_ones() {
    let value = ours(r#"[1, -1, 1.0, 2.5, -0, 9007199254740992, 9007199254740994, 1e21]"#);
    assert_eq!(serde_json::to_string(&value).unwrap(), "[1,-1,1,2.5,-0.0,9007199254740992,9007199254740994.0,1e+21]");
}

#[test]
fn members_keep_their_order() {
    let text = r#"{"b":1,"a":{"z":null,"y":[true,"x"]},"c":"d"}"#;
    let value = from_json(text).unwrap();
    assert_eq!(value, ours(text));
    assert_eq!(serde_json::to_string(&value).unwrap(), text);
}

// ---- Deserialize keeps the parser's rules ---------------------------------------------------------

#[test]
fn depth_is_bounded_before_the_stack_is() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert_eq!(from_json_unbounded(&deep(128)).unwrap(), ours(&deep(128)));
    assert_code(from_json_unbounded(&deep(129)), "too_deep");
    assert_eq!(parse(deep(129).as_bytes(), &ParseOptions::default()).unwrap_err().code(), hookseal::Code::TooDeep);
    // A million levels with serde_json's own limit off: refused at level 129, long before the
    // call stack of a recursive descent would run out.
    let million = "[".repeat(1_000_000);
    assert_code(from_json_unbounded(&million), "too_deep");
    let objects = "{\"a\":".repeat(1_000_000);
    assert_code(from_json_unbounded(&objects), "too_deep");
    // Through serde_json's value type, which has no limit of its own.
    let nested = (0..129).fold(serde_json::json!(1), |inner, _| serde_json::json!({ "a": inner }));
    assert_code(Value::deserialize(nested), "too_deep");
}

#[test]
fn duplicate_names_are_refused() {
    assert_code(from_json(r#"{"a":1,"b":2,"a":3}"#), "duplicate_key");
    let many: Vec<String> = (0..20).map(|i| format!("\"k{}\":0", i % 19)).collect();
    let e = from_json(&format!("{{{}}}", many.join(","))).unwrap_err();
    assert!(e.to_string().contains("\"k0\""), "{e}");
    assert_code(Err::<(), _>(e), "duplicate_key");
    // serde_json's own value type keeps the last silently.
    assert_eq!(serde_json::from_str::<serde_json::Value>(r#"{"a":1,"a":2}"#).unwrap()["a"], 2);
}

#[test]
fn numbers_a_double_cannot_hold_exactly_are_refused() {
    assert_eq!(from_json("9007199254740992").unwrap(), Value::Number(9_007_199_254_740_992.0));
    assert_eq!(from_json("-9007199254740992").unwrap(), Value::Number(-9_007_199_254_740_992.0));
    assert_code(from_json("9007199254740993"), "number_out_of_range");
    assert_code(from_json("-9007199254740993"), "number_out_of_range");
    assert_code(from_json("18446744073709551615"), "number_out_of_range");
    // As `ParseOptions::exact_integers` refuses the same literals.
    let exact = ParseOptions { exact_integers: true, ..ParseOptions::default() };
    assert!(parse(b"9007199254740993", &exact).is_err() && parse(b"9007199254740992", &exact).is_ok());
    // Fractions and exponents are doubles by their nature and are taken as they are.
    assert_eq!(from_json("9007199254740993.0").unwrap(), Value::Number(9_007_199_254_740_992.0));
    assert_eq!(from_json("1e300").unwrap(), Value::Number(1e300));
    // serde_json gives a literal beyond u64 as a double: rounded, as the parser rounds it.
    let huge = "123456789012345678901234567890";
    assert_eq!(from_json(huge).unwrap(), ours(huge));
    // Formats that carry other numbers: NaN and u128.
    assert_code(Value::deserialize(F64Deserializer::<PlainError>::new(f64::NAN)), "number_out_of_range");
    assert_code(Value::deserialize(F64Deserializer::<PlainError>::new(f64::INFINITY)), "number_out_of_range");
    assert_code(Value::deserialize(U128Deserializer::<PlainError>::new(u128::MAX)), "number_out_of_range");
    assert_eq!(
        Value::deserialize(U128Deserializer::<PlainError>::new(1 << 53)).unwrap(),
        Value::Number(9_007_199_254_740_992.0)
    );
}

#[test]
fn sizes_are_bounded_as_the_parser_bounds_them() {
    let string = |n: usize| format!("\"{}\"", "a".repeat(n));
    assert!(from_json(&string(DEFAULT_MAX_STRING_LEN)).is_ok());
    assert_code(from_json(&string(DEFAULT_MAX_STRING_LEN + 1)), "string_too_long");
    // An escape makes serde_json hand over an owned string: the same limit.
    assert_code(from_json(&format!("\"\\n{}\"", "a".repeat(DEFAULT_MAX_STRING_LEN))), "string_too_long");
    assert_code(from_json(&format!("{{{}:1}}", string(DEFAULT_MAX_STRING_LEN + 1))), "string_too_long");
    let items = |n: usize| format!("[{}]", vec!["0"; n].join(","));
    assert!(from_json(&items(DEFAULT_MAX_ITEMS)).is_ok());
    assert_code(from_json(&items(DEFAULT_MAX_ITEMS + 1)), "too_many_items");
    let members = |n: usize| format!("{{{}}}", (0..n).map(|i| format!("\"{i}\":0")).collect::<Vec<_>>().join(","));
    assert!(from_json(&members(DEFAULT_MAX_MEMBERS)).is_ok());
    assert_code(from_json(&members(DEFAULT_MAX_MEMBERS + 1)), "too_many_members");
    assert_eq!(
        parse(members(DEFAULT_MAX_MEMBERS + 1).as_bytes(), &ParseOptions::default()).unwrap_err().code(),
        hookseal::Code::TooManyMembers
    );
}

#[test]
fn what_json_has_not_is_refused() {
    assert_code(Value::deserialize(BytesDeserializer::<PlainError>::new(b"ab")), "unsupported_value");
    let integer_keys = MapDeserializer::<_, PlainError>::new(vec![(1u8, 2u8)].into_iter());
    assert_code(Value::deserialize(integer_keys), "unsupported_value");
    let string_keys = MapDeserializer::<_, PlainError>::new(vec![("k", 2u8)].into_iter());
    assert_eq!(Value::deserialize(string_keys).unwrap(), ours(r#"{"k":2}"#));
}
