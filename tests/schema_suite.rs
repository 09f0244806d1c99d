//! The JSON-Schema-Test-Suite (draft 2020-12) against hookseal's schema engine.
//!
//! [`RUN`] lists every file that is run, with the groups or cases skipped inside it and why;
//! [`SKIPPED_FILES`] lists the files not run and why. Skips are checked too: a group skipped as
//! [`Why::Refused`] must fail to compile with `invalid_schema` (hookseal refuses what it does not
//! implement rather than ignore it), and a case skipped as [`Why::FormatAsserts`] must come out
//! invalid (hookseal's `format` is an assertion, where the suite's core files expect an
//! annotation). `every_file_is_accounted_for` makes sure no file of the suite is left out, and
//! `listing` checks that every skip skips something and that the numbers of cases run and skipped
//! are the expected ones, and prints both tables: `cargo test --test schema_suite listing -- --nocapture`.

use hookseal::json::{Map, Value};
use hookseal::schema::Schema;
use hookseal::Code;

const SUITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/json-schema-test-suite/draft2020-12/");

fn convert(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(convert).collect()),
        serde_json::Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), convert(v))).collect::<Map>()),
    }
}

/// Why a group or case is skipped.
#[derive(Clone, Copy, Debug)]
enum Why {
    /// The schema uses something hookseal does not implement; compiling it must fail.
    Refused(&'static str),
    /// The case expects `format` to be only an annotation; hookseal asserts it, so the case must
    /// come out invalid.
    FormatAsserts,
}

/// A skipped group (`case` = `"*"`) or case inside a run file.
type Skip = (&'static str, &'static str, Why);

const NO_REMOTE: Why = Why::Refused("remote $ref (outside the document) is not supported");
const NO_UNEVALUATED: Why = Why::Refused("unevaluatedProperties is not supported");
const NO_PROPERTY_ESCAPES: Why =
    Why::Refused("Unicode property escapes (\\p{...}) need Unicode tables; not in the regex subset");
const UNKNOWN_FORMAT: Why = Why::Refused("format not supported by hookseal: unknown formats are refused at compile");

const FORMAT_SKIPS: &[Skip] = &[
    ("email format", "invalid email string is only an annotation by default", Why::FormatAsserts),
    ("ipv4 format", "invalid ipv4 string is only an annotation by default", Why::FormatAsserts),
    ("ipv6 format", "invalid ipv6 string is only an annotation by default", Why::FormatAsserts),
    ("hostname format", "invalid hostname string is only an annotation by default", Why::FormatAsserts),
    ("date format", "invalid date string is only an annotation by default", Why::FormatAsserts),
    ("date-time format", "invalid date-time string is only an annotation by default", Why::FormatAsserts),
    ("time format", "invalid time string is only an annotation by default", Why::FormatAsserts),
    ("uri format", "invalid uri string is only an annotation by default", Why::FormatAsserts),
    ("uuid format", "invalid uuid string is only an annotation by default", Why::FormatAsserts),
    ("idn-email format", "*", UNKNOWN_FORMAT),
    ("regex format", "*", UNKNOWN_FORMAT),
    ("idn-hostname format", "*", UNKNOWN_FORMAT),
    ("json-pointer format", "*", UNKNOWN_FORMAT),
    ("relative-json-pointer format", "*", UNKNOWN_FORMAT),
    ("iri format", "*", UNKNOWN_FORMAT),
    ("iri-reference format", "*", UNKNOWN_FORMAT),
    ("uri-reference format", "*", UNKNOWN_FORMAT),
    ("uri-template format", "*", UNKNOWN_FORMAT),
    ("duration format", "*", UNKNOWN_FORMAT),
];

const RUN: &[(&str, &[Skip])] = &[
    ("additionalProperties.json", &[]),
    ("allOf.json", &[]),
    ("anchor.json", &[]),
    ("anyOf.json", &[]),
    ("boolean_schema.json", &[]),
    ("const.json", &[]),
    ("contains.json", &[]),
    ("content.json", &[]),
    ("default.json", &[]),
    ("defs.json", &[("validate definition against metaschema", "*", NO_REMOTE)]),
    ("dependentRequired.json", &[]),
    ("dependentSchemas.json", &[]),
    ("enum.json", &[]),
    ("exclusiveMaximum.json", &[]),
    ("exclusiveMinimum.json", &[]),
    ("format.json", FORMAT_SKIPS),
    ("if-then-else.json", &[]),
    ("infinite-loop-detection.json", &[]),
    ("items.json", &[]),
    ("maxContains.json", &[]),
    ("maxItems.json", &[]),
    ("maxLength.json", &[]),
    ("maxProperties.json", &[]),
    ("maximum.json", &[]),
    ("minContains.json", &[]),
    ("minItems.json", &[]),
    ("minLength.json", &[]),
    ("minProperties.json", &[]),
    ("minimum.json", &[]),
    ("multipleOf.json", &[]),
    ("not.json", &[("collect annotations inside a 'not', even if collection is disabled", "*", NO_UNEVALUATED)]),
    ("oneOf.json", &[]),
    ("pattern.json", &[("pattern with Unicode property escape requires unicode mode", "*", NO_PROPERTY_ESCAPES)]),
    ("patternProperties.json", &[("patternProperties with Unicode property escape", "*", NO_PROPERTY_ESCAPES)]),
    ("prefixItems.json", &[]),
    ("properties.json", &[]),
    ("propertyNames.json", &[]),
    (
        "ref.json",
        &[
            ("remote ref, containing refs itself", "*", NO_REMOTE),
            ("ref creates new scope when adjacent to keywords", "*", NO_UNEVALUATED),
        ],
    ),
    ("required.json", &[]),
    ("type.json", &[]),
    ("uniqueItems.json", &[]),
    ("optional/anchor.json", &[]),
    ("optional/bignum.json", &[]),
    (
        "optional/ecmascript-regex.json",
        &[
            ("patterns always use unicode semantics with pattern", "*", NO_PROPERTY_ESCAPES),
            ("pattern with non-ASCII digits", "*", NO_PROPERTY_ESCAPES),
            ("patterns always use unicode semantics with patternProperties", "*", NO_PROPERTY_ESCAPES),
            ("patternProperties with non-ASCII digits", "*", NO_PROPERTY_ESCAPES),
        ],
    ),
    ("optional/float-overflow.json", &[]),
    ("optional/id.json", &[]),
    ("optional/no-schema.json", &[]),
    ("optional/non-bmp-regex.json", &[]),
    ("optional/format/date-time.json", &[]),
    ("optional/format/date.json", &[]),
    ("optional/format/email.json", &[]),
    ("optional/format/hostname.json", &[]),
    ("optional/format/ipv4.json", &[]),
    ("optional/format/ipv6.json", &[]),
    ("optional/format/time.json", &[]),
    ("optional/format/uri.json", &[]),
    ("optional/format/uuid.json", &[]),
];

const SKIPPED_FILES: &[(&str, &str)] = &[
    ("dynamicRef.json", "$dynamicRef/$dynamicAnchor are not supported (refused at compile)"),
    ("refRemote.json", "remote $ref is not supported: schemas must be self-contained"),
    ("unevaluatedItems.json", "unevaluatedItems is not supported (refused at compile)"),
    ("unevaluatedProperties.json", "unevaluatedProperties is not supported (refused at compile)"),
    ("vocabulary.json", "custom metaschemas and $vocabulary are not supported (only the 2020-12 $schema is accepted)"),
    ("optional/cross-draft.json", "other drafts and remote $ref are not supported"),
    (
        "optional/dependencies-compatibility.json",
        "`dependencies` (draft 2019-09 and older) is not a 2020-12 keyword; refused as unknown",
    ),
    ("optional/dynamicRef.json", "$dynamicRef is not supported"),
    (
        "optional/format-assertion.json",
        "custom metaschemas (format-assertion vocabulary) are not supported; format always asserts",
    ),
    (
        "optional/refOfUnknownKeyword.json",
        "unknown keywords are refused at compile, so nothing can reference into them",
    ),
    ("optional/unknownKeyword.json", "unknown keywords are refused at compile"),
    ("optional/format/duration.json", "format `duration` is not supported"),
    (
        "optional/format/ecmascript-regex.json",
        "format `regex` is not supported (the regex engine implements a subset of ECMA-262)",
    ),
    ("optional/format/idn-email.json", "format `idn-email` is not supported"),
    ("optional/format/idn-hostname.json", "format `idn-hostname` is not supported (needs IDNA tables)"),
    ("optional/format/iri-reference.json", "format `iri-reference` is not supported"),
    ("optional/format/iri.json", "format `iri` is not supported"),
    ("optional/format/json-pointer.json", "format `json-pointer` is not supported"),
    ("optional/format/regex.json", "format `regex` is not supported"),
    ("optional/format/relative-json-pointer.json", "format `relative-json-pointer` is not supported"),
    ("optional/format/unknown.json", "hookseal refuses unknown format names at compile instead of ignoring them"),
    ("optional/format/uri-reference.json", "format `uri-reference` is not supported"),
    ("optional/format/uri-template.json", "format `uri-template` is not supported"),
];

fn load(file: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!("{SUITE}{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn skip_for(skips: &[Skip], group: &str, case: &str) -> Option<Why> {
    skips.iter().find(|(g, c, _)| *g == group && (*c == "*" || *c == case)).map(|(_, _, why)| *why)
}

#[test]
fn suite() {
    let mut failures = Vec::new();
    let (mut passed, mut skipped) = (0, 0);
    for (file, skips) in RUN {
        for group in load(file).as_array().unwrap() {
            let gdesc = group["description"].as_str().unwrap();
            let document = convert(&group["schema"]);
            if let Some(Why::Refused(why)) = skip_for(skips, gdesc, "*") {
                match Schema::compile(&document) {
                    Err(e) if e.code() == Code::InvalidSchema => {}
                    other => failures
                        .push(format!("{file} / {gdesc}: skipped as refused ({why}) but compile gave {other:?}")),
                }
                skipped += group["tests"].as_array().unwrap().len();
                continue;
            }
            let schema = match Schema::compile(&document) {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{file} / {gdesc}: compile error: {e}"));
                    continue;
                }
            };
            for t in group["tests"].as_array().unwrap() {
                let tdesc = t["description"].as_str().unwrap();
                let expected = t["valid"].as_bool().unwrap();
                let result = schema.validate(&convert(&t["data"]));
                match skip_for(skips, gdesc, tdesc) {
                    Some(Why::FormatAsserts) => {
                        assert!(expected, "{file} / {tdesc}: skip reason does not fit");
                        if result.valid {
                            failures.push(format!("{file} / {gdesc} / {tdesc}: format did not assert"));
                        }
                        skipped += 1;
                    }
                    Some(Why::Refused(_)) => unreachable!("case-level refusals are not used"),
                    None if result.valid == expected => passed += 1,
                    None => failures.push(format!(
                        "{file} / {gdesc} / {tdesc}: expected valid={expected}, got {:?}",
                        result.errors
                    )),
                }
            }
        }
    }
    println!(
        "JSON-Schema-Test-Suite: {passed} cases passed, {skipped} skipped (and checked), {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert_eq!((passed, skipped), (EXPECTED_RUN, EXPECTED_SKIPPED), "cases passed and skipped");
}

#[test]
fn every_file_is_accounted_for() {
    let mut on_disk = Vec::new();
    for dir in ["", "optional/", "optional/format/"] {
        for entry in std::fs::read_dir(format!("{SUITE}{dir}")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".json") {
                on_disk.push(format!("{dir}{name}"));
            }
        }
    }
    let listed: Vec<&str> = RUN.iter().map(|(f, _)| *f).chain(SKIPPED_FILES.iter().map(|(f, _)| *f)).collect();
    for f in &on_disk {
        assert_eq!(listed.iter().filter(|l| **l == f.as_str()).count(), 1, "{f} must be listed exactly once");
    }
    for l in &listed {
        assert!(on_disk.iter().any(|f| f == l), "{l} is listed but not in the suite");
    }
}

#[test]
fn skips_name_real_groups_and_cases() {
    for (file, skips) in RUN {
        let groups = load(file);
        for (g, c, _) in *skips {
            let group = groups.as_array().unwrap().iter().find(|x| x["description"] == *g);
            let group = group.unwrap_or_else(|| panic!("{file}: no group {g:?}"));
            assert!(
                *c == "*" || group["tests"].as_array().unwrap().iter().any(|t| t["description"] == *c),
                "{file}: no case {c:?}"
            );
        }
    }
}

/// Cases run (and passed by `suite`) and cases skipped (and checked), over all [`RUN`] files. A
/// change to the suite's files or to the skip lists changes them, and must be looked at.
const EXPECTED_RUN: usize = 1429;
const EXPECTED_SKIPPED: usize = 105;

/// The listing is exact: every skip skips something (a `FormatAsserts` skip exactly its one
/// case), every reason is given, and the counts of cases run and skipped are the expected ones.
/// `cargo test --test schema_suite listing -- --nocapture` prints it.
#[test]
fn listing() {
    let (mut run, mut skipped) = (0, 0);
    println!("Run ({} files):", RUN.len());
    for (file, skips) in RUN {
        let groups = load(file);
        let mut hits = vec![0usize; skips.len()];
        for group in groups.as_array().unwrap() {
            let gdesc = group["description"].as_str().unwrap();
            for t in group["tests"].as_array().unwrap() {
                let tdesc = t["description"].as_str().unwrap();
                match skips.iter().position(|(g, c, _)| *g == gdesc && (*c == "*" || *c == tdesc)) {
                    Some(i) => {
                        hits[i] += 1;
                        skipped += 1;
                    }
                    None => run += 1,
                }
            }
        }
        println!("  {file}");
        for ((g, c, why), hit) in skips.iter().zip(&hits) {
            let why = match why {
                Why::Refused(r) => *r,
                Why::FormatAsserts => "hookseal's format is an assertion (checked: the case is invalid)",
            };
            assert!(!why.is_empty(), "{file} / {g:?}: no reason");
            match c {
                &"*" => assert!(*hit >= 1, "{file} / {g:?}: the group skip skips nothing"),
                _ => assert_eq!(*hit, 1, "{file} / {g:?} / {c:?}: a case skip must skip exactly its case"),
            }
            println!("      skip {g:?} / {c:?} ({hit} cases): {why}");
        }
    }
    println!("Skipped ({} files):", SKIPPED_FILES.len());
    for (file, why) in SKIPPED_FILES {
        assert!(!why.trim().is_empty(), "{file}: no reason");
        println!("  {file}: {why}");
    }
    println!("{run} cases run, {skipped} skipped in run files");
    assert_eq!((run, skipped), (EXPECTED_RUN, EXPECTED_SKIPPED), "cases run and skipped");
}
