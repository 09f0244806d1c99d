//! Every size limit on untrusted input: its default, its own stable code, and that raising it in
//! its options lets the same input through. (`tests/url_policy.rs` covers the URL limits, and
//! `tests/linear_time.rs` what the inputs within the limits cost.)

use hookseal::canonical::{canonicalize, canonicalize_with};
use hookseal::json::{
    parse, Map, ParseOptions, Value, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_LEN, DEFAULT_MAX_ITEMS, DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_STRING_LEN, MAX_DEPTH_CAP,
};
use hookseal::schema::{CompileOptions, Schema, MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH, MAX_SCHEMA_NODES};
use hookseal::Code;

fn code_of(input: &[u8], options: &ParseOptions) -> Option<Code> {
    parse(input, options).err().map(|e| e.code())
}

fn array_of(n: usize) -> String {
    format!("[{}0]", "0,".repeat(n - 1))
}

fn object_of(n: usize) -> String {
    let members: Vec<String> = (0..n).map(|i| format!("\"{i}\":0")).collect();
    format!("{{{}}}", members.join(","))
}

#[test]
fn json_limits_have_generous_defaults_and_their_own_codes() {
    let defaults = ParseOptions::default();
    assert_eq!(defaults.max_depth, DEFAULT_MAX_DEPTH);
    assert_eq!(
        (defaults.max_input_len, defaults.max_string_len, defaults.max_items, defaults.max_members),
        (32 << 20, 1 << 20, 100_000, 100_000)
    );
    assert_eq!(
        (DEFAULT_MAX_INPUT_LEN, DEFAULT_MAX_STRING_LEN, DEFAULT_MAX_ITEMS, DEFAULT_MAX_MEMBERS),
        (32 << 20, 1 << 20, 100_000, 100_000)
    );

    let at_limit = format!("\"{}\"", "x".repeat(DEFAULT_MAX_STRING_LEN));
    assert_eq!(code_of(at_limit.as_bytes(), &defaults), None);
    let over = format!("\"{}\"", "x".repeat(DEFAULT_MAX_STRING_LEN + 1));
    assert_eq!(code_of(over.as_bytes(), &defaults), Some(Code::StringTooLong));
    // Escapes count as what they decode to, and names are strings too.
    let escaped = format!("\"{}\"", "\\u00e9".repeat(DEFAULT_MAX_STRING_LEN / 2 + 1));
    assert_eq!(code_of(escaped.as_bytes(), &defaults), Some(Code::StringTooLong));
    let name = format!("{{\"{}\":1}}", "k".repeat(DEFAULT_MAX_STRING_LEN + 1));
    assert_eq!(code_of(name.as_bytes(), &defaults), Some(Code::StringTooLong));

    assert_eq!(code_of(array_of(DEFAULT_MAX_ITEMS).as_bytes(), &defaults), None);
    assert_eq!(code_of(array_of(DEFAULT_MAX_ITEMS + 1).as_bytes(), &defaults), Some(Code::TooManyItems));
    assert_eq!(code_of(object_of(DEFAULT_MAX_MEMBERS).as_bytes(), &defaults), None);
    assert_eq!(code_of(object_of(DEFAULT_MAX_MEMBERS + 1).as_bytes(), &defaults), Some(Code::TooManyMembers));

    let big = " ".repeat(DEFAULT_MAX_INPUT_LEN) + "1";
    assert_eq!(code_of(big.as_bytes(), &defaults), Some(Code::JsonTooLarge));
    assert_eq!(canonicalize(big.as_bytes()).unwrap_err().code(), Code::JsonTooLarge);
}

#[test]
fn json_limits_are_configurable() {
    let tight =
        ParseOptions { max_input_len: 16, max_string_len: 3, max_items: 2, max_members: 1, ..ParseOptions::default() };
    assert_eq!(canonicalize_with(br#"[1,2]"#, &tight).unwrap(), "[1,2]");
    assert_eq!(canonicalize_with(br#"[1,2,3]"#, &tight).unwrap_err().code(), Code::TooManyItems);
    assert_eq!(canonicalize_with(br#"{"a":"abc"}"#, &tight).unwrap(), r#"{"a":"abc"}"#);
    assert_eq!(canonicalize_with(br#"{"a":"abcd"}"#, &tight).unwrap_err().code(), Code::StringTooLong);
    assert_eq!(canonicalize_with(br#"{"a":1,"b":2}"#, &tight).unwrap_err().code(), Code::TooManyMembers);
    assert_eq!(canonicalize_with(br#"[          1    ]"#, &tight).unwrap_err().code(), Code::JsonTooLarge);
    let loose = ParseOptions { max_string_len: usize::MAX, max_items: usize::MAX, ..ParseOptions::default() };
    let over = format!("\"{}\"", "x".repeat(DEFAULT_MAX_STRING_LEN + 1));
    assert!(parse(over.as_bytes(), &loose).is_ok());
    assert!(parse(array_of(DEFAULT_MAX_ITEMS + 1).as_bytes(), &loose).is_ok());
}

#[test]
fn every_code_is_distinct_snake_case_and_classified() {
    let json = [Code::JsonTooLarge, Code::StringTooLong, Code::TooManyItems, Code::TooManyMembers, Code::TooDeep];
    for code in json {
        assert!(code.is_canonicalization() && !code.is_schema(), "{code}");
    }
    for code in [Code::InvalidSchema, Code::SchemaTooDeep, Code::SchemaTooLarge] {
        assert!(code.is_schema() && !code.is_canonicalization(), "{code}");
    }
    let names: Vec<&str> =
        json.iter().chain(&[Code::SchemaTooDeep, Code::SchemaTooLarge]).map(|c| c.as_str()).collect();
    assert_eq!(
        names,
        [
            "json_too_large",
            "string_too_long",
            "too_many_items",
            "too_many_members",
            "too_deep",
            "schema_too_deep",
            "schema_too_large"
        ]
    );
}

/// `{"not": … {"not": true} … }`, `levels` deep.
fn nots(levels: usize) -> String {
    format!("{}true{}", "{\"not\":".repeat(levels), "}".repeat(levels))
}

/// The same as a value, built without recursion.
fn nots_value(levels: usize) -> Value {
    let mut v = Value::Bool(true);
    for _ in 0..levels {
        let mut m = Map::new();
        m.insert("not".into(), v);
        v = Value::Object(m);
    }
    v
}

/// Drops a deep value without recursion (`Value`'s own drop recurses, and the test thread's
/// stack is small).
fn dismantle(v: Value) {
    let mut stack = vec![v];
    while let Some(mut v) = stack.pop() {
        match &mut v {
            Value::Array(items) => stack.append(items),
            Value::Object(m) => stack.extend(m.iter_mut().map(|(_, c)| std::mem::replace(c, Value::Null))),
            _ => {}
        }
    }
}

#[test]
fn deep_schemas_fail_with_the_schema_code() {
    // As text: the parser's limit is reported as the schema's, not as `too_deep`.
    let text = nots(100_000);
    assert_eq!(Schema::compile_json(text.as_bytes()).unwrap_err().code(), Code::SchemaTooDeep);
    assert_eq!(canonicalize(text.as_bytes()).unwrap_err().code(), Code::TooDeep);
    let deep_const = format!("{{\"const\":{}0{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(Schema::compile_json(deep_const.as_bytes()).unwrap_err().code(), Code::SchemaTooDeep);
    // As a value built in memory, which no parser has bounded.
    let value = nots_value(100_000);
    assert_eq!(Schema::compile(&value).unwrap_err().code(), Code::SchemaTooDeep);
    dismantle(value);
    let mut deep = Value::Null;
    for _ in 0..100_000 {
        deep = Value::Array(vec![deep]);
    }
    let mut m = Map::new();
    m.insert("const".into(), deep);
    let value = Value::Object(m);
    assert_eq!(Schema::compile(&value).unwrap_err().code(), Code::SchemaTooDeep);
    dismantle(value);

    // Subschema depth: the default, and a configured one.
    assert!(Schema::compile_json(nots(MAX_SCHEMA_DEPTH).as_bytes()).is_ok());
    let e = Schema::compile_json(nots(MAX_SCHEMA_DEPTH + 1).as_bytes()).unwrap_err();
    assert_eq!(e.code(), Code::SchemaTooDeep, "{e}");
    let deeper = CompileOptions { max_depth: 300, ..CompileOptions::default() };
    assert!(Schema::compile_json_with(nots(300).as_bytes(), &deeper).is_ok());
    assert_eq!(Schema::compile_json_with(nots(301).as_bytes(), &deeper).unwrap_err().code(), Code::SchemaTooDeep);
    // The JSON nesting cap holds whatever the subschema limit.
    let unlimited = CompileOptions { max_depth: usize::MAX, ..CompileOptions::default() };
    let e = Schema::compile_json_with(nots(MAX_DEPTH_CAP + 1).as_bytes(), &unlimited).unwrap_err();
    assert_eq!(e.code(), Code::SchemaTooDeep);
}

#[test]
fn large_schemas_fail_with_the_schema_code() {
    assert_eq!(CompileOptions::default(), CompileOptions { max_depth: 128, max_nodes: 100_000, max_bytes: 1 << 20 });
    assert_eq!((MAX_SCHEMA_NODES, MAX_SCHEMA_BYTES), (100_000, 1 << 20));
    let properties = |n: usize| {
        let members: Vec<String> = (0..n).map(|i| format!("\"p{i}\":{{\"type\":\"string\"}}")).collect();
        format!("{{\"properties\":{{{}}}}}", members.join(","))
    };
    // The root and 9 properties are 10 subschemas.
    let ten = CompileOptions { max_nodes: 10, ..CompileOptions::default() };
    assert!(Schema::compile_json_with(properties(9).as_bytes(), &ten).is_ok());
    let e = Schema::compile_json_with(properties(10).as_bytes(), &ten).unwrap_err();
    assert_eq!(e.code(), Code::SchemaTooLarge, "{e}");
    // The default node limit, reached by a text within the default size limit.
    let many = format!("{{\"anyOf\":[{}true]}}", "true,".repeat(MAX_SCHEMA_NODES));
    assert_eq!(Schema::compile_json(many.as_bytes()).unwrap_err().code(), Code::SchemaTooLarge);
    // Bytes of text.
    let padded = format!("{{\"title\":\"{}\"}}", "t".repeat(MAX_SCHEMA_BYTES));
    assert_eq!(Schema::compile_json(padded.as_bytes()).unwrap_err().code(), Code::SchemaTooLarge);
    let roomy = CompileOptions { max_bytes: 2 << 20, ..CompileOptions::default() };
    assert!(Schema::compile_json_with(padded.as_bytes(), &roomy).is_ok());
    // A JSON limit inside the text is the schema's limit too; other parse errors keep their code.
    let long_enum = format!("{{\"enum\":{}}}", array_of(DEFAULT_MAX_ITEMS + 1));
    assert_eq!(Schema::compile_json(long_enum.as_bytes()).unwrap_err().code(), Code::SchemaTooLarge);
    assert_eq!(Schema::compile_json(br#"{"type": "string",}"#).unwrap_err().code(), Code::InvalidJson);
    assert_eq!(Schema::compile_json(br#"{"type": 1, "type": 2}"#).unwrap_err().code(), Code::DuplicateKey);
}
