//! Laravel's and Jelou's (class-validator's) wording of the engine's errors, for
//! [`super::response`]'s `field_errors`: one table per kind of message (limits, types, formats),
//! keyed by keyword, so that every message is built by one path.

use alloc::string::String;

use crate::json::Value;
use crate::jsonschema::fail::{cat, num, type_list};
use crate::jsonschema::node::Keywords;
use crate::jsonschema::ValidationError;

/// The value at a JSON Pointer.
fn at<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    let mut v = root;
    for t in pointer.split('/').skip(1) {
        let t = crate::jsonschema::compile::unescape(t);
        v = match v {
            Value::Object(m) => m.get(&t)?,
            Value::Array(a) => a.get(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

fn param_num(e: &ValidationError, name: &str) -> String {
    e.params.get(name).and_then(Value::as_f64).map(num).unwrap_or_default()
}

/// Laravel's `:attribute`: `webhook_url` → `webhook url`, `isActive` → `is active`.
pub(super) fn attribute(field: &str) -> String {
    if field.is_empty() {
        return "input".into();
    }
    let mut out = String::with_capacity(field.len() + 4);
    let mut prev: Option<char> = None;
    for c in field.chars() {
        if c.is_ascii_uppercase() && prev.is_some_and(|p| p != '.' && p != '_') {
            out.push(' ');
        }
        out.push(if c == '_' { ' ' } else { c.to_ascii_lowercase() });
        prev = Some(c);
    }
    out
}

/// Laravel's "The :attribute field is required.".
pub(super) fn laravel_required(a: &str) -> String {
    cat(&["The ", a, " field is required."])
}

/// A message by a name in `table`: one lookup where a `match` of string arms would repeat the
/// message-building code for each.
fn lookup<'t>(table: &[(&str, &'t str)], name: Option<&str>) -> Option<&'t str> {
    table.iter().find(|(k, _)| Some(*k) == name).map(|(_, m)| *m)
}

/// The first type name of a `type` error (`string` of `string,null`).
fn first_type(e: &ValidationError) -> String {
    let mut types = type_list(e.params.get("type").unwrap_or(&Value::Null));
    types.truncate(types.find(',').unwrap_or(types.len()));
    types
}

/// Laravel's rules with a limit: keyword, the words before the limit, the words after it.
const LARAVEL_LIMITS: [(&str, &str, &str); 10] = [
    ("minLength", "must be at least ", " characters."),
    ("maxLength", "must not be greater than ", " characters."),
    ("minItems", "must contain at least ", " items."),
    ("maxItems", "must not have more than ", " items."),
    ("minProperties", "must have at least ", " items."),
    ("maxProperties", "must not have more than ", " items."),
    ("minimum", "must be at least ", "."),
    ("maximum", "must not be greater than ", "."),
    ("exclusiveMinimum", "must be greater than ", "."),
    ("exclusiveMaximum", "must be less than ", "."),
];

const LARAVEL_TYPES: [(&str, &str); 6] = [
    ("string", "must be a string."),
    ("integer", "must be an integer."),
    ("number", "must be a number."),
    ("boolean", "must be true or false."),
    ("array", "must be an array."),
    ("object", "must be an array."),
];

const LARAVEL_FORMATS: [(&str, &str); 8] = [
    ("uri", "must be a valid URL."),
    ("webhook-url", "must be a valid URL."),
    ("email", "must be a valid email address."),
    ("date-time", "must be a valid date."),
    ("date", "must be a valid date."),
    ("uuid", "must be a valid UUID."),
    ("ipv4", "must be a valid IPv4 address."),
    ("ipv6", "must be a valid IPv6 address."),
];

/// What follows "The :attribute field " for the other keywords.
const LARAVEL_OTHERS: [(&str, &str); 3] = [
    ("pattern", "format is invalid."),
    ("uniqueItems", "has a duplicate value."),
    ("additionalProperties", "is prohibited."),
];

pub(super) fn laravel(e: &ValidationError, field: &str, value: &Value, root: Option<&Keywords>) -> String {
    let a = attribute(field);
    let a = a.as_str();
    let root_required = || root.is_some_and(|k| k.required.iter().any(|r| r == field));
    let keyword = e.keyword;
    match keyword {
        "required" | "dependentRequired" => return laravel_required(a),
        "type" if root_required() && matches!(at(value, &e.path), Some(Value::Null)) => return laravel_required(a),
        "minLength" if param_num(e, "limit") == "1" => return laravel_required(a),
        "enum" | "const" => return cat(&["The selected ", a, " is invalid."]),
        _ => {}
    }
    // "The :attribute field " and the rest.
    let (before, limit, after) = if let Some((_, before, after)) = LARAVEL_LIMITS.iter().find(|(k, ..)| *k == keyword) {
        (*before, param_num(e, "limit"), *after)
    } else if keyword == "multipleOf" {
        ("must be a multiple of ", param_num(e, "multipleOf"), ".")
    } else {
        let rest = match keyword {
            "type" => lookup(&LARAVEL_TYPES, Some(&first_type(e))),
            "format" => Some(
                lookup(&LARAVEL_FORMATS, e.params.get("format").and_then(Value::as_str))
                    .unwrap_or("format is invalid."),
            ),
            _ => lookup(&LARAVEL_OTHERS, Some(keyword)),
        };
        (rest.unwrap_or("is invalid."), String::new(), "")
    };
    cat(&["The ", a, " field ", before, &limit, after])
}

/// Jelou's (class-validator's) messages with a limit: keyword, the words before it, after it.
const JELOU_LIMITS: [(&str, &str, &str); 6] = [
    ("minLength", " must be longer than or equal to ", " characters"),
    ("maxLength", " must be shorter than or equal to ", " characters"),
    ("minimum", " must not be less than ", ""),
    ("maximum", " must not be greater than ", ""),
    ("minItems", " must contain at least ", " elements"),
    ("maxItems", " must contain no more than ", " elements"),
];

const JELOU_TYPES: [(&str, &str); 6] = [
    ("string", " must be a string"),
    ("integer", " must be an integer number"),
    ("number", " must be a number conforming to the specified constraints"),
    ("boolean", " must be a boolean value"),
    ("array", " must be an array"),
    ("object", " must be an object"),
];

const JELOU_FORMATS: [(&str, &str); 5] = [
    ("uri", " must be a URL address"),
    ("webhook-url", " must be a URL address"),
    ("email", " must be an email"),
    ("uuid", " must be a UUID"),
    ("date-time", " must be a valid ISO 8601 date string"),
];

pub(super) fn jelou(e: &ValidationError, field: &str) -> String {
    let f = if field.is_empty() { "value" } else { field };
    if let Some((_, before, after)) = JELOU_LIMITS.iter().find(|(k, ..)| *k == e.keyword) {
        return cat(&[f, before, &param_num(e, "limit"), after]);
    }
    let known = match e.keyword {
        "required" | "dependentRequired" => Some(" should not be empty"),
        "type" => lookup(&JELOU_TYPES, Some(&first_type(e))),
        "format" => lookup(&JELOU_FORMATS, e.params.get("format").and_then(Value::as_str)),
        "enum" => {
            let mut out = cat(&[f, " must be one of the following values: "]);
            let allowed = e.params.get("allowedValues").and_then(Value::as_array).unwrap_or(&[]);
            for (i, v) in allowed.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match v.as_str() {
                    Some(s) => out.push_str(s),
                    None => crate::json::write_json(v, &mut out),
                }
            }
            return out;
        }
        "additionalProperties" => return cat(&["property ", f, " should not exist"]),
        _ => None,
    };
    match known {
        Some(rest) => cat(&[f, rest]),
        None => cat(&[f, " ", &e.message]),
    }
}
