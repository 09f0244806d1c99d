//! `planDelivery`, `retrySchedule`, `classifyAttempt` and `checkResolvedAddress`: the sending side
//! (`crate::delivery`) from JavaScript. Conversion only: planning, schedules, verdicts and the
//! address policy are the core's; sending, waiting and resolving are `js/deliver.mjs`'s.
//!
//! Errors are `DeliveryError`s with the core's codes. Readers shared with `Signer` and
//! `validateConfig` throw their own classes; those are re-thrown as `DeliveryError` with the same
//! code and message, so a caller of the sending side catches one class.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::time::Duration;

use js_sys::{Array, Function, Object, TypeError, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{self, set, EndpointOptions};
use super::errors::{error, error_with_code_text, type_error, ErrorKind};
use super::schema::{host_url, input_value, validation_to_js, CompiledSchema};
use crate::delivery::{
    check_resolved_address, classify, Attempt, AuthFields, Backoff, DeliveryError, EnabledFlag, Fields, Message,
    Planned, Planner, Request, RetrySchedule, Verdict, DEFAULT_RETRY_AFTER_CAP,
};
use crate::error::Code;
use crate::schema::{Builtin, BuiltinOptions, UrlOptions};

fn delivery_error(code: &str, message: &str) -> JsValue {
    error_with_code_text(ErrorKind::Delivery, code, message)
}

fn invalid_options(message: &str) -> JsValue {
    error(ErrorKind::Delivery, Code::InvalidOptions, message)
}

/// A hookseal error from a shared reader as a `DeliveryError` with the same code and message;
/// `TypeError`s (wrong JavaScript types) pass unchanged.
fn rethrow(e: JsValue) -> JsValue {
    if e.is_instance_of::<TypeError>() {
        return e;
    }
    match (convert::get(&e, "code").as_string(), convert::get(&e, "message").as_string()) {
        (Some(code), Some(message)) => delivery_error(&code, &message),
        _ => e,
    }
}

/// The core's error as a `DeliveryError`; `invalid_config` carries the validation's `errors`,
/// `fieldErrors` and `response` as `validateConfig` returns them (never the config's values).
fn planning_error(e: &DeliveryError) -> JsValue {
    let text = e.to_string();
    // Display ends with " (code)"; JavaScript errors carry the code as a property instead.
    let suffix = format!(" ({})", e.code());
    let out = delivery_error(e.code(), text.strip_suffix(suffix.as_str()).unwrap_or(&text));
    if let (Some(validation), Some(target)) = (e.validation(), out.dyn_ref::<Object>()) {
        let result = validation_to_js(validation);
        for key in ["errors", "fieldErrors", "response"] {
            let value = convert::get(&result, key);
            if !value.is_undefined() {
                set(target, key, &value);
            }
        }
    }
    out
}

fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

fn url_options(options: &JsValue) -> Result<UrlOptions, JsValue> {
    Ok(UrlOptions {
        allow_http: convert::optional_bool(options, "allowHttp")?,
        allow_private: convert::optional_bool(options, "allowPrivate")?,
    })
}

/// `planDelivery({ config, schema: 'jurichat' | 'jelou' | 'talkover' | 'standard-webhooks-endpoint', events?, … })`.
#[wasm_bindgen(js_name = planDelivery)]
pub fn plan_delivery(options: &JsValue) -> Result<JsValue, JsValue> {
    if !options.is_object() {
        return Err(type_error(
            "planDelivery takes an object such as { config, schema: 'talkover', scheme, secret, event, body }",
        ));
    }
    let name = convert::get(options, "schema").as_string().ok_or_else(|| {
        type_error("`schema` must be a built-in schema name or a CompiledSchema from compileSchema (with `fields`)")
    })?;
    let builtin = Builtin::from_name(&name).ok_or_else(|| {
        let names = convert::listed(Builtin::ALL.map(Builtin::name));
        error(
            ErrorKind::Delivery,
            Code::InvalidSchema,
            &format!("unknown built-in schema; use {names} or a CompiledSchema"),
        )
    })?;
    if !absent(&convert::get(options, "fields")) {
        return Err(invalid_options("`fields` maps a compiled schema; a built-in schema has its own mapping"));
    }
    let events = match convert::get(options, "events") {
        v if absent(&v) => None,
        v if Array::is_array(&v) => Some(
            Array::from(&v)
                .iter()
                .map(|e| e.as_string().ok_or_else(|| type_error("`events` must be an array of strings")))
                .collect::<Result<Vec<String>, _>>()?,
        ),
        _ => return Err(type_error("`events` must be an array of strings")),
    };
    let planner = Planner::builtin(builtin, &BuiltinOptions { events }, url_options(options)?)
        .map_err(|e| error(ErrorKind::Delivery, e.code(), e.message()))?
        .with_url_parser(host_url);
    plan_with(&planner, options)
}

/// `planDelivery` for a `CompiledSchema` (`js/deliver.mjs` dispatches on the schema's class).
#[wasm_bindgen(js_name = __planDeliveryCompiled)]
pub fn plan_delivery_compiled(schema: &CompiledSchema, options: &JsValue) -> Result<JsValue, JsValue> {
    if !absent(&convert::get(options, "events")) {
        return Err(invalid_options("`events` applies to a built-in schema; pass it to compileSchema instead"));
    }
    let fields = read_fields(&convert::get(options, "fields"))?;
    let planner = Planner::new(schema.schema.clone(), fields, url_options(options)?).with_url_parser(host_url);
    plan_with(&planner, options)
}

/// `fields: { url, events?, headers?, enabled? | disabled?, timeoutSeconds?, maxRetries?, auth?: { kind, credentials } }`.
fn read_fields(value: &JsValue) -> Result<Fields, JsValue> {
    if !value.is_object() {
        return Err(type_error("a compiled schema needs `fields`, such as { url: 'target', events: 'topics' }"));
    }
    let member = |key: &str| {
        convert::optional_string(value, key).map_err(|_| type_error(&format!("`fields.{key}` must be a member name")))
    };
    let url =
        member("url")?.ok_or_else(|| type_error("`fields.url` is required: the member holding the endpoint URL"))?;
    let enabled = match (member("enabled")?, member("disabled")?) {
        (Some(m), None) => Some(EnabledFlag::Enabled(m)),
        (None, Some(m)) => Some(EnabledFlag::Disabled(m)),
        (None, None) => None,
        (Some(_), Some(_)) => return Err(invalid_options("`fields` takes `enabled` or `disabled`, not both")),
    };
    let auth = match convert::get(value, "auth") {
        v if absent(&v) => None,
        v => {
            let text = |key: &str| {
                convert::optional_string(&v, key)
                    .ok()
                    .flatten()
                    .ok_or_else(|| type_error(&format!("`fields.auth.{key}` must be a member name")))
            };
            Some(AuthFields { kind: text("kind")?, credentials: text("credentials")? })
        }
    };
    Ok(Fields {
        events: member("events")?,
        headers: member("headers")?,
        enabled,
        timeout_seconds: member("timeoutSeconds")?,
        max_retries: member("maxRetries")?,
        auth,
        ..Fields::new(url)
    })
}

/// The body's bytes, and whether it was a string (the request gives back the same type).
fn read_body(value: &JsValue) -> Result<(Vec<u8>, bool), JsValue> {
    if value.is_string() {
        return Ok((super::text::string_bytes(value).unwrap_or_default(), true));
    }
    convert::bytes_of(value).map(|b| (b, false)).ok_or_else(|| {
        type_error("`body` must be the bytes to send: a string (sent as UTF-8), a Uint8Array or an ArrayBuffer")
    })
}

/// `config` (a value; a string is a JSON string) or `configJson` (JSON text, a string or UTF-8
/// bytes), exactly one. Text the strict parser refuses is an `invalid_config` like any other
/// config the schema refuses, with the `json` error and the provider's `400`.
fn read_config(planner: &Planner, options: &JsValue) -> Result<crate::json::Value, JsValue> {
    let value = convert::get(options, "config");
    let text = convert::get(options, "configJson");
    match (value.is_undefined(), text.is_undefined()) {
        (false, true) => input_value(&value).map_err(rethrow),
        (true, false) => {
            let refused = |e: &crate::Error| {
                planning_error(&DeliveryError::InvalidConfig(alloc::boxed::Box::new(planner.schema().parse_failure(e))))
            };
            let bytes = match super::text::strict_string(&text) {
                Some(Ok(text)) => text.into_bytes(),
                Some(Err(e)) => return Err(refused(&e)),
                None if text.is_instance_of::<Uint8Array>() => Uint8Array::from(text).to_vec(),
                None => return Err(type_error("`configJson` must be JSON text: a string or a Uint8Array")),
            };
            crate::json::parse(&bytes, &crate::json::ParseOptions::default()).map_err(|e| refused(&e))
        }
        (true, true) => Err(type_error(
            "`config` is required: the endpoint's stored configuration (a value; stored JSON text goes in `configJson`)",
        )),
        (false, false) => Err(invalid_options("give `config` (a value) or `configJson` (JSON text), not both")),
    }
}

fn plan_with(planner: &Planner, options: &JsValue) -> Result<JsValue, JsValue> {
    let config = read_config(planner, options)?;
    let signing = EndpointOptions::read(options).map_err(rethrow)?;
    let secrets = signing.secrets();
    let event =
        convert::get(options, "event").as_string().ok_or_else(|| type_error("`event` must be the event name"))?;
    let (body, body_is_text) = read_body(&convert::get(options, "body"))?;
    let id = convert::optional_string(options, "id").map_err(rethrow)?;
    let timestamp = match convert::optional_number(options, "timestamp").map_err(rethrow)? {
        Some(t) => convert::whole_seconds(t, "timestamp").map_err(rethrow)?,
        None => convert::whole_seconds(js_sys::Date::now() / 1000.0, "timestamp").map_err(rethrow)?,
    };
    let message = Message { event: &event, body: &body, id: id.as_deref(), timestamp };
    let out = Object::new();
    match planner.plan(&config, &signing.config(&secrets), &message, convert::fill_random) {
        Ok(Planned::Deliver(request)) => {
            set(&out, "send", &JsValue::TRUE);
            let body = if body_is_text {
                convert::get(options, "body")
            } else {
                Uint8Array::from(request.body.as_slice()).into()
            };
            set(&out, "request", &request_to_js(&request, &body));
        }
        Ok(Planned::Skip(reason)) => {
            set(&out, "send", &JsValue::FALSE);
            set(&out, "reason", &JsValue::from_str(reason.code()));
            set(&out, "message", &JsValue::from_str(reason.message()));
        }
        Err(e) => return Err(planning_error(&e)),
    }
    Ok(out.into())
}

fn millis(d: Duration) -> JsValue {
    // Every duration here is below 2^53 ms (timeouts of a day, schedules capped), so f64 is exact.
    #[allow(clippy::cast_precision_loss)]
    let ms = u64::try_from(d.as_millis()).unwrap_or(u64::MAX) as f64;
    JsValue::from_f64(ms)
}

fn request_to_js(request: &Request, body: &JsValue) -> JsValue {
    let out = Object::new();
    set(&out, "url", &JsValue::from_str(&request.url));
    set(&out, "method", &JsValue::from_str(request.method));
    // The core refuses two headers whose names differ only in case, so lower-casing loses none.
    let headers = Object::new();
    for (name, value) in &request.headers {
        set(&headers, &name.to_ascii_lowercase(), &JsValue::from_str(value));
    }
    set(&out, "headers", &headers);
    set(&out, "body", body);
    if let Some(id) = &request.id {
        set(&out, "id", &JsValue::from_str(id));
    }
    // Timestamps come from `whole_seconds`, below 9e15, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let timestamp = request.timestamp as f64;
    set(&out, "timestamp", &JsValue::from_f64(timestamp));
    set(&out, "timeoutMs", &millis(request.timeout));
    set(&out, "maxRetries", &JsValue::from_f64(f64::from(request.max_retries)));
    out.into()
}

/// A whole number of milliseconds from `options[key]`, if present.
fn optional_ms(options: &JsValue, key: &str) -> Result<Option<Duration>, JsValue> {
    match convert::optional_number(options, key).map_err(rethrow)? {
        None => Ok(None),
        Some(n) => {
            let ms = convert::whole_seconds(n, key).map_err(rethrow)?;
            Ok(Some(Duration::from_millis(u64::try_from(ms).unwrap_or(0))))
        }
    }
}

/// `retrySchedule(plan | { maxRetries }, { preset?, baseMs?, capMs?, random? })` → delays in ms.
#[wasm_bindgen(js_name = retrySchedule)]
pub fn retry_schedule(plan: &JsValue, options: &JsValue) -> Result<Array, JsValue> {
    let request = convert::get(plan, "request");
    let holder = if request.is_object() { &request } else { plan };
    let max_retries =
        convert::get(holder, "maxRetries").as_f64().filter(|n| *n % 1.0 == 0.0 && *n >= 0.0).ok_or_else(|| {
            type_error("retrySchedule takes a plan with send: true (planDelivery) or { maxRetries: <whole number> }")
        })?;
    // Any count past the core's bound gives the bound's schedule.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let max_retries = max_retries.min(f64::from(u32::MAX)) as u32;
    let base = optional_ms(options, "baseMs")?;
    let cap = optional_ms(options, "capMs")?;
    let schedule = match convert::optional_string(options, "preset").map_err(rethrow)?.as_deref() {
        None | Some("exponential") => {
            let default = Backoff::default();
            RetrySchedule::Exponential(Backoff { base: base.unwrap_or(default.base), cap: cap.unwrap_or(default.cap) })
        }
        Some("svix") if base.is_none() && cap.is_none() => RetrySchedule::Svix,
        Some("svix") => return Err(invalid_options("`baseMs` and `capMs` apply to the exponential preset")),
        Some(_) => return Err(invalid_options("`preset` must be 'exponential' or 'svix'")),
    };
    let random = match convert::get(options, "random") {
        v if absent(&v) => None,
        v => Some(v.dyn_into::<Function>().map_err(|_| type_error("`random` must be a function like Math.random"))?),
    };
    let mut failure = None;
    let delays = schedule.delays(max_retries, || match next_random(random.as_ref()) {
        Ok(n) => n,
        Err(e) => {
            failure.get_or_insert(e);
            0
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(delays.into_iter().map(millis).collect())
}

/// A uniform `u32`: from `random()` in `[0, 1)` like `Math.random`, else `crypto.getRandomValues`.
fn next_random(random: Option<&Function>) -> Result<u32, JsValue> {
    let Some(random) = random else {
        let mut bytes = [0u8; 4];
        convert::fill_random(&mut bytes).map_err(|e| error(ErrorKind::Delivery, e.code(), e.message()))?;
        return Ok(u32::from_le_bytes(bytes));
    };
    let r = random.call0(&JsValue::UNDEFINED)?.as_f64().filter(|r| (0.0..1.0).contains(r));
    let r = r.ok_or_else(|| invalid_options("`random()` must return a number in [0, 1) like Math.random"))?;
    // r · 2^32 is in [0, 2^32), so the truncation is a floor into u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok((r * 4_294_967_296.0) as u32)
}

/// `classifyAttempt({ status?, retryAfter?, error? }, { now?, retryAfterCapMs? })` →
/// `{ verdict, retryAfterMs?, reason? }`.
#[wasm_bindgen(js_name = classifyAttempt)]
pub fn classify_attempt(outcome: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    if !outcome.is_object() {
        return Err(type_error("classifyAttempt takes { status, retryAfter? } or { error: 'timeout' | 'dns' | … }"));
    }
    let retry_after = convert::optional_string(outcome, "retryAfter").map_err(rethrow)?;
    let status = convert::optional_number(outcome, "status").map_err(rethrow)?;
    let attempt = match (status, convert::optional_string(outcome, "error").map_err(rethrow)?.as_deref()) {
        (Some(status), None) => {
            let status = (status % 1.0 == 0.0 && (0.0..=65535.0).contains(&status))
                .then_some(status)
                .ok_or_else(|| invalid_options("`status` must be an HTTP status code"))?;
            // Checked above: a whole number in u16's range.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let status = status as u16;
            Attempt::Response { status, retry_after: retry_after.as_deref() }
        }
        (None, Some(code)) => match Attempt::WITHOUT_RESPONSE.into_iter().find(|(c, _)| *c == code) {
            Some((_, attempt)) => attempt,
            None => {
                let names = convert::one_of(Attempt::WITHOUT_RESPONSE.map(|(c, _)| c));
                return Err(invalid_options(&format!("`error` must be {names}")));
            }
        },
        _ => return Err(invalid_options("pass `status` (a response arrived) or `error` (none did), not both")),
    };
    let now = match convert::optional_number(options, "now").map_err(rethrow)? {
        Some(n) => n,
        None => js_sys::Date::now() / 1000.0,
    };
    let now = convert::whole_seconds(now, "now").map_err(rethrow)?;
    let cap = optional_ms(options, "retryAfterCapMs")?.unwrap_or(DEFAULT_RETRY_AFTER_CAP);
    let out = Object::new();
    let verdict = |name: &str| set(&out, "verdict", &JsValue::from_str(name));
    match classify(&attempt, now, cap) {
        Verdict::Delivered => verdict("delivered"),
        Verdict::Retry { after } => {
            verdict("retry");
            if let Some(after) = after {
                set(&out, "retryAfterMs", &millis(after));
            }
        }
        Verdict::Stop(reason) => {
            verdict("stop");
            set(&out, "reason", &JsValue::from_str(reason.code()));
        }
    }
    Ok(out.into())
}

/// `checkResolvedAddress(ip, { allowPrivate? })` → `{ ok: true, address } | { ok: false, code, message }`.
#[wasm_bindgen(js_name = checkResolvedAddress)]
pub fn check_address(address: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let address =
        address.as_string().ok_or_else(|| type_error("the address must be a string such as '93.184.215.14'"))?;
    let out = Object::new();
    match check_resolved_address(&address, convert::optional_bool(options, "allowPrivate")?) {
        Ok(ip) => {
            set(&out, "ok", &JsValue::TRUE);
            set(&out, "address", &JsValue::from_str(&ip.to_string()));
        }
        Err(refusal) => {
            set(&out, "ok", &JsValue::FALSE);
            set(&out, "code", &JsValue::from_str(refusal.code()));
            set(&out, "message", &JsValue::from_str(refusal.message()));
        }
    }
    Ok(out.into())
}
