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

use super::messages::{attribute, jelou, laravel, laravel_required};
use crate::json::{Map, Value};
use crate::jsonschema::fail::object;
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
        let mut ranked: Vec<(usize, usize, (String, Vec<String>))> = Vec::with_capacity(out.len());
        for (i, f) in out.into_iter().enumerate() {
            ranked.push((rank(&f.0), i, f));
        }
        heapsort(&mut ranked, |a, b| (a.0, a.1) < (b.0, b.1));
        out = Vec::with_capacity(ranked.len());
        for (_, _, f) in ranked {
            out.push(f);
        }
    }
    out
}

/// `field_errors` as a JSON object.
pub(crate) fn field_errors_json(fields: &[(String, Vec<String>)]) -> Value {
    let mut map = Map::new();
    for (f, ms) in fields {
        let mut list = Vec::with_capacity(ms.len());
        for m in ms {
            list.push(Value::String(m.clone()));
        }
        map.insert(f.clone(), Value::Array(list));
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
            body: object(&mut [
                ("message", text("The given data was invalid.")),
                ("errors", field_errors_json(fields)),
            ]),
        }),
        ErrorStyle::Jelou => {
            // Loops here and below, not iterator chains: each chain is its own generic code in
            // the wasm.
            let mut messages = Vec::new();
            for (_, ms) in fields {
                for m in ms {
                    messages.push(text(m));
                }
            }
            Some(Response {
                status: 422,
                body: object(&mut [
                    ("message", Value::Array(messages)),
                    ("statusMessage", text("error")),
                    ("status", Value::Number(0.0)),
                ]),
            })
        }
        ErrorStyle::Fastify => {
            let first = errors.first();
            let message =
                first.map_or_else(|| "body is invalid".to_string(), |e| format!("body{} {}", e.path, e.message));
            Some(Response {
                status: 400,
                body: object(&mut [
                    ("statusCode", Value::Number(400.0)),
                    ("code", text("FST_ERR_VALIDATION")),
                    ("error", text("Bad Request")),
                    ("message", Value::String(message)),
                ]),
            })
        }
        ErrorStyle::ProblemDetails => {
            let mut list = Vec::new();
            for e in errors.iter().filter(|e| e.keyword != "if") {
                list.push(object(&mut [
                    ("pointer", Value::String(format!("#{}", target_pointer(e)))),
                    ("detail", text(&e.message)),
                ]));
            }
            Some(Response {
                status: 422,
                body: object(&mut [
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
        params: object(&mut [("code", Value::String(code.into()))]),
    }];
    let field_errors = alloc::vec![(String::new(), alloc::vec![String::from(message)])];
    let text = |s: &str| Value::String(s.into());
    let body = match style {
        ErrorStyle::Ajv => None,
        ErrorStyle::Fastify => Some(object(&mut [
            ("statusCode", Value::Number(400.0)),
            ("error", text("Bad Request")),
            ("message", Value::String(format!("Body is not valid JSON: {message}"))),
        ])),
        ErrorStyle::Laravel => Some(object(&mut [("message", text("The request body is not valid JSON."))])),
        ErrorStyle::Jelou => Some(object(&mut [
            ("message", Value::Array(alloc::vec![Value::String(format!("body is not valid JSON: {message}"))])),
            ("statusMessage", text("error")),
            ("status", Value::Number(0.0)),
        ])),
        ErrorStyle::ProblemDetails => Some(object(&mut [
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

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use super::{jelou, laravel};
    use crate::json::{parse, Value};
    use crate::jsonschema::ValidationError;

    fn error(keyword: &'static str, params: &str) -> ValidationError {
        let params = parse(params.as_bytes(), &Default::default()).unwrap();
        ValidationError { path: "/webhook_url".into(), keyword, message: "engine says no".into(), params }
    }

    #[test]
    fn every_laravel_message() {
        let value = Value::Null;
        for (keyword, params, expected) in [
            ("required", "{}", "The webhook url field is required."),
            ("minLength", r#"{"limit": 1}"#, "The webhook url field is required."),
            ("minLength", r#"{"limit": 2}"#, "The webhook url field must be at least 2 characters."),
            ("maxLength", r#"{"limit": 500}"#, "The webhook url field must not be greater than 500 characters."),
            ("minItems", r#"{"limit": 1}"#, "The webhook url field must contain at least 1 items."),
            ("maxItems", r#"{"limit": 9}"#, "The webhook url field must not have more than 9 items."),
            ("minProperties", r#"{"limit": 2}"#, "The webhook url field must have at least 2 items."),
            ("maxProperties", r#"{"limit": 3}"#, "The webhook url field must not have more than 3 items."),
            ("minimum", r#"{"limit": 5}"#, "The webhook url field must be at least 5."),
            ("maximum", r#"{"limit": 0.5}"#, "The webhook url field must not be greater than 0.5."),
            ("exclusiveMinimum", r#"{"limit": 5}"#, "The webhook url field must be greater than 5."),
            ("exclusiveMaximum", r#"{"limit": 5}"#, "The webhook url field must be less than 5."),
            ("multipleOf", r#"{"multipleOf": 3}"#, "The webhook url field must be a multiple of 3."),
            ("type", r#"{"type": "string"}"#, "The webhook url field must be a string."),
            ("type", r#"{"type": "integer"}"#, "The webhook url field must be an integer."),
            ("type", r#"{"type": "number"}"#, "The webhook url field must be a number."),
            ("type", r#"{"type": "boolean"}"#, "The webhook url field must be true or false."),
            ("type", r#"{"type": "array"}"#, "The webhook url field must be an array."),
            ("type", r#"{"type": "object"}"#, "The webhook url field must be an array."),
            ("type", r#"{"type": "null"}"#, "The webhook url field is invalid."),
            ("type", r#"{"type": ["string", "null"]}"#, "The webhook url field must be a string."),
            ("enum", "{}", "The selected webhook url is invalid."),
            ("const", "{}", "The selected webhook url is invalid."),
            ("format", r#"{"format": "uri"}"#, "The webhook url field must be a valid URL."),
            ("format", r#"{"format": "webhook-url"}"#, "The webhook url field must be a valid URL."),
            ("format", r#"{"format": "email"}"#, "The webhook url field must be a valid email address."),
            ("format", r#"{"format": "date"}"#, "The webhook url field must be a valid date."),
            ("format", r#"{"format": "date-time"}"#, "The webhook url field must be a valid date."),
            ("format", r#"{"format": "uuid"}"#, "The webhook url field must be a valid UUID."),
            ("format", r#"{"format": "ipv4"}"#, "The webhook url field must be a valid IPv4 address."),
            ("format", r#"{"format": "ipv6"}"#, "The webhook url field must be a valid IPv6 address."),
            ("format", r#"{"format": "hostname"}"#, "The webhook url field format is invalid."),
            ("pattern", "{}", "The webhook url field format is invalid."),
            ("uniqueItems", "{}", "The webhook url field has a duplicate value."),
            ("additionalProperties", "{}", "The webhook url field is prohibited."),
            ("not", "{}", "The webhook url field is invalid."),
        ] {
            assert_eq!(laravel(&error(keyword, params), "webhook_url", &value, None), expected, "{keyword} {params}");
        }
    }

    #[test]
    fn every_jelou_message() {
        for (keyword, params, expected) in [
            ("required", "{}", "webhookUrl should not be empty"),
            ("type", r#"{"type": "string"}"#, "webhookUrl must be a string"),
            ("type", r#"{"type": "integer"}"#, "webhookUrl must be an integer number"),
            ("type", r#"{"type": "number"}"#, "webhookUrl must be a number conforming to the specified constraints"),
            ("type", r#"{"type": "boolean"}"#, "webhookUrl must be a boolean value"),
            ("type", r#"{"type": "array"}"#, "webhookUrl must be an array"),
            ("type", r#"{"type": "object"}"#, "webhookUrl must be an object"),
            ("type", r#"{"type": "null"}"#, "webhookUrl engine says no"),
            (
                "enum",
                r#"{"allowedValues": ["a", 1, {"b": [true]}]}"#,
                r#"webhookUrl must be one of the following values: a, 1, {"b":[true]}"#,
            ),
            ("format", r#"{"format": "uri"}"#, "webhookUrl must be a URL address"),
            ("format", r#"{"format": "webhook-url"}"#, "webhookUrl must be a URL address"),
            ("format", r#"{"format": "email"}"#, "webhookUrl must be an email"),
            ("format", r#"{"format": "uuid"}"#, "webhookUrl must be a UUID"),
            ("format", r#"{"format": "date-time"}"#, "webhookUrl must be a valid ISO 8601 date string"),
            ("format", r#"{"format": "ipv4"}"#, "webhookUrl engine says no"),
            ("minLength", r#"{"limit": 1}"#, "webhookUrl must be longer than or equal to 1 characters"),
            ("maxLength", r#"{"limit": 2}"#, "webhookUrl must be shorter than or equal to 2 characters"),
            ("minimum", r#"{"limit": 3}"#, "webhookUrl must not be less than 3"),
            ("maximum", r#"{"limit": 4}"#, "webhookUrl must not be greater than 4"),
            ("minItems", r#"{"limit": 5}"#, "webhookUrl must contain at least 5 elements"),
            ("maxItems", r#"{"limit": 6}"#, "webhookUrl must contain no more than 6 elements"),
            ("additionalProperties", "{}", "property webhookUrl should not exist"),
            ("pattern", "{}", "webhookUrl engine says no"),
        ] {
            assert_eq!(jelou(&error(keyword, params), "webhookUrl"), expected, "{keyword} {params}");
        }
        assert_eq!(jelou(&error("required", "{}"), ""), "value should not be empty".to_string());
    }
}
