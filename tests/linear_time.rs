//! Hostile input cannot buy superlinear work: for each path that untrusted input reaches, the
//! same shape of input at eight times the size must cost less than 32 times as much. Linear (or
//! n log n) work takes about eight times as long, a little more once the larger input no longer
//! fits the caches; a quadratic path would take 64 times, so the bound separates the two with
//! room for timer and scheduler noise on a shared machine.
//!
//! Each size is timed as the fastest of several runs, the two sizes alternating, a ratio over the
//! bound is measured again before it fails, and the tests take turns (a lock), so that no test
//! measures another's load. Nothing is compared with an
//! absolute time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use hookseal::canonical::canonicalize_with;
use hookseal::json::{Map, ParseOptions, Value};
use hookseal::schema::{check_webhook_url_with_limits, whatwg_url, CompileOptions, Schema, UrlLimits, UrlOptions};
use hookseal::Code;

const SCALE: usize = 8;
const BOUND: f64 = 32.0;
const RUNS: usize = 2;
const ATTEMPTS: usize = 3;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Asserts that `run(&make(SCALE * n))` costs less than [`BOUND`] times `run(&make(n))`.
fn assert_linear<T>(what: &str, n: usize, make: impl Fn(usize) -> T, run: impl Fn(&T)) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (small, large) = (make(n), make(SCALE * n));
    let timed = |input: &T| {
        let start = Instant::now();
        run(input);
        start.elapsed()
    };
    // A warm-up run (allocator and caches) first. Noise only ever makes a ratio worse and a
    // superlinear path fails every attempt, so a ratio over the bound is measured again (up to
    // ATTEMPTS times) before it counts.
    timed(&small);
    let mut best = f64::MAX;
    let mut seen = (Duration::ZERO, Duration::ZERO);
    for _ in 0..ATTEMPTS {
        let (mut fast_small, mut fast_large) = (Duration::MAX, Duration::MAX);
        for _ in 0..RUNS {
            fast_small = fast_small.min(timed(&small));
            fast_large = fast_large.min(timed(&large));
        }
        let ratio = fast_large.as_secs_f64() / fast_small.as_secs_f64().max(1e-9);
        if ratio < best {
            best = ratio;
            seen = (fast_small, fast_large);
        }
        if best < BOUND {
            return;
        }
    }
    let (fast_small, fast_large) = seen;
    panic!(
        "{what}: {SCALE}x the input took {best:.1}x the time ({fast_small:?} -> {fast_large:?}); \
         linear work takes about {SCALE}x"
    );
}

/// No size limit gets in the way of measuring.
const UNLIMITED: ParseOptions = ParseOptions {
    max_input_len: usize::MAX,
    max_string_len: usize::MAX,
    max_items: usize::MAX,
    max_members: usize::MAX,
    ..ParseOptions::new()
};

/// `n` distinct names in a scrambled order (a multiplicative permutation), so that neither the
/// input order nor its reverse is the sorted one.
fn scrambled_names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("member-{:08}", (i * 7_919) % n)).collect()
}

fn object_text(names: &[String]) -> String {
    let members: Vec<String> = names.iter().enumerate().map(|(i, k)| format!("\"{k}\": {i}")).collect();
    format!("{{{}}}", members.join(", "))
}

#[test]
fn wide_arrays_parse_and_canonicalize_linearly() {
    let make = |n: usize| format!("[{}0]", "1.5e3, \"a\\n\\u00e9\", {\"k\": [true, null]}, ".repeat(n / 3));
    assert_linear("wide array", 15_000, make, |text| {
        canonicalize_with(text.as_bytes(), &UNLIMITED).unwrap();
    });
}

#[test]
fn deep_documents_parse_and_canonicalize_linearly() {
    // Many documents nested to just under the default depth limit, side by side.
    let one = format!("{}0{}", "{\"a\":[".repeat(60), "]}".repeat(60));
    let make = |n: usize| format!("[{}]", vec![one.as_str(); n].join(","));
    assert_linear("deep documents", 100, make, |text| {
        canonicalize_with(text.as_bytes(), &UNLIMITED).unwrap();
    });
}

#[test]
fn objects_of_200000_members_parse_canonicalize_and_refuse_duplicates_linearly() {
    assert_linear(
        "big object",
        25_000,
        |n| object_text(&scrambled_names(n)),
        |text| {
            canonicalize_with(text.as_bytes(), &UNLIMITED).unwrap();
        },
    );
    let with_duplicate = |n: usize| {
        let mut names = scrambled_names(n);
        names.push(names[n / 2].clone());
        object_text(&names)
    };
    assert_linear("big object with a duplicate", 12_500, with_duplicate, |text| {
        let e = canonicalize_with(text.as_bytes(), &UNLIMITED).unwrap_err();
        assert_eq!(e.code(), Code::DuplicateKey);
    });
}

#[test]
fn maps_built_member_by_member_and_looked_up_stay_linear() {
    // The JavaScript bindings build objects this way, one `insert` per property.
    assert_linear("Map::insert and get", 6_250, scrambled_names, |names| {
        let mut map = Map::new();
        for name in names {
            map.insert(name.clone(), Value::Null);
        }
        assert!(names.iter().all(|name| map.contains_key(name)));
        let collected: Map = names.iter().map(|k| (k.clone(), Value::Null)).collect();
        assert_eq!(collected.len(), names.len());
    });
}

#[test]
fn long_strings_parse_and_canonicalize_linearly() {
    let make = |n: usize| format!("[\"{}\"]", "plain text \\\" \\u00e9 \\ud83d\\ude00 \\n ".repeat(n / 32));
    assert_linear("long string", 128 << 10, make, |text| {
        canonicalize_with(text.as_bytes(), &UNLIMITED).unwrap();
    });
}

#[test]
fn schemas_validate_big_instances_linearly() {
    let properties: Vec<String> = (0..500).map(|i| format!("\"p{i}\": {{\"type\": \"integer\"}}")).collect();
    let required: Vec<String> = (0..500).step_by(5).map(|i| format!("\"p{i}\"")).collect();
    let schema = format!(
        r#"{{"type": "object", "properties": {{{}, "list": {{"type": "array", "uniqueItems": true,
            "items": {{"type": "object", "required": ["id"], "properties": {{"id": {{"type": "integer"}}}}}}}}}},
            "required": [{}], "additionalProperties": {{"type": "integer", "minimum": 0}}}}"#,
        properties.join(", "),
        required.join(", ")
    );
    let schema = Schema::compile_json(schema.as_bytes()).unwrap();
    let make = |n: usize| {
        let mut m = Map::new();
        for i in 0..500 {
            m.insert(format!("p{i}"), Value::Number(f64::from(i)));
        }
        for i in 0..n {
            m.insert(format!("extra-{:08}", (i * 7_919) % n), Value::Number(1.0));
        }
        let list = (0..n)
            .map(|i| {
                let mut item = Map::new();
                item.insert("name".into(), Value::String(format!("item {}", (i * 7_919) % n)));
                item.insert("id".into(), Value::Number(i as f64));
                Value::Object(item)
            })
            .collect();
        m.insert("list".into(), Value::Array(list));
        Value::Object(m)
    };
    assert_linear("schema validation", 2_500, make, |instance| {
        let result = schema.validate(instance);
        assert!(result.valid, "{:?}", result.errors.first());
    });
}

#[test]
fn big_schemas_compile_linearly() {
    // Many properties, all required, each a `$ref` to the `$anchor` of its own resource (`$id`)
    // in `$defs`: every table the compiler keeps grows with the schema, and every reference
    // looks up two of them.
    let make = |n: usize| {
        let props: Vec<String> = (0..n).map(|i| format!("\"p{i}\": {{\"$ref\": \"r{i}.json#d{i}\"}}")).collect();
        let defs: Vec<String> = (0..n)
            .map(|i| format!("\"d{i}\": {{\"$id\": \"r{i}.json\", \"$anchor\": \"d{i}\", \"type\": \"string\"}}"))
            .collect();
        let required: Vec<String> = (0..n).map(|i| format!("\"p{i}\"")).collect();
        format!(
            r#"{{"properties": {{{}}}, "required": [{}], "$defs": {{{}}}}}"#,
            props.join(", "),
            required.join(", "),
            defs.join(", ")
        )
    };
    let roomy = CompileOptions { max_bytes: usize::MAX, ..CompileOptions::default() };
    assert_linear("schema compile", 1_000, make, |text| {
        Schema::compile_json_with(text.as_bytes(), &roomy).unwrap();
    });
}

#[test]
fn chains_of_references_compile_linearly() {
    // Each target is reachable only through the previous one's `$ref`, so the compiler discovers
    // them one by one, each from a location one hop longer than the last.
    let make = |n: usize| {
        let links: Vec<String> = (0..n).map(|i| format!("\"l{i}\": {{\"$ref\": \"#/const/l{}\"}}", i + 1)).collect();
        format!(r##"{{"$ref": "#/const/l0", "const": {{{}, "l{n}": true}}}}"##, links.join(", "))
    };
    assert_linear("reference chain", 1_000, make, |text| {
        Schema::compile_json(text.as_bytes()).unwrap();
    });
}

#[test]
fn long_urls_are_checked_linearly() {
    let limits = UrlLimits { max_length: usize::MAX, ..UrlLimits::default() };
    let make = |n: usize| format!("https://hooks.example.com/{}?q={}", "segment/".repeat(n / 16), "%41b".repeat(n / 8));
    assert_linear("long URL", 25_000, make, |url| {
        assert_eq!(check_webhook_url_with_limits(whatwg_url, url, UrlOptions::default(), &limits), Ok(()));
    });
}
