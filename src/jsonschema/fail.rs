//! Why a value failed a keyword, and how that is reported: `keyword`, `message`, `params`.
//!
//! Messages and params follow ajv's (the validator most JavaScript users know, and the one
//! Fastify uses), so `errors` read the same as ajv's for the keywords both implement: "must have
//! required property 'name'", "must NOT have more than 100 characters", `{missingProperty}`,
//! `{limit}`, `{allowedValues}`. Provider styles are derived from these by the webhook policy.

use alloc::format;
use alloc::string::{String, ToString};

use super::format::{Format, Mismatch};
use crate::json::{Map, Value};

/// One failed assertion.
#[derive(Debug)]
pub(crate) enum Fail<'a> {
    FalseSchema,
    Type(&'a Value),
    Enum(&'a [Value]),
    Const(&'a Value),
    MultipleOf(f64),
    /// `minimum` and friends: keyword, comparison, limit.
    Bound(&'static str, &'static str, f64),
    /// `minLength`, `maxLength`, `minItems`, `maxItems`, `minProperties`, `maxProperties`,
    /// `minContains` (as `contains`), `maxContains`.
    Count(&'static str, u64),
    Pattern(&'a str),
    Format(Format, Mismatch),
    Unique(usize, usize),
    Required(&'a str),
    DependentRequired(&'a str, &'a str),
    Additional(&'a str),
    PropertyName(&'a str, String),
    AnyOf,
    OneOf(Option<(usize, usize)>),
    Not,
    If(&'static str),
    Depth(usize),
    Budget(u64),
}

/// Formats a number as JavaScript does (`5`, `0.5`, `1e+21`).
pub(crate) fn num(n: f64) -> String {
    if !n.is_finite() {
        return ryu_js::Buffer::new().format(n).to_string();
    }
    let mut out = String::new();
    crate::json::write_ecmascript_number(n, &mut out);
    out
}

/// The concatenation of `parts`, allocated once: messages are built on every failure, where
/// `format!`'s machinery costs more than the copying.
pub(crate) fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// A JSON object of distinct member names (a slice, not a `Vec`: no allocation at each caller,
/// and one function for all of them).
pub(crate) fn object(members: &mut [(&str, Value)]) -> Value {
    // A handful of distinct names: inserting them in turn is as quick as building the map at once,
    // and `Map::insert` is code the wasm has anyway. The values are taken, `null` left behind.
    let mut map = Map::new();
    for (k, v) in members {
        map.insert((*k).to_string(), core::mem::replace(v, Value::Null));
    }
    Value::Object(map)
}

fn count(n: u64) -> Value {
    #[allow(clippy::cast_precision_loss)]
    Value::Number(n as f64)
}

fn index(n: usize) -> Value {
    #[allow(clippy::cast_precision_loss)]
    Value::Number(n as f64)
}

/// The `type` keyword's value as ajv prints it: `string` or `string,null`.
pub(crate) fn type_list(v: &Value) -> String {
    match v {
        // By hand, like `uri::remove_dot_segments`: `join` of `&str`s would be one more copy of
        // its generic code in the wasm.
        Value::Array(names) => {
            let mut out = String::new();
            for name in names.iter().filter_map(Value::as_str) {
                if !out.is_empty() {
                    out.push(',');
                }
                out.push_str(name);
            }
            out
        }
        other => other.as_str().unwrap_or("").to_string(),
    }
}

impl Fail<'_> {
    /// The keyword that failed.
    pub(crate) fn keyword(&self) -> &'static str {
        match self {
            Fail::FalseSchema => "false schema",
            Fail::Type(_) => "type",
            Fail::Enum(_) => "enum",
            Fail::Const(_) => "const",
            Fail::MultipleOf(_) => "multipleOf",
            Fail::Bound(k, _, _) | Fail::Count(k, _) => k,
            Fail::Pattern(_) => "pattern",
            Fail::Format(..) => "format",
            Fail::Unique(..) => "uniqueItems",
            Fail::Required(_) => "required",
            Fail::DependentRequired(..) => "dependentRequired",
            Fail::Additional(_) => "additionalProperties",
            Fail::PropertyName(..) => "propertyNames",
            Fail::AnyOf => "anyOf",
            Fail::OneOf(_) => "oneOf",
            Fail::Not => "not",
            Fail::If(_) => "if",
            Fail::Depth(_) => "maxDepth",
            Fail::Budget(_) => "maxSteps",
        }
    }

    /// The message, ajv's wording where ajv has the keyword.
    pub(crate) fn message(&self) -> String {
        match self {
            Fail::FalseSchema => "boolean schema is false".into(),
            Fail::Type(t) => cat(&["must be ", &type_list(t)]),
            Fail::Enum(_) => "must be equal to one of the allowed values".into(),
            Fail::Const(_) => "must be equal to constant".into(),
            Fail::MultipleOf(m) => cat(&["must be multiple of ", &num(*m)]),
            Fail::Bound(_, cmp, limit) => cat(&["must be ", cmp, " ", &num(*limit)]),
            Fail::Count(k, n) => {
                // Counts are at most 9e15 (the compiler's bound), exact as doubles.
                #[allow(clippy::cast_precision_loss)]
                let n = num(*n as f64);
                let (before, after) = match *k {
                    "minLength" => ("must NOT have fewer than ", " characters"),
                    "maxLength" => ("must NOT have more than ", " characters"),
                    "minItems" => ("must NOT have fewer than ", " items"),
                    "maxItems" => ("must NOT have more than ", " items"),
                    "minProperties" => ("must NOT have fewer than ", " properties"),
                    "maxProperties" => ("must NOT have more than ", " properties"),
                    "maxContains" => ("must contain at most ", " valid item(s)"),
                    _ => ("must contain at least ", " valid item(s)"),
                };
                cat(&[before, &n, after])
            }
            Fail::Pattern(p) => format!("must match pattern \"{p}\""),
            Fail::Format(f, m) => match f {
                // A plug-in's refusals are specific (a private address, a reserved header): say which.
                Format::Plugged(..) => cat(&["must match format \"", f.name(), "\": ", m.message]),
                _ => cat(&["must match format \"", f.name(), "\""]),
            },
            Fail::Unique(i, j) => {
                format!("must NOT have duplicate items (items ## {i} and {j} are identical)")
            }
            Fail::Required(p) => cat(&["must have required property '", p, "'"]),
            Fail::DependentRequired(p, d) => {
                format!("must have property {d} when property {p} is present")
            }
            Fail::Additional(_) => "must NOT have additional properties".into(),
            Fail::PropertyName(p, why) => format!("property name \"{p}\" is invalid: {why}"),
            Fail::AnyOf => "must match a schema in anyOf".into(),
            Fail::OneOf(_) => "must match exactly one schema in oneOf".into(),
            Fail::Not => "must NOT be valid".into(),
            Fail::If(branch) => format!("must match \"{branch}\" schema"),
            Fail::Depth(n) => {
                format!("validation stopped: the value or the schema nests deeper than {n} levels")
            }
            Fail::Budget(n) => {
                format!("validation stopped: the work limit of {n} steps was reached")
            }
        }
    }

    /// The parameters, ajv's names where ajv has the keyword.
    pub(crate) fn params(&self) -> Value {
        match self {
            Fail::FalseSchema | Fail::AnyOf | Fail::Not => object(&mut []),
            Fail::Type(t) => object(&mut [("type", Value::String(type_list(t)))]),
            Fail::Enum(values) => object(&mut [("allowedValues", Value::Array(values.to_vec()))]),
            Fail::Const(v) => object(&mut [("allowedValue", (*v).clone())]),
            Fail::MultipleOf(m) => object(&mut [("multipleOf", Value::Number(*m))]),
            Fail::Bound(_, cmp, limit) => {
                object(&mut [("comparison", Value::String((*cmp).into())), ("limit", Value::Number(*limit))])
            }
            Fail::Count("contains", n) => object(&mut [("minContains", count(*n))]),
            Fail::Count("maxContains", n) => object(&mut [("maxContains", count(*n))]),
            Fail::Count(_, n) => object(&mut [("limit", count(*n))]),
            Fail::Pattern(p) => object(&mut [("pattern", Value::String((*p).into()))]),
            Fail::Format(f, m) => {
                object(&mut [("format", Value::String(f.name().into())), ("code", Value::String(m.code.into()))])
            }
            Fail::Unique(i, j) => object(&mut [("i", index(*i)), ("j", index(*j))]),
            Fail::Required(p) => object(&mut [("missingProperty", Value::String((*p).into()))]),
            Fail::DependentRequired(p, d) => {
                object(&mut [("property", Value::String((*p).into())), ("missingProperty", Value::String((*d).into()))])
            }
            Fail::Additional(p) => object(&mut [("additionalProperty", Value::String((*p).into()))]),
            Fail::PropertyName(p, _) => object(&mut [("propertyName", Value::String((*p).into()))]),
            Fail::OneOf(passing) => object(&mut [(
                "passingSchemas",
                match passing {
                    Some((a, b)) => Value::Array(alloc::vec![index(*a), index(*b)]),
                    None => Value::Null,
                },
            )]),
            Fail::If(branch) => object(&mut [("failingKeyword", Value::String((*branch).into()))]),
            Fail::Depth(n) => object(&mut [("limit", index(*n))]),
            Fail::Budget(n) => object(&mut [("limit", count(*n))]),
        }
    }
}
