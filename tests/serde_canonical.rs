//! `hookseal::canonical::to_string` (the `serde` feature) against the RFC 8785 vectors and two
//! independent serde implementations of RFC 8785, `serde_jcs` and `serde_json_canonicalizer`,
//! on generated values; and its refusals of what JSON cannot hold exactly.

use std::collections::{BTreeMap, HashMap};

use hookseal::canonical::{canonicalize, to_canonical_string, to_string};
use hookseal::json::{parse, ParseOptions, Value};
use hookseal::Code;
use proptest::prelude::*;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

const JCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/jcs");

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{JCS}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn code<T: Serialize + ?Sized>(value: &T) -> Code {
    to_string(value).unwrap_err().code()
}

// ---- Published vectors ----------------------------------------------------------------------

/// cyberphone's testdata and RFC 8785's sorting example, through three routes: hookseal's own
/// `Value` (its `Serialize`), the same text deserialized by serde_json into hookseal's `Value`
/// (its `Deserialize`), and into `serde_json::Value`, a type hookseal knows nothing of.
#[test]
fn rfc8785_vectors() {
    let mut cases: Vec<(String, String)> = ["arrays", "french", "structures", "unicode", "values", "weird"]
        .iter()
        .map(|name| (read(&format!("input/{name}.json")), read(&format!("output/{name}.json"))))
        .collect();
    cases.push((read("rfc8785-sort-input.json"), read("rfc8785-sort-output.json")));
    for (input, expected) in &cases {
        let ours = parse(input.as_bytes(), &ParseOptions::default()).unwrap();
        assert_eq!(&to_string(&ours).unwrap(), expected);
        let deserialized: Value = serde_json::from_str(input).unwrap();
        assert_eq!(&to_string(&deserialized).unwrap(), expected);
        let theirs: serde_json::Value = serde_json::from_str(input).unwrap();
        assert_eq!(&to_string(&theirs).unwrap(), expected);
    }
}

/// RFC 8785 Appendix B and the first 10,000 numbers of `es6testfile100m`, as `f64`s; the rows
/// that must fail (NaN, Infinity) fail with `number_out_of_range`.
#[test]
fn rfc8785_numbers() {
    let appendix = read("rfc8785-appendix-b.csv");
    let es6 = read("numbers/es6testfile10k.txt");
    let rows = appendix.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).chain(es6.lines());
    let mut count = 0;
    for row in rows {
        let mut fields = row.split(',');
        let (hex, expected) = (fields.next().unwrap(), fields.next().unwrap());
        let n = f64::from_bits(u64::from_str_radix(hex, 16).unwrap());
        if expected.is_empty() {
            assert_eq!(code(&n), Code::NumberOutOfRange, "{row}");
        } else {
            assert_eq!(to_string(&n).unwrap(), expected, "{row}");
        }
        count += 1;
    }
    assert!(count > 10_000, "{count}");
}

// ---- Against serde_jcs and serde_json_canonicalizer -------------------------------------------

fn arb_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        1 => proptest::char::range('\0', '\u{1f}'),
        1 => prop::sample::select(vec!['"', '\\', '/', '\u{7f}', '\u{2028}', '\u{feff}']),
        1 => proptest::char::range('\u{80}', '\u{d7ff}'),
        // U+E000..U+FFFF sorts after astral characters in UTF-16 but before them in UTF-8.
        2 => proptest::char::range('\u{e000}', '\u{ffff}'),
        2 => proptest::char::range('\u{10000}', '\u{10ffff}'),
    ]
}

fn arb_string() -> impl Strategy<Value = String> {
    prop::collection::vec(arb_char(), 0..8).prop_map(String::from_iter)
}

/// Integers within ±2^53, as integers (serde_json keeps them as `i64`/`u64`), and finite doubles.
fn arb_number() -> impl Strategy<Value = serde_json::Number> {
    const EXACT: i64 = 1 << 53;
    prop_oneof![
        (-EXACT..=EXACT).prop_map(serde_json::Number::from),
        (0..=EXACT as u64).prop_map(serde_json::Number::from),
        any::<i32>().prop_map(|i| serde_json::Number::from_f64(f64::from(i) / 1000.0).unwrap()),
        any::<u64>().prop_filter_map("finite", |bits| serde_json::Number::from_f64(f64::from_bits(bits))),
        prop::sample::select(vec![1e21, 1e-7, 5e-324, f64::MAX, 9007199254740994.0, 0.1, -0.0])
            .prop_map(|f| serde_json::Number::from_f64(f).unwrap()),
    ]
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as J;
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        arb_number().prop_map(J::Number),
        arb_string().prop_map(J::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(J::Array),
            prop::collection::vec((arb_string(), inner), 0..8).prop_map(|m| J::Object(m.into_iter().collect())),
        ]
    })
}

/// A payload as a signer would define it: nested structs, enums, options, maps, floats.
#[derive(Debug, Clone, Serialize)]
struct Event {
    id: u32,
    kind: Kind,
    amount: f64,
    ratio: Option<f32>,
    tags: Vec<String>,
    meta: HashMap<String, Meta>,
    counts: BTreeMap<u16, i64>,
    pair: (bool, char),
}

#[derive(Debug, Clone, Serialize)]
enum Kind {
    Created,
    Paid(i32),
    Moved { from: String, to: String },
    Split(u8, String),
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
enum Meta {
    Text(String),
    Number(i64),
    List(Vec<Option<f64>>),
}

fn arb_event() -> impl Strategy<Value = Event> {
    let kind = prop_oneof![
        Just(Kind::Created),
        any::<i32>().prop_map(Kind::Paid),
        (arb_string(), arb_string()).prop_map(|(from, to)| Kind::Moved { from, to }),
        (any::<u8>(), arb_string()).prop_map(|(n, s)| Kind::Split(n, s)),
    ];
    let finite = any::<u64>().prop_map(f64::from_bits).prop_filter("finite", |f| f.is_finite());
    let meta = prop_oneof![
        arb_string().prop_map(Meta::Text),
        (-(1i64 << 53)..=1 << 53).prop_map(Meta::Number),
        prop::collection::vec(prop::option::of(finite.clone()), 0..4).prop_map(Meta::List),
    ];
    (
        any::<u32>(),
        kind,
        finite,
        prop::option::of(any::<u32>().prop_map(f32::from_bits).prop_filter("finite", |f| f.is_finite())),
        prop::collection::vec(arb_string(), 0..4),
        prop::collection::hash_map(arb_string(), meta, 0..6),
        prop::collection::btree_map(any::<u16>(), -(1i64 << 53)..=1 << 53, 0..4),
        (any::<bool>(), arb_char()),
    )
        .prop_map(|(id, kind, amount, ratio, tags, meta, counts, pair)| Event {
            id,
            kind,
            amount,
            ratio,
            tags,
            meta,
            counts,
            pair,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Both peers and hookseal's text route agree byte for byte on every generated value.
    #[test]
    fn agrees_with_the_peers_on_json_values(value in arb_json()) {
        let ours = to_string(&value).unwrap();
        prop_assert_eq!(&ours, &serde_jcs::to_string(&value).unwrap());
        prop_assert_eq!(&ours, &serde_json_canonicalizer::to_string(&value).unwrap());
        prop_assert_eq!(&ours, &canonicalize(serde_json::to_string(&value).unwrap().as_bytes()).unwrap());
        // Through hookseal's own `Value`, deserialized or built by `to_value`: the same bytes.
        let deserialized: Value = serde_json::from_value(value.clone()).unwrap();
        prop_assert_eq!(&ours, &to_canonical_string(&deserialized).unwrap());
        prop_assert_eq!(&ours, &to_string(&deserialized).unwrap());
        prop_assert_eq!(hookseal::json::to_value(&value).unwrap(), deserialized);
    }

    /// A derived payload type (struct, enum variants, `HashMap` in random order, integer keys,
    /// `f32`, `char`): the same bytes as the peers and as canonicalizing serde_json's text.
    #[test]
    fn agrees_with_the_peers_on_derived_types(event in arb_event()) {
        let ours = to_string(&event).unwrap();
        prop_assert_eq!(&ours, &serde_json_canonicalizer::to_string(&event).unwrap());
        // serde_json and serde_jcs print an `f32` by its own shortest digits (`0.1`), not as the
        // double it is (`0.10000000149011612`); RFC 8785 numbers are doubles, so compare those
        // without one.
        if event.ratio.is_none() {
            prop_assert_eq!(&ours, &serde_jcs::to_string(&event).unwrap());
            let text = serde_json::to_string(&event).unwrap();
            prop_assert_eq!(&ours, &canonicalize(text.as_bytes()).unwrap());
        }
    }
}

#[test]
fn f32_is_the_double_it_is() {
    assert_eq!(to_string(&0.1f32).unwrap(), "0.10000000149011612");
    assert_eq!(to_string(&0.5f32).unwrap(), "0.5");
    assert_eq!(serde_json_canonicalizer::to_string(&0.1f32).unwrap(), "0.10000000149011612");
    assert_eq!(serde_json::to_string(&0.1f32).unwrap(), "0.1");
}

// ---- What JSON cannot hold exactly ------------------------------------------------------------

#[test]
fn integers_beyond_2_pow_53_are_refused() {
    const EXACT: u64 = 1 << 53;
    assert_eq!(to_string(&EXACT).unwrap(), "9007199254740992");
    assert_eq!(to_string(&-(EXACT as i64)).unwrap(), "-9007199254740992");
    assert_eq!(to_string(&i128::from(EXACT)).unwrap(), "9007199254740992");
    for refused in [EXACT + 1, EXACT + 2, 1 << 60, u64::MAX] {
        assert_eq!(code(&refused), Code::NumberOutOfRange, "{refused}");
    }
    assert_eq!(code(&i64::MIN), Code::NumberOutOfRange);
    assert_eq!(code(&u128::MAX), Code::NumberOutOfRange);
    assert_eq!(code(&i128::MIN), Code::NumberOutOfRange);
    // What the peers do instead: round to the double, so that the signed text carries another
    // number than the sender's, and a receiver reading an integer type gets that other number.
    for peer in
        [serde_jcs::to_string(&(EXACT + 1)).unwrap(), serde_json_canonicalizer::to_string(&(EXACT + 1)).unwrap()]
    {
        assert_eq!(peer, "9007199254740992");
    }
    assert_eq!(serde_jcs::to_string(&(1u64 << 60)).unwrap(), "1152921504606847000");
    let e = to_string(&vec![EXACT + 1]).unwrap_err();
    assert!(e.message().contains("9007199254740993"), "{e}");
}

#[test]
fn nan_and_infinities_are_refused() {
    for n in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(code(&n), Code::NumberOutOfRange);
        assert_eq!(code(&Value::Number(n)), Code::NumberOutOfRange);
        assert_eq!(to_canonical_string(&Value::Number(n)).unwrap_err().code(), Code::NumberOutOfRange);
    }
    assert_eq!(code(&f32::NAN), Code::NumberOutOfRange);
    assert_eq!(code(&[Some(1.0), Some(f64::INFINITY)]), Code::NumberOutOfRange);
    // serde_json writes `null` for NaN; to sign that would sign a value the sender never had.
    assert_eq!(serde_json::to_string(&f64::NAN).unwrap(), "null");
}

/// A value serialized through `serialize_bytes`.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

#[test]
fn bytes_are_refused() {
    assert_eq!(code(&Bytes(b"abc")), Code::UnsupportedValue);
    // A plain `&[u8]` is a sequence to serde, and so an array of numbers.
    assert_eq!(to_string(&b"ab"[..]).unwrap(), "[97,98]");
}

/// A map with any keys, in the order given (duplicates included).
struct Entries<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Entries<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[test]
fn map_keys() {
    // Integer and bool keys become their text, as serde_json writes them; any width of integer,
    // since a name is text, not a number.
    let ints = BTreeMap::from([(10u64, 1), (9, 2), (u64::MAX, 3)]);
    assert_eq!(to_string(&ints).unwrap(), r#"{"10":1,"18446744073709551615":3,"9":2}"#);
    assert_eq!(to_string(&ints).unwrap(), canonicalize(serde_json::to_string(&ints).unwrap().as_bytes()).unwrap());
    assert_eq!(to_string(&BTreeMap::from([(true, 1), (false, 0)])).unwrap(), r#"{"false":0,"true":1}"#);
    assert_eq!(to_string(&HashMap::from([('é', 1), ('a', 2)])).unwrap(), r#"{"a":2,"é":1}"#);
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Colour {
        Red,
        Blue,
    }
    assert_eq!(to_string(&BTreeMap::from([(Colour::Red, 1), (Colour::Blue, 2)])).unwrap(), r#"{"Blue":2,"Red":1}"#);
    // A float has many spellings as a name (`1`, `1.0`, `1e0`), so none is chosen.
    assert_eq!(code(&Entries(vec![(1.5f64, 1)])), Code::UnsupportedValue);
    assert_eq!(code(&Entries(vec![(Some("a"), 1)])), Code::UnsupportedValue);
    assert_eq!(code(&Entries(vec![((), 1)])), Code::UnsupportedValue);
    assert_eq!(code(&Entries(vec![(vec!["a"], 1)])), Code::UnsupportedValue);
    assert_eq!(code(&Entries(vec![(Bytes(b"a"), 1)])), Code::UnsupportedValue);
}

#[test]
fn duplicate_names_are_refused() {
    assert_eq!(code(&Entries(vec![("a", 1), ("b", 2), ("a", 3)])), Code::DuplicateKey);
    // Past the map's small size, duplicates are found by sorting.
    let many: Vec<(String, u8)> = (0..40).map(|i| (format!("k{}", i % 39), 0)).collect();
    assert_eq!(code(&Entries(many)), Code::DuplicateKey);
    // Where one comes from in practice: a flattened member with the name of a field.
    #[derive(Serialize)]
    struct Outer {
        id: u8,
        #[serde(flatten)]
        extra: HashMap<&'static str, u8>,
    }
    let e = to_string(&Outer { id: 1, extra: HashMap::from([("id", 2)]) }).unwrap_err();
    assert_eq!(e.code(), Code::DuplicateKey);
    assert!(e.message().contains("\"id\""), "{e}");
    // serde_json writes both, a text I-JSON forbids.
    let text = serde_json::to_string(&Outer { id: 1, extra: HashMap::from([("id", 2)]) }).unwrap();
    assert_eq!(text, r#"{"id":1,"id":2}"#);
}

/// Nests `depth` arrays around `0`.
fn nested(depth: usize) -> serde_json::Value {
    (0..depth).fold(serde_json::json!(0), |inner, _| serde_json::Value::Array(vec![inner]))
}

#[derive(Serialize)]
enum Wrap {
    Newtype(Vec<u8>),
    Tuple(u8, u8),
    Struct { a: u8 },
}

/// `depth` arrays around `inner`.
struct Around<'a>(usize, &'a Wrap);

impl Serialize for Around<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        if self.0 == 0 {
            return self.1.serialize(s);
        }
        let mut seq = s.serialize_seq(Some(1))?;
        seq.serialize_element(&Around(self.0 - 1, self.1))?;
        seq.end()
    }
}

#[test]
fn depth_is_bounded() {
    assert_eq!(to_string(&nested(128)).unwrap(), format!("{}0{}", "[".repeat(128), "]".repeat(128)));
    assert_eq!(code(&nested(129)), Code::TooDeep);
    // An enum variant's tag is an object level of its own, around the variant's array or object.
    for variant in [Wrap::Newtype(vec![1]), Wrap::Tuple(1, 2), Wrap::Struct { a: 1 }] {
        let text = to_string(&Around(126, &variant)).unwrap();
        assert_eq!(text, canonicalize(serde_json::to_string(&Around(126, &variant)).unwrap().as_bytes()).unwrap());
        assert_eq!(code(&Around(127, &variant)), Code::TooDeep);
    }
}

/// A value that contains itself, as a careless `Serialize` over shared data could.
struct Cycle;

impl Serialize for Cycle {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("self", self)?;
        map.end()
    }
}

#[test]
fn a_value_that_contains_itself_stops_at_the_depth_limit() {
    assert_eq!(code(&Cycle), Code::TooDeep);
}

/// A `Serialize` that fails by itself.
struct Failing;

impl Serialize for Failing {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("lock poisoned"))
    }
}

#[test]
fn serialize_errors_keep_their_message() {
    let e = to_string(&[Failing]).unwrap_err();
    assert_eq!(e.code(), Code::UnsupportedValue);
    assert_eq!(e.message(), "lock poisoned");
}
