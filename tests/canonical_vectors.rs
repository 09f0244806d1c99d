//! RFC 8785 canonicalization against published vectors, and the strict parser's refusals.
//!
//! Vectors live in `tests/vectors/jcs/` (see `SOURCES.md` there): cyberphone's
//! `testdata`, RFC 8785 Appendix B and section 3.2.3, and the first 10,000 lines of the
//! `es6testfile100m` number sequence.

use hookseal::canonical::{canonicalize, canonicalize_with, to_canonical_string, write_value};
use hookseal::json::{parse, Map, ParseOptions, Value, DEFAULT_MAX_DEPTH};
use hookseal::{Code, Error};

const JCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/jcs");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{JCS}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn err(input: &[u8]) -> Error {
    canonicalize(input).expect_err(&String::from_utf8_lossy(input))
}

fn canon(input: &str) -> String {
    canonicalize(input.as_bytes()).unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

/// Asserts that `input` fails with `code` and a message containing `needle`.
fn assert_refused(input: &[u8], code: Code, needle: &str) {
    let e = err(input);
    assert_eq!(e.code(), code, "{:?}: {e}", String::from_utf8_lossy(input));
    assert!(e.message().contains(needle), "{:?}: {e:?} lacks {needle:?}", String::from_utf8_lossy(input));
}

// ---- Published vectors ----------------------------------------------------------------------

#[test]
fn cyberphone_testdata() {
    let mut names: Vec<String> = std::fs::read_dir(format!("{JCS}/input"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 6);
    for name in names {
        let got = canonicalize(&read(&format!("input/{name}"))).unwrap();
        let expected = read(&format!("output/{name}"));
        assert_eq!(got.as_bytes(), expected, "{name}");
        let stem = name.trim_end_matches(".json");
        let hex: Vec<u8> = String::from_utf8(read(&format!("outhex/{stem}.txt")))
            .unwrap()
            .split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect();
        assert_eq!(got.as_bytes(), hex, "{name} (outhex)");
        // Canonical text is a fixed point.
        assert_eq!(canonicalize(got.as_bytes()).unwrap(), got, "{name}");
    }
}

#[test]
fn rfc8785_sorting_example() {
    let got = canonicalize(&read("rfc8785-sort-input.json")).unwrap();
    assert_eq!(got.as_bytes(), read("rfc8785-sort-output.json"));
}

fn number(bits: u64) -> Result<String, Error> {
    to_canonical_string(&Value::Number(f64::from_bits(bits)))
}

/// Parses `text` as a lone JSON number.
fn parse_number(text: &str) -> f64 {
    match parse(text.as_bytes(), &ParseOptions::default()) {
        Ok(Value::Number(n)) => n,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn rfc8785_appendix_b_numbers() {
    let csv = String::from_utf8(read("rfc8785-appendix-b.csv")).unwrap();
    let mut rows = 0;
    for line in csv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut fields = line.splitn(3, ',');
        let (hex, expected) = (fields.next().unwrap(), fields.next().unwrap());
        let bits = u64::from_str_radix(hex, 16).unwrap();
        if expected.is_empty() {
            assert_eq!(number(bits).unwrap_err().code(), Code::NumberOutOfRange, "{line}");
        } else {
            assert_eq!(number(bits).unwrap(), expected, "{line}");
            let back = parse_number(expected);
            let f = f64::from_bits(bits);
            assert!(back.to_bits() == bits || (f == 0.0 && back == 0.0), "{line}: {back:e}");
        }
        rows += 1;
    }
    assert_eq!(rows, 26);
    for bits in [f64::NAN.to_bits(), f64::INFINITY.to_bits(), f64::NEG_INFINITY.to_bits()] {
        assert_eq!(number(bits).unwrap_err().code(), Code::NumberOutOfRange);
    }
}

#[test]
fn es6_number_sequence_10k() {
    let text = String::from_utf8(read("numbers/es6testfile10k.txt")).unwrap();
    let mut lines = 0;
    for line in text.lines() {
        let (hex, expected) = line.split_once(',').unwrap();
        let bits = u64::from_str_radix(hex, 16).unwrap();
        assert_eq!(number(bits).unwrap(), expected, "{line}");
        let back = parse_number(expected);
        assert!(back.to_bits() == bits || (back == 0.0 && f64::from_bits(bits) == 0.0), "{line}");
        assert_eq!(canon(expected), expected, "{line}");
        lines += 1;
    }
    assert_eq!(lines, 10_000);
}

// ---- Output form -------------------------------------------------------------------------------

#[test]
fn numbers_take_ecmascript_form() {
    let cases = [
        ("-0", "0"),
        ("-0.0e5", "0"),
        ("1e21", "1e+21"),
        ("1e-7", "1e-7"),
        ("1E2", "100"),
        ("1.0e+2", "100"),
        ("0.000001", "0.000001"),
        ("1e-400", "0"),
        ("9007199254740993", "9007199254740992"),
        ("18446744073709551616", "18446744073709552000"),
    ];
    for (input, expected) in cases {
        assert_eq!(canon(input), expected, "{input}");
    }
    assert_eq!(canon(&format!("0.{}1", "0".repeat(5000))), "0");
    assert_refused(b"[1e400]", Code::NumberOutOfRange, "byte 1");
    assert_refused(b"-1E309", Code::NumberOutOfRange, "byte 0");
    assert_refused(format!("1{}", "0".repeat(400)).as_bytes(), Code::NumberOutOfRange, "byte 0");
}

#[test]
fn exact_integers_option() {
    let exact = ParseOptions { exact_integers: true, ..ParseOptions::default() };
    let ok = |s: &str| canonicalize_with(s.as_bytes(), &exact).unwrap();
    let refused = |s: &str| canonicalize_with(s.as_bytes(), &exact).unwrap_err().code();
    assert_eq!(ok("9007199254740992"), "9007199254740992");
    assert_eq!(ok("-9007199254740992"), "-9007199254740992");
    assert_eq!(ok("[9007199254740993.0, 1e300]"), "[9007199254740992,1e+300]");
    for big in ["9007199254740993", "-9007199254740993", "[10000000000000000]", "{\"id\":99999999999999999999}"] {
        assert_eq!(refused(big), Code::NumberOutOfRange, "{big}");
        assert!(canonicalize(big.as_bytes()).is_ok(), "{big} is accepted by default");
    }
}

#[test]
fn strings_escape_exactly_rfc8785_set() {
    // Every C0 control, plus the characters that must stay literal.
    let mut input = String::from("\"");
    let mut expected = String::from("\"");
    for c in (0u8..0x20).map(char::from) {
        input.push_str(&format!("\\u{:04X}", c as u32));
        expected.push_str(&match c {
            '\u{8}' => "\\b".to_string(),
            '\t' => "\\t".to_string(),
            '\n' => "\\n".to_string(),
            '\u{c}' => "\\f".to_string(),
            '\r' => "\\r".to_string(),
            _ => format!("\\u{:04x}", c as u32),
        });
    }
    input.push_str(r#"\"\\\/ /\u007f\u2028\u2029\u00e9\ud83d\ude00'<>&"#);
    expected.push_str("\\\"\\\\/ /\u{7f}\u{2028}\u{2029}é😀'<>&");
    input.push('"');
    expected.push('"');
    assert_eq!(canon(&input), expected);
}

#[test]
fn in_memory_values() {
    let mut inner = Map::new();
    inner.insert("\u{FB33}".into(), Value::Bool(false));
    inner.insert("\u{1F600}".into(), Value::Null);
    let mut map = Map::new();
    map.insert("z".into(), Value::Array(vec![Value::Number(-0.0), Value::Number(0.5)]));
    map.insert("a".into(), Value::Object(inner));
    let value = Value::Object(map);
    let text = to_canonical_string(&value).unwrap();
    assert_eq!(text, "{\"a\":{\"\u{1F600}\":null,\"\u{FB33}\":false},\"z\":[0,0.5]}");
    assert_eq!(canon(&text), text);

    // On error, write_value leaves `out` as it was.
    let mut out = String::from("prefix");
    let bad = Value::Array(vec![Value::Number(1.0), Value::Number(f64::NAN)]);
    assert_eq!(write_value(&bad, &mut out).unwrap_err().code(), Code::NumberOutOfRange);
    assert_eq!(out, "prefix");
    write_value(&value, &mut out).unwrap();
    assert_eq!(out, format!("prefix{text}"));
}

// ---- Refusals --------------------------------------------------------------------------------

#[test]
fn duplicate_keys() {
    assert_refused(br#"{"a":1,"a":2}"#, Code::DuplicateKey, "/a");
    assert_refused(br#"{"a":1,"\u0061":2}"#, Code::DuplicateKey, "\"a\"");
    assert_refused(br#"{"a":{"b":1,"b":2}}"#, Code::DuplicateKey, "/a/b");
    assert_refused(br#"{"x":[0,{"b":1,"c":{"k":1,"\u006B":2}}]}"#, Code::DuplicateKey, "/x/1/c/k");
    assert_refused(br#"[{"a/b~":{"c":1,"c":2}}]"#, Code::DuplicateKey, "/0/a~1b~0/c");
    assert_refused("{\"\u{1F600}\":1,\"\\ud83d\\ude00\":2}".as_bytes(), Code::DuplicateKey, "/\u{1F600}");

    // Many members take the sorting path; the first repeat in input order is the one named.
    let mut many: Vec<String> = (0..100).map(|i| format!("\"k{i}\":{i}")).collect();
    many.push("\"k70\":0".into());
    many.push("\"k3\":0".into());
    assert_refused(
        format!("{{{}}}", many.join(",")).as_bytes(),
        Code::DuplicateKey,
        "\"k70\" at JSON Pointer \"/k70\"",
    );

    // A huge repeated name is echoed shortened.
    let long = "n".repeat(100_000);
    let e = err(format!("{{\"{long}\":1,\"{long}\":2}}").as_bytes());
    assert_eq!(e.code(), Code::DuplicateKey);
    assert!(e.message().len() < 1000, "{}", e.message().len());
    // A deep one keeps the end of its pointer.
    let deep = format!("{}{{\"z\":1,\"z\":2}}{}", "{\"abcdefgh\":".repeat(100), "}".repeat(100));
    let e = err(deep.as_bytes());
    assert!(e.message().len() < 1000, "{}", e.message());
    assert!(e.message().ends_with("/abcdefgh/abcdefgh/z\""), "{}", e.message());

    // Not duplicates: case, normalization, separate objects.
    assert_eq!(canon(r#"{"a":1,"A":2}"#), r#"{"A":2,"a":1}"#);
    assert_eq!(canon("{\"\u{e9}\":1,\"e\u{301}\":2}"), "{\"e\u{301}\":2,\"\u{e9}\":1}");
    assert_eq!(canon(r#"[{"a":1},{"a":2}]"#), r#"[{"a":1},{"a":2}]"#);
}

#[test]
fn surrogates() {
    for (input, at) in [
        (r#""\ud800""#, "byte 1"),
        (r#""\udc00""#, "byte 1"),
        (r#"["x\uD800\u0041"]"#, "byte 3"),
        (r#""\ud800x""#, "byte 1"),
        (r#""\ud800\ud800""#, "byte 1"),
        (r#""\udc00\ud800""#, "byte 1"),
        (r#"{"\udfff":1}"#, "byte 2"),
    ] {
        assert_refused(input.as_bytes(), Code::LoneSurrogate, at);
    }
    assert_eq!(canon(r#""\ud83d\ude00\uD834\uDD1E""#), "\"😀𝄞\"");
    // A raw surrogate is ill-formed UTF-8 (CESU-8).
    assert_refused(b"\"\xED\xA0\x80\"", Code::InvalidUtf8, "byte 1");
    assert_refused(b"\"\xED\xA0\xBD\xED\xB8\x80\"", Code::InvalidUtf8, "byte 1");
}

#[test]
fn invalid_utf8() {
    for (input, at) in [
        (&b"\"\xC0\xAF\""[..], "byte 1"),    // overlong '/'
        (b"\"\xE0\x80\xAF\"", "byte 1"),     // overlong, three bytes
        (b"[\"\xE2\x82\"]", "byte 2"),       // truncated, then a quote
        (b"\"ab\xE2\x82", "byte 3"),         // truncated at the end
        (b"[\"\xFF\"]", "byte 2"),           // never valid
        (b"[1, \xFF]", "byte 4"),            // outside a string
        (b"\"\xF4\x90\x80\x80\"", "byte 1"), // above U+10FFFF
    ] {
        assert_refused(input, Code::InvalidUtf8, at);
    }
}

#[test]
fn syntax_errors_give_offsets() {
    for (input, at) in [
        ("", "byte 0"),
        ("   ", "byte 3"),
        ("[1,]", "byte 3"),
        ("{\"a\":1,}", "byte 7"),
        ("01", "byte 0"),
        ("[-01]", "byte 1"),
        ("1.", "byte 2"),
        ("[1.e5]", "byte 3"),
        ("1e", "byte 2"),
        ("1e+", "byte 3"),
        (".5", "byte 0"),
        ("+1", "byte 0"),
        ("-", "byte 1"),
        ("{a:1}", "byte 1"),
        ("{\"a\" 1}", "byte 5"),
        ("{\"a\":1 \"b\":2}", "byte 7"),
        ("[1 2]", "byte 3"),
        ("\"a\nb\"", "byte 2"),
        ("\"tab\there\"", "byte 4"),
        ("[1] x", "byte 4"),
        ("{} {}", "byte 3"),
        ("'a'", "byte 0"),
        ("{'a':1}", "byte 1"),
        ("NaN", "byte 0"),
        ("[Infinity]", "byte 1"),
        ("-Infinity", "byte 1"),
        ("tru", "byte 0"),
        ("nul1", "byte 0"),
        ("True", "byte 0"),
        ("\"abc", "byte 0"),
        ("\"\\x\"", "byte 1"),
        ("\"\\u12G4\"", "byte 1"),
        ("\"\\ud800\\u12\"", "byte 7"),
        ("[1,\u{a0}2]", "byte 3"),
        ("\u{c}1", "byte 0"),
        ("\u{feff}{}", "byte 0"),
        ("[", "byte 1"),
        ("{\"a\":", "byte 5"),
    ] {
        assert_refused(input.as_bytes(), Code::InvalidJson, at);
    }
    // The four JSON whitespace characters are fine anywhere between tokens.
    assert_eq!(canon(" \t\r\n[ \t\r\n1 \t\r\n, {\n\"a\"\r:\t2 } ] \n"), "[1,{\"a\":2}]");
}

// ---- Limits ----------------------------------------------------------------------------------

fn nested(depth: usize, object: bool) -> String {
    let (open, close) = if object { ("{\"a\":", "}") } else { ("[", "]") };
    format!("{}0{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn depth_limit() {
    for object in [false, true] {
        let at = nested(DEFAULT_MAX_DEPTH, object);
        assert_eq!(canon(&at), at.replace(' ', ""));
        assert_refused(nested(DEFAULT_MAX_DEPTH + 1, object).as_bytes(), Code::TooDeep, "128");
    }
    let two = ParseOptions { max_depth: 2, ..ParseOptions::default() };
    assert!(canonicalize_with(b"[{}]", &two).is_ok());
    assert_eq!(canonicalize_with(b"[{\"a\":[]}]", &two).unwrap_err().code(), Code::TooDeep);
    let zero = ParseOptions { max_depth: 0, ..ParseOptions::default() };
    assert_eq!(canonicalize_with(b"7", &zero).unwrap(), "7");
    assert_eq!(canonicalize_with(b"[]", &zero).unwrap_err().code(), Code::TooDeep);
    // A higher limit is honoured by the writer too.
    let deep = ParseOptions { max_depth: 500, ..ParseOptions::default() };
    assert_eq!(canonicalize_with(nested(300, false).as_bytes(), &deep).unwrap().len(), 601);
}

#[test]
fn hostile_nesting_is_refused_not_overflowed() {
    let open = "[".repeat(100_000);
    assert_refused(open.as_bytes(), Code::TooDeep, "byte 128");
    assert_refused(nested(100_000, false).as_bytes(), Code::TooDeep, "byte 128");
    assert_refused("{\"a\":".repeat(100_000).as_bytes(), Code::TooDeep, "byte 640");
    // Even with no limit asked for, the cap applies.
    let unlimited = ParseOptions { max_depth: usize::MAX, ..ParseOptions::default() };
    let e = canonicalize_with(nested(100_000, false).as_bytes(), &unlimited).unwrap_err();
    assert_eq!(e.code(), Code::TooDeep);
}

#[test]
fn writer_counts_depth() {
    let mut value = Value::Null;
    for _ in 0..DEFAULT_MAX_DEPTH {
        value = Value::Array(vec![value]);
    }
    assert_eq!(to_canonical_string(&value).unwrap(), nested(DEFAULT_MAX_DEPTH, false).replace('0', "null"));
    let mut map = Map::new();
    map.insert("a".into(), value);
    let e = to_canonical_string(&Value::Object(map)).unwrap_err();
    assert_eq!(e.code(), Code::TooDeep);
}

/// Big documents within raised limits come out right; `tests/linear_time.rs` checks their cost.
#[test]
fn large_inputs_canonicalize() {
    let array = format!("[{}1]", "1.50, ".repeat(999_999));
    assert_eq!(canonicalize(array.as_bytes()).unwrap_err().code(), Code::TooManyItems);
    let million = ParseOptions { max_items: 1_000_000, max_members: 1_000_000, ..ParseOptions::default() };
    let out = canonicalize_with(array.as_bytes(), &million).unwrap();
    assert_eq!(out.len(), 1 + 4 * 999_999 + 2);
    assert!(out.starts_with("[1.5,1.5,") && out.ends_with(",1.5,1]"));

    let members: Vec<String> = (0..100_000).rev().map(|i| format!("\"k{i:06}\": {i}")).collect();
    let object = format!("{{{}}}", members.join(", "));
    let out = canonicalize(object.as_bytes()).unwrap();
    assert!(out.starts_with("{\"k000000\":0,\"k000001\":1,"), "{}", &out[..40]);
    assert!(out.ends_with(",\"k099999\":99999}"));

    let duplicated = format!("{{{}, \"k050000\": 0}}", members.join(", "));
    assert_eq!(err(duplicated.as_bytes()).code(), Code::TooManyMembers);
    let e = canonicalize_with(duplicated.as_bytes(), &million).unwrap_err();
    assert!(e.code() == Code::DuplicateKey && e.message().contains("/k050000"), "{e}");
}
