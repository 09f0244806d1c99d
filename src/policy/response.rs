//! Provider error styles: `field_errors` messages and the HTTP response a provider would send.
//!
//! Every style starts from the same engine errors (ajv's wording). `field_errors` keys are dotted
//! paths (`events.0`); a `required` or `dependentRequired` error is keyed by the missing member,
//! an `additionalProperties` error by the extra member; `if` errors are left out (the failing
//! `then`/`else` branch's own errors say what is wrong). Which parts of each provider's style the
//! seeds document, and which are hookseal's choice, is written in [`super::builtin`].

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::json::{Map, Value};
use crate::jsonschema::fail::{cat, num, object, type_list};
use crate::jsonschema::node::Keywords;
use crate::jsonschema::ValidationError;
use crate::sort::heapsort;

/// How errors are worded and which HTTP response, if any, is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ErrorStyle {
    /// ajv's messages; no response. The default for compiled schemas.
    #[default]
    Ajv,
    /// Fastify's `400 FST_ERR_VALIDATION` answer, ajv's messages (JuriChat).
    Fastify,
    /// Laravel's `422` answer with `The :attribute field …` messages (Talkover).
    Laravel,
    /// Jelou's `422` envelope with class-validator-style messages.
    Jelou,
    /// RFC 9457 problem details, `422` (the `standard-webhooks-endpoint` schema).
    ProblemDetails,
}

impl ErrorStyle {
    /// The style's name (`ajv`, `fastify`, `laravel`, `jelou`, `problem-details`).
    pub const fn name(self) -> &'static str {
        match self {
            ErrorStyle::Ajv => "ajv",
            ErrorStyle::Fastify => "fastify",
            ErrorStyle::Laravel => "laravel",
            ErrorStyle::Jelou => "jelou",
            ErrorStyle::ProblemDetails => "problem-details",
        }
    }

    /// Every style.
    pub const ALL: [ErrorStyle; 5] =
        [ErrorStyle::Ajv, ErrorStyle::Fastify, ErrorStyle::Laravel, ErrorStyle::Jelou, ErrorStyle::ProblemDetails];

    /// The style called `name`.
    pub fn from_name(name: &str) -> Option<ErrorStyle> {
        ErrorStyle::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// An HTTP response: status and JSON body.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
}

/// The JSON Pointer of the member an error is about (the missing or extra one, if any).
fn target_pointer(e: &ValidationError) -> String {
    let member = match e.keyword {
        "required" | "dependentRequired" => e.params.get("missingProperty"),
        "additionalProperties" => e.params.get("additionalProperty"),
        _ => None,
    };
    match member.and_then(Value::as_str) {
        Some(m) => {
            let mut pointer = String::with_capacity(e.path.len() + 1 + m.len());
            pointer.push_str(&e.path);
            pointer.push('/');
            crate::jsonschema::compile::escape_into(m, &mut pointer);
            pointer
        }
        None => e.path.clone(),
    }
}

/// `/events/0` → `events.0`.
fn dotted(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for (i, token) in pointer.split('/').skip(1).enumerate() {
        if i > 0 {
            out.push('.');
        }
        if token.contains('~') {
            out.push_str(&crate::jsonschema::compile::unescape(token));
        } else {
            out.push_str(token);
        }
    }
    out
}

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
fn attribute(field: &str) -> String {
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
fn laravel_required(a: &str) -> String {
    cat(&["The ", a, " field is required."])
}

fn laravel(e: &ValidationError, field: &str, value: &Value, root: Option<&Keywords>) -> String {
    let a = attribute(field);
    let a = a.as_str();
    let n = || param_num(e, "limit");
    let root_required = || root.is_some_and(|k| k.required.iter().any(|r| r == field));
    // "The :attribute field " and the rest.
    let field_must = |rest: &[&str]| {
        let mut out = cat(&["The ", a, " field "]);
        for part in rest {
            out.push_str(part);
        }
        out
    };
    match e.keyword {
        "required" | "dependentRequired" => laravel_required(a),
        "type" if root_required() && matches!(at(value, &e.path), Some(Value::Null)) => laravel_required(a),
        "type" => match type_list(e.params.get("type").unwrap_or(&Value::Null)).split(',').next() {
            Some("string") => field_must(&["must be a string."]),
            Some("integer") => field_must(&["must be an integer."]),
            Some("number") => field_must(&["must be a number."]),
            Some("boolean") => field_must(&["must be true or false."]),
            Some("array" | "object") => field_must(&["must be an array."]),
            _ => field_must(&["is invalid."]),
        },
        "minLength" if n() == "1" => laravel_required(a),
        "minLength" => field_must(&["must be at least ", &n(), " characters."]),
        "maxLength" => field_must(&["must not be greater than ", &n(), " characters."]),
        "minItems" => field_must(&["must contain at least ", &n(), " items."]),
        "maxItems" => field_must(&["must not have more than ", &n(), " items."]),
        "minProperties" => field_must(&["must have at least ", &n(), " items."]),
        "maxProperties" => field_must(&["must not have more than ", &n(), " items."]),
        "minimum" => field_must(&["must be at least ", &n(), "."]),
        "maximum" => field_must(&["must not be greater than ", &n(), "."]),
        "exclusiveMinimum" => field_must(&["must be greater than ", &n(), "."]),
        "exclusiveMaximum" => field_must(&["must be less than ", &n(), "."]),
        "multipleOf" => field_must(&["must be a multiple of ", &param_num(e, "multipleOf"), "."]),
        "enum" | "const" => cat(&["The selected ", a, " is invalid."]),
        "format" => match e.params.get("format").and_then(Value::as_str) {
            Some("uri" | "webhook-url") => field_must(&["must be a valid URL."]),
            Some("email") => field_must(&["must be a valid email address."]),
            Some("date-time" | "date") => field_must(&["must be a valid date."]),
            Some("uuid") => field_must(&["must be a valid UUID."]),
            Some("ipv4") => field_must(&["must be a valid IPv4 address."]),
            Some("ipv6") => field_must(&["must be a valid IPv6 address."]),
            _ => field_must(&["format is invalid."]),
        },
        "pattern" => field_must(&["format is invalid."]),
        "uniqueItems" => field_must(&["has a duplicate value."]),
        "additionalProperties" => field_must(&["is prohibited."]),
        _ => field_must(&["is invalid."]),
    }
}

fn jelou(e: &ValidationError, field: &str) -> String {
    let f = if field.is_empty() { "value" } else { field };
    let n = param_num(e, "limit");
    match e.keyword {
        "required" | "dependentRequired" => format!("{f} should not be empty"),
        "type" => match type_list(e.params.get("type").unwrap_or(&Value::Null)).split(',').next() {
            Some("string") => format!("{f} must be a string"),
            Some("integer") => format!("{f} must be an integer number"),
            Some("number") => {
                format!("{f} must be a number conforming to the specified constraints")
            }
            Some("boolean") => format!("{f} must be a boolean value"),
            Some("array") => format!("{f} must be an array"),
            Some("object") => format!("{f} must be an object"),
            _ => format!("{f} {}", e.message),
        },
        "enum" => {
            let allowed: Vec<String> = e
                .params
                .get("allowedValues")
                .and_then(Value::as_array)
                .unwrap_or(&[])
                .iter()
                .map(|v| {
                    v.as_str().map_or_else(
                        || crate::canonical::to_canonical_string(v).unwrap_or_default(),
                        ToString::to_string,
                    )
                })
                .collect();
            format!("{f} must be one of the following values: {}", allowed.join(", "))
        }
        "format" => match e.params.get("format").and_then(Value::as_str) {
            Some("uri" | "webhook-url") => format!("{f} must be a URL address"),
            Some("email") => format!("{f} must be an email"),
            Some("uuid") => format!("{f} must be a UUID"),
            Some("date-time") => format!("{f} must be a valid ISO 8601 date string"),
            _ => format!("{f} {}", e.message),
        },
        "minLength" => format!("{f} must be longer than or equal to {n} characters"),
        "maxLength" => format!("{f} must be shorter than or equal to {n} characters"),
        "minimum" => format!("{f} must not be less than {n}"),
        "maximum" => format!("{f} must not be greater than {n}"),
        "minItems" => format!("{f} must contain at least {n} elements"),
        "maxItems" => format!("{f} must contain no more than {n} elements"),
        "additionalProperties" => format!("property {f} should not exist"),
        _ => format!("{f} {}", e.message),
    }
}

/// `field_errors` for `errors` in `style`.
pub(crate) fn field_errors(
    style: ErrorStyle,
    errors: &[ValidationError],
    value: &Value,
    root: Option<&Keywords>,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for e in errors.iter().filter(|e| e.keyword != "if") {
        let field = dotted(&target_pointer(e));
        let message = match style {
            ErrorStyle::Laravel => laravel(e, &field, value, root),
            ErrorStyle::Jelou => jelou(e, &field),
            _ => e.message.clone(),
        };
        match out.iter_mut().find(|(f, _)| *f == field) {
            Some((_, messages)) if !messages.contains(&message) => messages.push(message),
            Some(_) => {}
            None => out.push((field, alloc::vec![message])),
        }
    }
    if let (ErrorStyle::Laravel | ErrorStyle::Jelou, Some(k)) = (style, root) {
        // Laravel stops at a failed `required`; both APIs list fields in their rules' order.
        if style == ErrorStyle::Laravel {
            for (field, messages) in &mut out {
                let required = laravel_required(&attribute(field));
                if messages.contains(&required) {
                    *messages = alloc::vec![required];
                }
            }
        }
        let rank = |field: &str| {
            let top = field.split('.').next().unwrap_or("");
            k.properties.iter().position(|(name, _)| name == top).unwrap_or(usize::MAX)
        };
        let mut ranked: Vec<(usize, usize, (String, Vec<String>))> =
            out.into_iter().enumerate().map(|(i, f)| (rank(&f.0), i, f)).collect();
        heapsort(&mut ranked, |a, b| (a.0, a.1) < (b.0, b.1));
        out = ranked.into_iter().map(|(_, _, f)| f).collect();
    }
    out
}

/// `field_errors` as a JSON object.
pub(crate) fn field_errors_json(fields: &[(String, Vec<String>)]) -> Value {
    let mut map = Map::new();
    for (f, ms) in fields {
        map.insert(f.clone(), Value::Array(ms.iter().cloned().map(Value::String).collect()));
    }
    Value::Object(map)
}

/// The provider's answer to an invalid value.
pub(crate) fn response(
    style: ErrorStyle,
    errors: &[ValidationError],
    fields: &[(String, Vec<String>)],
) -> Option<Response> {
    let text = |s: &str| Value::String(s.into());
    match style {
        ErrorStyle::Ajv => None,
        ErrorStyle::Laravel => Some(Response {
            status: 422,
            body: object(alloc::vec![
                ("message", text("The given data was invalid.")),
                ("errors", field_errors_json(fields)),
            ]),
        }),
        ErrorStyle::Jelou => Some(Response {
            status: 422,
            body: object(alloc::vec![
                (
                    "message",
                    Value::Array(fields.iter().flat_map(|(_, ms)| ms.iter().cloned().map(Value::String)).collect(),),
                ),
                ("statusMessage", text("error")),
                ("status", Value::Number(0.0)),
            ]),
        }),
        ErrorStyle::Fastify => {
            let first = errors.first();
            let message =
                first.map_or_else(|| "body is invalid".to_string(), |e| format!("body{} {}", e.path, e.message));
            Some(Response {
                status: 400,
                body: object(alloc::vec![
                    ("statusCode", Value::Number(400.0)),
                    ("code", text("FST_ERR_VALIDATION")),
                    ("error", text("Bad Request")),
                    ("message", Value::String(message)),
                ]),
            })
        }
        ErrorStyle::ProblemDetails => {
            let list = errors
                .iter()
                .filter(|e| e.keyword != "if")
                .map(|e| {
                    object(alloc::vec![
                        ("pointer", Value::String(format!("#{}", target_pointer(e)))),
                        ("detail", text(&e.message)),
                    ])
                })
                .collect();
            Some(Response {
                status: 422,
                body: object(alloc::vec![
                    ("type", text("about:blank")),
                    ("title", text("Unprocessable Content")),
                    ("status", Value::Number(422.0)),
                    ("detail", text("The endpoint configuration is invalid.")),
                    ("errors", Value::Array(list)),
                ]),
            })
        }
    }
}

/// The result for JSON text the strict parser refused: invalid, `value` `null`, one error at the
/// root with keyword `json`, the parser's message and its code in `params.code`, and for a
/// provider style that provider's `400` answer to a body it cannot parse.
///
/// The answers are hookseal's choice, each in its framework's shape for a malformed body: Fastify
/// replies to a body its JSON parser refuses with `{"statusCode": 400, "error": "Bad Request",
/// "message": …}` (no `code`: the parser's `SyntaxError` has none); Laravel renders an HTTP 400
/// as `{"message": …}`; Jelou keeps its error envelope; problem details say `Bad Request`. The
/// message is the parser's, which gives positions and names, never values.
pub(crate) fn parse_failure(style: ErrorStyle, error: &crate::Error) -> super::Validation {
    let message = error.message();
    let code = error.code().as_str();
    let errors = alloc::vec![ValidationError {
        path: String::new(),
        keyword: "json",
        message: message.into(),
        params: object(alloc::vec![("code", Value::String(code.into()))]),
    }];
    let field_errors = alloc::vec![(String::new(), alloc::vec![String::from(message)])];
    let text = |s: &str| Value::String(s.into());
    let body = match style {
        ErrorStyle::Ajv => None,
        ErrorStyle::Fastify => Some(object(alloc::vec![
            ("statusCode", Value::Number(400.0)),
            ("error", text("Bad Request")),
            ("message", Value::String(format!("Body is not valid JSON: {message}"))),
        ])),
        ErrorStyle::Laravel => Some(object(alloc::vec![("message", text("The request body is not valid JSON."))])),
        ErrorStyle::Jelou => Some(object(alloc::vec![
            ("message", Value::Array(alloc::vec![Value::String(format!("body is not valid JSON: {message}"))])),
            ("statusMessage", text("error")),
            ("status", Value::Number(0.0)),
        ])),
        ErrorStyle::ProblemDetails => Some(object(alloc::vec![
            ("type", text("about:blank")),
            ("title", text("Bad Request")),
            ("status", Value::Number(400.0)),
            ("detail", Value::String(format!("The request body is not valid JSON: {message}"))),
            ("code", text(code)),
        ])),
    };
    super::Validation {
        valid: false,
        value: Value::Null,
        errors,
        field_errors,
        response: body.map(|body| Response { status: 400, body }),
    }
}
