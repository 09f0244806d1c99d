//! Native timings of the core's hot paths: `cargo bench --bench core_speed [-- FILTER]`.
//!
//! Each case runs in rounds of at least `ROUND_MS` after a warm-up; the figure is the median
//! round's nanoseconds per call. The inputs are the ones `benches/suite.mjs` gives the package in
//! JavaScript, so native and wasm figures line up: webhook-event lists as `JSON.stringify(value,
//! null, 1)` writes them, and the Talkover and JuriChat configs as `JSON.stringify` writes them.
//!
//! `-- --once CASE N` runs only `CASE`, `N` times and untimed, for `valgrind --tool=callgrind`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use hookseal::json::{parse, ParseOptions, Value};
use hookseal::schema::{Builtin, BuiltinOptions, Schema};

const ROUNDS: usize = 7;
const ROUND_MS: u64 = 150;

/// `{ object: 'list', data: [...] }` of about `size` characters of compact JSON (as
/// `sampleValue` in `benches/suite.mjs` builds it), written with one space of indentation.
fn event_list(size: usize) -> String {
    let mut items = Vec::new();
    let mut length = 0;
    let mut i = 0u32;
    while length < size {
        let amount = ryu_js::Buffer::new().format(f64::from(i) * 1.25).to_string();
        let fields = [
            ("id", format!("\"evt_{i}\"")),
            ("type", "\"invoice.paid\"".to_string()),
            ("amount", amount),
            ("created", format!("{}", 1_700_000_000 + i)),
            ("live", format!("{}", i % 2 == 0)),
            ("tags", format!("[\"a\",\"é\",\"t{i}\"]")),
            ("meta", "null".to_string()),
        ];
        let compact: String = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(",");
        length += compact.chars().count() + 2 + 1;
        items.push(fields);
        i += 1;
    }
    let mut out = String::from("{\n \"object\": \"list\",\n \"data\": [\n");
    for (n, fields) in items.iter().enumerate() {
        out.push_str("  {\n");
        for (m, (k, v)) in fields.iter().enumerate() {
            let v = if *k == "tags" {
                let inner = v.trim_start_matches('[').trim_end_matches(']').split(',').collect::<Vec<_>>();
                format!("[\n    {}\n   ]", inner.join(",\n    "))
            } else {
                v.clone()
            };
            out.push_str(&format!("   \"{k}\": {v}"));
            out.push_str(if m + 1 < fields.len() { ",\n" } else { "\n" });
        }
        out.push_str(if n + 1 < items.len() { "  },\n" } else { "  }\n" });
    }
    out.push_str(" ]\n}");
    out
}

const TALKOVER_VALID: &str = r#"{"name":"My Webhook","webhook_url":"https://example.com/hooks","events":["event_phone_call_started"],"timeout":30,"max_retries":3,"enabled":true}"#;
const TALKOVER_INVALID: &str = r#"{"name":"","webhook_url":"not a url","events":[],"timeout":500}"#;
const JURICHAT_VALID: &str = r#"{"name":"CRM sync","url":"https://hooks.example.com/jurichat","events":["crm.lead.created","contact.updated"],"description":"Sync new leads","headers":{"X-Team":"sales"}}"#;
const JURICHAT_INVALID: &str =
    r#"{"name":"","url":"http://10.0.0.1/x","events":[],"isActive":"yes","headers":{"Content-Length":"5"}}"#;

fn json(text: &str) -> Value {
    parse(text.as_bytes(), &ParseOptions::default()).unwrap_or(Value::Null)
}

struct Case {
    name: String,
    bytes: usize,
    run: Box<dyn FnMut()>,
}

fn case(name: impl Into<String>, bytes: usize, run: impl FnMut() + 'static) -> Case {
    Case { name: name.into(), bytes, run: Box::new(run) }
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (label, size) in [("1.6KB", 1024), ("150KB", 100 * 1024)] {
        let text = event_list(size);
        let bytes = text.len();
        let t = text.clone();
        out.push(case(format!("parse events {label}"), bytes, move || {
            black_box(parse(black_box(t.as_bytes()), &ParseOptions::default()).ok());
        }));
        let t = text.clone();
        out.push(case(format!("canonicalize events {label}"), bytes, move || {
            black_box(hookseal::canonical::canonicalize(black_box(t.as_bytes())).ok());
        }));
        let value = json(&text);
        out.push(case(format!("write canonical events {label}"), bytes, move || {
            black_box(hookseal::canonical::to_canonical_string(black_box(&value)).ok());
        }));
    }
    let talkover_doc = json(Builtin::Talkover.source());
    let schemas: [(&str, Schema, &str, &str); 3] = [
        (
            "talkover ajv",
            Schema::compile(&talkover_doc).unwrap_or_else(|e| panic!("{e}")),
            TALKOVER_VALID,
            TALKOVER_INVALID,
        ),
        (
            "talkover laravel",
            Builtin::Talkover.schema(&BuiltinOptions::default()).unwrap_or_else(|e| panic!("{e}")),
            TALKOVER_VALID,
            TALKOVER_INVALID,
        ),
        (
            "jurichat fastify",
            Builtin::JuriChat.schema(&BuiltinOptions::default()).unwrap_or_else(|e| panic!("{e}")),
            JURICHAT_VALID,
            JURICHAT_INVALID,
        ),
    ];
    for (label, schema, valid, invalid) in schemas {
        for (kind, text) in [("valid", valid), ("invalid", invalid)] {
            let input = json(text);
            let s = schema.clone();
            out.push(case(format!("validate {label} {kind}"), text.len(), move || {
                black_box(s.validate(black_box(&input)));
            }));
            let s = schema.clone();
            out.push(case(format!("validate_json {label} {kind}"), text.len(), move || {
                black_box(s.validate_json(black_box(text.as_bytes())).ok());
            }));
            // What the bindings do per call: JSON text in, the whole result out as JSON text.
            let s = schema.clone();
            let mut result = String::new();
            out.push(case(format!("text to text {label} {kind}"), text.len(), move || {
                result.clear();
                if let Ok(v) = s.validate_json(black_box(text.as_bytes())) {
                    v.write_json(&mut result);
                }
                black_box(&result);
            }));
        }
    }
    let t = TALKOVER_VALID;
    out.push(case("parse talkover valid", t.len(), move || {
        black_box(parse(black_box(t.as_bytes()), &ParseOptions::default()).ok());
    }));
    out.push(case("compile talkover", 0, move || {
        black_box(Builtin::Talkover.schema(&BuiltinOptions::default()).ok());
    }));
    out
}

/// Median nanoseconds per call over `ROUNDS` rounds of at least `ROUND_MS` each.
fn time(run: &mut dyn FnMut()) -> f64 {
    let mut batch = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..batch {
            run();
        }
        if start.elapsed() >= Duration::from_millis(ROUND_MS / 4) {
            break;
        }
        batch *= 2;
    }
    batch *= 4;
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                run();
            }
            start.elapsed().as_nanos() as f64 / batch as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[ROUNDS / 2]
}

fn main() {
    // `cargo test --all-targets` runs bench targets too, without `--bench`: nothing to time then.
    if !std::env::args().any(|a| a == "--bench" || a == "--once") {
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut cases = cases();
    if let [flag, name, n] = &args[..] {
        if flag == "--once" {
            let n: u64 = n.parse().unwrap_or(1);
            let Some(c) = cases.iter_mut().find(|c| c.name == *name) else {
                panic!("no case named {name:?}");
            };
            for _ in 0..n {
                (c.run)();
            }
            return;
        }
    }
    let filter = args.first().cloned().unwrap_or_default();
    println!("{:<40} {:>10} {:>12} {:>10}", "case", "bytes", "ns/op", "MB/s");
    for c in cases.iter_mut().filter(|c| c.name.contains(&filter)) {
        let ns = time(&mut c.run);
        let rate = if c.bytes > 0 { format!("{:.0}", c.bytes as f64 / ns * 1e3) } else { String::new() };
        println!("{:<40} {:>10} {:>12.0} {:>10}", c.name, c.bytes, ns, rate);
    }
}
