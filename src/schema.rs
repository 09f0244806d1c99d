//! JSON Schema draft 2020-12 for webhook configs: compile a document once, validate many values.
//! This module is where users find both halves under one path: the generic engine (`src/jsonschema/`,
//! which imports nothing of the policy) and the webhook policy ([`crate::policy`]) that plugs its
//! formats into it and answers in a provider's style. [`Schema`] is the two together.
//!
//! ```
//! use hookseal::json::{parse, ParseOptions};
//! use hookseal::schema::{Builtin, BuiltinOptions, Schema};
//!
//! let schema = Builtin::Talkover.schema(&BuiltinOptions::default())?;
//! let input = parse(br#"{"name": "My Webhook", "events": []}"#, &ParseOptions::default())?;
//! let result = schema.validate(&input);
//! assert!(!result.valid);
//! assert_eq!(result.response.map(|r| r.status), Some(422));
//! assert_eq!(result.value.get("timeout").and_then(|t| t.as_f64()), Some(30.0)); // default filled
//!
//! let custom = Schema::compile_json(br#"{"type": "object", "required": ["url"],
//!     "properties": {"url": {"type": "string", "format": "webhook-url"}}}"#)?;
//! let bad = custom.validate_json(br#"{"url": "https://10.0.0.1/hook"}"#)?;
//! assert_eq!(bad.errors[0].path, "/url");
//! assert_eq!(bad.errors[0].keyword, "format");
//! # Ok::<(), hookseal::Error>(())
//! ```
//!
//! # Engine
//!
//! [`Schema::compile`] turns a document into a node arena once (keywords resolved, `$ref`s
//! resolved to node indices, patterns compiled); [`Schema::validate`] then runs many times and
//! never fails: every outcome, including hitting a work bound, is plain data in [`Validation`].
//!
//! Supported: `type`, `enum`, `const`, `required`, `properties`, `additionalProperties`,
//! `patternProperties`, `propertyNames`, `minProperties`, `maxProperties`, `dependentRequired`,
//! `dependentSchemas`, `items`, `prefixItems`, `minItems`, `maxItems`, `uniqueItems`, `contains`,
//! `minContains`, `maxContains`, `minLength`/`maxLength` (in code points), `pattern` (ECMA-262
//! subset, see `regex`), `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`,
//! `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `$ref` within the document
//! (JSON Pointers, `$id` resources, `$anchor`), `$defs` (and `definitions`), `default`, `format`
//! (see `format`), `$schema` (2020-12 only) and the annotations (`title`, `description`,
//! `examples`, `$comment`, `deprecated`, `readOnly`, `writeOnly`, `content*`).
//!
//! Refused when compiling, with [`Code::InvalidSchema`](crate::Code::InvalidSchema): unknown
//! keywords and formats, `$dynamicRef`/`$dynamicAnchor`, `unevaluatedProperties`/`Items`,
//! `$vocabulary`, remote `$ref`s, and patterns outside the supported regex subset. Documents
//! beyond the [`CompileOptions`] limits are refused with [`Code::SchemaTooDeep`](crate::Code::SchemaTooDeep) or
//! [`Code::SchemaTooLarge`](crate::Code::SchemaTooLarge).
//!
//! Decisions: `format` is an assertion; `default` is an annotation for validation (the input is
//! validated as given, as the specification says) and is then filled into the returned `value`
//! (see `defaults`); `errors` use ajv's messages and params; the work is bounded by [`Limits`].

pub use crate::jsonschema::*;

// The policy's items, at the paths they had before the engine and the policy were split.
pub use crate::policy::{
    check_header_name, check_header_value, check_webhook_url_with, check_webhook_url_with_limits, Builtin,
    BuiltinOptions, ErrorStyle, HeaderRefusal, Response, Schema, UrlLimits, UrlOptions, UrlParser, UrlRefusal,
    Validation, WebUrl, DEFAULT_MAX_URL_LEN, DEFAULT_URL_PARSER, RESERVED_HEADERS,
};
#[cfg(feature = "url")]
pub use crate::policy::{check_webhook_url, whatwg_url};
