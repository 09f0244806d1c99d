//! Property tests for RFC 8785 canonicalization.
//!
//! Documents are generated as values (with multi-byte, astral, control and sort-sensitive
//! characters), then written out by a deliberately sloppy serializer that shuffles members, adds
//! whitespace, escapes characters at random and spells numbers in other ways (`1.5E+2`, `0.15e3`,
//! `150.000`). Every spelling of one value must canonicalize to the same bytes.

use hookseal::canonical::{canonicalize, to_canonical_string};
use hookseal::json::{parse, Map, ParseOptions, Value};
use proptest::prelude::*;

// ---- Generated values -----------------------------------------------------------------------

fn arb_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        1 => proptest::char::range('\0', '\u{1f}'),
        1 => prop::sample::select(vec!['"', '\\', '/', '\u{7f}', '\u{2028}', '\u{feff}']),
        1 => proptest::char::range('\u{80}', '\u{7ff}'),
        1 => proptest::char::range('\u{800}', '\u{d7ff}'),
        // U+E000..U+FFFF sorts after astral characters in UTF-16 but before them in UTF-8.
        2 => proptest::char::range('\u{e000}', '\u{ffff}'),
        2 => proptest::char::range('\u{10000}', '\u{10ffff}'),
    ]
}

fn arb_string() -> impl Strategy<Value = String> {
    prop::collection::vec(arb_char(), 0..8).prop_map(String::from_iter)
}

fn arb_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<i32>().prop_map(f64::from),
        any::<i64>().prop_map(|i| i as f64),
        any::<i32>().prop_map(|i| f64::from(i) / 1000.0),
        any::<u64>().prop_map(f64::from_bits).prop_filter("finite", |f| f.is_finite()),
        prop::sample::select(vec![0.0, -0.0, 1e21, 1e-7, 5e-324, f64::MAX, f64::MIN_POSITIVE]),
    ]
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        arb_number().prop_map(Value::Number),
        arb_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            // `Map` keeps one member per name, as I-JSON requires.
            prop::collection::vec((arb_string(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map>())),
        ]
    })
}

// ---- A sloppy serializer ----------------------------------------------------------------------

/// SplitMix64: a tiny deterministic generator, seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

fn serialize(value: &Value, seed: u64) -> String {
    let mut out = String::new();
    let mut rng = Rng(seed);
    space(&mut rng, &mut out);
    write_any(value, &mut rng, &mut out);
    space(&mut rng, &mut out);
    out
}

fn space(rng: &mut Rng, out: &mut String) {
    if rng.one_in(3) {
        for _ in 0..=rng.below(3) {
            out.push([' ', '\t', '\n', '\r'][rng.below(4)]);
        }
    }
}

fn write_any(value: &Value, rng: &mut Rng, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&spell_number(*n, rng)),
        Value::String(s) => write_str(s, rng, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out);
                write_any(item, rng, out);
                space(rng, out);
            }
            space(rng, out);
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            for i in (1..members.len()).rev() {
                members.swap(i, rng.below(i + 1));
            }
            out.push('{');
            space(rng, out);
            for (i, (name, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    space(rng, out);
                }
                write_str(name, rng, out);
                space(rng, out);
                out.push(':');
                space(rng, out);
                write_any(item, rng, out);
                space(rng, out);
            }
            out.push('}');
        }
    }
}

fn write_str(s: &str, rng: &mut Rng, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must_escape = c < ' ' || c == '"' || c == '\\';
        if !must_escape && !rng.one_in(4) {
            out.push(c);
        } else if let Some(short) = short.filter(|_| rng.one_in(2)) {
            out.push_str(short);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let hex = format!("{unit:04x}");
                out.push_str("\\u");
                out.push_str(&if rng.one_in(2) { hex.to_uppercase() } else { hex });
            }
        }
    }
    out.push('"');
}

/// One of several JSON spellings of exactly the decimal value that `n` prints as, so all of them
/// read back as `n`.
fn spell_number(n: f64, rng: &mut Rng) -> String {
    let sci = format!("{n:e}"); // shortest round-trip digits, like `-1.5e-7`
    let (mantissa, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let (sign, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest.replace('.', "")),
        None => ("", mantissa.replace('.', "")),
    };
    match rng.below(6) {
        0 => format!("{n}"), // positional: `150`, `0.0000001`, 309 digits for 1e308
        1 => sci,
        2 => format!("{mantissa}E{}{exp}", if exp >= 0 { "+" } else { "" }),
        3 => format!("{sign}0.{digits}e{}", exp + 1),
        4 => {
            let plain = format!("{n}");
            if plain.contains('.') {
                format!("{plain}000")
            } else {
                format!("{plain}.0")
            }
        }
        _ => format!("{mantissa}e{}{:04}", if exp < 0 { "-" } else { "+" }, exp.abs()),
    }
}

// ---- Checks ------------------------------------------------------------------------------------

fn parse_ok(text: &str) -> Value {
    parse(text.as_bytes(), &ParseOptions::default()).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// JSON equality: member order is insignificant, and `-0` equals `0`.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// True if every object's names, in document order, strictly ascend by UTF-16 code units.
fn sorted_by_utf16(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().all(sorted_by_utf16),
        Value::Object(map) => {
            let names: Vec<&String> = map.iter().map(|(k, _)| k).collect();
            names.windows(2).all(|w| w[0].encode_utf16().lt(w[1].encode_utf16()))
                && map.iter().all(|(_, v)| sorted_by_utf16(v))
        }
        _ => true,
    }
}

/// True if serde_json reads `text` as JSON. Without its `float_roundtrip` feature serde_json
/// rounds long numbers near `f64::MAX` up to infinity and refuses them; that is no syntax error.
fn serde_json_accepts(text: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => true,
        Err(e) => e.to_string().starts_with("number out of range"),
    }
}

/// `text` with every string literal removed.
fn outside_strings(text: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in text.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') | (false, _, '"') => in_string = !in_string,
            (true, false, _) => {}
            (false, _, c) => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn canonicalization_is_idempotent(value in arb_value(), seed in any::<u64>()) {
        let text = serialize(&value, seed);
        let canonical = canonicalize(text.as_bytes()).unwrap();
        prop_assert_eq!(canonicalize(canonical.as_bytes()).unwrap(), canonical.clone());
        prop_assert_eq!(to_canonical_string(&value).unwrap(), canonical);
    }

    #[test]
    fn output_means_what_input_meant(value in arb_value(), seed in any::<u64>()) {
        let text = serialize(&value, seed);
        // An independent parser agrees that both texts are JSON.
        prop_assert!(serde_json_accepts(&text), "{}", text);
        let canonical = canonicalize(text.as_bytes()).unwrap();
        prop_assert!(serde_json_accepts(&canonical), "{}", canonical);
        let (input, output) = (parse_ok(&text), parse_ok(&canonical));
        prop_assert!(same(&input, &value));
        prop_assert!(same(&output, &input), "{} vs {}", text, canonical);
        prop_assert!(sorted_by_utf16(&output), "{}", canonical);
        // No whitespace survives outside strings: removing the strings leaves none.
        prop_assert!(!outside_strings(&canonical).contains([' ', '\t', '\n', '\r']), "{}", canonical);
    }

    #[test]
    fn every_spelling_gives_the_same_bytes(value in arb_value(), a in any::<u64>(), b in any::<u64>()) {
        let (one, two) = (serialize(&value, a), serialize(&value, b));
        let canonical_one = canonicalize(one.as_bytes()).unwrap();
        let canonical_two = canonicalize(two.as_bytes()).unwrap();
        prop_assert_eq!(canonical_one, canonical_two, "{} vs {}", one, two);
    }

    #[test]
    fn damaged_input_fails_cleanly(value in arb_value(), seed in any::<u64>(), at in any::<usize>(), byte in any::<u8>()) {
        let mut bytes = serialize(&value, seed).into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        // Never a panic; if it still parses, its canonical form is a fixed point.
        if let Ok(canonical) = canonicalize(&bytes) {
            prop_assert_eq!(canonicalize(canonical.as_bytes()).unwrap(), canonical);
        }
    }
}
