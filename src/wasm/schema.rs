//! `validateConfig`, `compileSchema` and `checkWebhookUrl`: webhook-config validation from
//! JavaScript.

use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

#[cfg(feature = "wasm-full")]
use super::canonical::from_js;
use super::convert::{self, set};
use super::errors::{error, to_js, type_error, ErrorKind};
use crate::error::{Code, Error};
use crate::json::Value;
#[cfg(feature = "wasm-full")]
use crate::schema::Validation;
use crate::schema::{
    check_webhook_url_with, Builtin, BuiltinOptions, ErrorStyle, Schema, UrlOptions, UrlRefusal, WebUrl,
};

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG `URL` (every supported runtime has it).
    #[wasm_bindgen(js_name = URL)]
    type HostUrl;
    #[wasm_bindgen(constructor, catch, js_class = "URL")]
    fn new(input: &str) -> Result<HostUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn protocol(this: &HostUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn username(this: &HostUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn password(this: &HostUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn hostname(this: &HostUrl) -> String;
}

/// The policy's [`crate::schema::UrlParser`] over the host's `URL`.
pub(super) fn host_url(input: &str) -> Result<WebUrl, UrlRefusal> {
    let url = HostUrl::new(input).map_err(|_| UrlRefusal::InvalidUrl)?;
    let mut scheme = url.protocol();
    scheme.pop(); // the ':'
    Ok(WebUrl { scheme, credentials: !url.username().is_empty() || !url.password().is_empty(), host: url.hostname() })
}

#[cfg(feature = "wasm-full")]
/// A JSON value as a JavaScript value, members in their order (so a provider's response body
/// serializes as the provider writes it). Values come from the bounded parser or converter, but
/// the depth is checked again so that no value can exhaust the stack.
fn value_to_js(value: &Value) -> JsValue {
    to_js_at(value, 0)
}

#[cfg(feature = "wasm-full")]
fn to_js_at(value: &Value, depth: usize) -> JsValue {
    if depth > crate::json::MAX_DEPTH_CAP {
        return JsValue::NULL;
    }
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(|v| to_js_at(v, depth + 1)).collect::<Array>().into(),
        Value::Object(map) => {
            let out = Object::new();
            for (k, v) in map.iter() {
                set(&out, k, &to_js_at(v, depth + 1));
            }
            out.into()
        }
    }
}

#[cfg(feature = "wasm-full")]
/// A JavaScript value as a JSON value; a string is a JSON string (JSON text has its own calls,
/// `validateJson` and `configJson`). Errors are thrown as `CanonicalizationError`.
pub(super) fn input_value(input: &JsValue) -> Result<Value, JsValue> {
    let canonical = |e: &Error| to_js(ErrorKind::Canonicalization, e);
    let mut ancestors = Vec::new();
    match from_js(input, &mut ancestors) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(canonical(&Error::new(Code::UnsupportedValue, "undefined is not a JSON value"))),
        Err(e) => Err(canonical(&e)),
    }
}

fn schema_error(e: &Error) -> JsValue {
    to_js(ErrorKind::Schema, e)
}

/// A schema from a built-in name or a schema object, with `options.events` and `options.errorStyle`.
fn schema_from(schema: &JsValue, options: &JsValue) -> Result<Schema, JsValue> {
    let events = match convert::get(options, "events") {
        v if v.is_undefined() || v.is_null() => None,
        v if Array::is_array(&v) => {
            // A loop, not `collect` into a `Result`, whose generic code would be in the wasm.
            let mut events = Vec::new();
            for e in Array::from(&v).iter() {
                events.push(e.as_string().ok_or_else(|| type_error("options.events must be an array of strings"))?);
            }
            Some(events)
        }
        _ => return Err(type_error("options.events must be an array of strings")),
    };
    let compiled = if let Some(name) = schema.as_string() {
        let builtin = Builtin::from_name(&name).ok_or_else(|| {
            let names = convert::listed(Builtin::ALL.map(Builtin::name));
            error(
                ErrorKind::Schema,
                Code::InvalidSchema,
                &alloc::format!("unknown built-in schema; use {names} or a schema object"),
            )
        })?;
        builtin.schema(&BuiltinOptions { events }).map_err(|e| schema_error(&e))?
    } else if let Some(b) = schema.as_bool() {
        Schema::compile(&Value::Bool(b)).map_err(|e| schema_error(&e))?
    } else if schema.is_object() {
        schema_object(schema)?
    } else {
        return Err(type_error("schema must be a built-in name or a JSON Schema object"));
    };
    finish_schema(compiled, options)
}

/// A schema object as a JavaScript value (`hookseal`'s delivery bindings may hand one over).
#[cfg(feature = "wasm-full")]
fn schema_object(schema: &JsValue) -> Result<Schema, JsValue> {
    Schema::compile(&input_value(schema)?).map_err(|e| schema_error(&e))
}

/// `compileSchema` in `js/api-config.mjs` hands schema objects over as JSON text
/// (`compileSchemaJson`), so `hookseal/config`'s wasm has no converter for them.
#[cfg(not(feature = "wasm-full"))]
fn schema_object(_: &JsValue) -> Result<Schema, JsValue> {
    Err(type_error("a schema object crosses as JSON text: compileSchemaJson"))
}

/// The host's URL parser and `options.errorStyle` on a compiled schema.
fn finish_schema(compiled: Schema, options: &JsValue) -> Result<Schema, JsValue> {
    let compiled = compiled.with_url_parser(host_url);
    match convert::optional_string(options, "errorStyle")? {
        None => Ok(compiled),
        Some(name) => {
            let style = ErrorStyle::from_name(&name).ok_or_else(|| {
                let names = convert::one_of(ErrorStyle::ALL.map(ErrorStyle::name));
                error(ErrorKind::Schema, Code::InvalidOptions, &alloc::format!("errorStyle must be {names}"))
            })?;
            Ok(compiled.with_style(style))
        }
    }
}

#[cfg(feature = "wasm-full")]
pub(super) fn validation_to_js(v: &Validation) -> JsValue {
    let out = Object::new();
    set(&out, "valid", &JsValue::from_bool(v.valid));
    set(&out, "value", &value_to_js(&v.value));
    let errors = Array::new();
    for e in &v.errors {
        let item = Object::new();
        set(&item, "path", &JsValue::from_str(&e.path));
        set(&item, "keyword", &JsValue::from_str(e.keyword));
        set(&item, "message", &JsValue::from_str(&e.message));
        set(&item, "params", &value_to_js(&e.params));
        errors.push(&item);
    }
    set(&out, "errors", &errors);
    set(&out, "fieldErrors", &value_to_js(&v.field_errors_json()));
    if let Some(response) = &v.response {
        let r = Object::new();
        set(&r, "status", &JsValue::from_f64(f64::from(response.status)));
        set(&r, "body", &value_to_js(&response.body));
        set(&out, "response", &r);
    }
    out.into()
}

#[cfg(feature = "wasm-full")]
/// `validateConfig(schema, input, { events?, errorStyle? })`.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(schema: &JsValue, input: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let schema = schema_from(schema, options)?;
    let value = input_value(input)?;
    Ok(validation_to_js(&schema.validate(&value)))
}

/// `compileSchema(schema, options?)`: compile once, `validate(input)` many times.
#[wasm_bindgen(js_name = CompiledSchema)]
pub struct CompiledSchema {
    pub(super) schema: Schema,
}

// `js/api-config.mjs` puts its own `validate` (instances as JSON text) on the class.
#[cfg(feature = "wasm-full")]
#[wasm_bindgen(js_class = CompiledSchema)]
impl CompiledSchema {
    /// `validate(input)` → the same result as `validateConfig`.
    pub fn validate(&self, input: &JsValue) -> Result<JsValue, JsValue> {
        let value = input_value(input)?;
        Ok(validation_to_js(&self.schema.validate(&value)))
    }
}

/// `compileSchema` for a schema object, which `js/api.mjs` hands over as JSON text: the strict
/// parser and the schema limits see the document, not one host call per property.
#[wasm_bindgen(js_name = compileSchemaJson)]
pub fn compile_schema_json(text: &str, options: &JsValue) -> Result<CompiledSchema, JsValue> {
    let compiled = Schema::compile_json(text.as_bytes()).map_err(|e| schema_error(&e))?;
    Ok(CompiledSchema { schema: finish_schema(compiled, options)? })
}

/// `compileSchema(schema, { events?, errorStyle? })`.
#[wasm_bindgen(js_name = compileSchema)]
pub fn compile_schema(schema: &JsValue, options: &JsValue) -> Result<CompiledSchema, JsValue> {
    Ok(CompiledSchema { schema: schema_from(schema, options)? })
}

/// `checkWebhookUrl(url, { allowHttp?, allowPrivate? })` → `{ ok, code?, message? }`.
#[wasm_bindgen(js_name = checkWebhookUrl)]
pub fn check_url(url: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let url = url.as_string().ok_or_else(|| type_error("url must be a string"))?;
    let policy = UrlOptions {
        allow_http: convert::optional_bool(options, "allowHttp")?,
        allow_private: convert::optional_bool(options, "allowPrivate")?,
    };
    let out = Object::new();
    match check_webhook_url_with(host_url, &url, policy) {
        Ok(()) => set(&out, "ok", &JsValue::TRUE),
        Err(refusal) => {
            set(&out, "ok", &JsValue::FALSE);
            set(&out, "code", &JsValue::from_str(refusal.code()));
            set(&out, "message", &JsValue::from_str(refusal.message()));
        }
    }
    Ok(out.into())
}

/// `reservedHeaders()`: the header names a custom delivery header may not override.
#[wasm_bindgen(js_name = reservedHeaders)]
pub fn reserved_headers() -> Vec<JsValue> {
    crate::schema::RESERVED_HEADERS.iter().map(|h| JsValue::from_str(h)).collect()
}
