//! `canonicalize` and `canonicalizeValue`: RFC 8785 from JavaScript.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::errors::{to_js, type_error, ErrorKind};
use super::text::strict_string;
use crate::error::{Code, Error};
use crate::json::{Map, Value, DEFAULT_MAX_DEPTH};

fn canonical_error(e: &Error) -> JsValue {
    to_js(ErrorKind::Canonicalization, e)
}

/// `canonicalize(json: string | Uint8Array) → string`.
#[wasm_bindgen(js_name = canonicalize)]
pub fn canonicalize(json: &JsValue) -> Result<String, JsValue> {
    let bytes = match strict_string(json) {
        Some(text) => text.map_err(|e| canonical_error(&e))?.into_bytes(),
        None => match json.dyn_ref::<Uint8Array>() {
            Some(a) => a.to_vec(),
            None => return Err(type_error("canonicalize takes JSON text (a string or a Uint8Array)")),
        },
    };
    crate::canonical::canonicalize(&bytes).map_err(|e| canonical_error(&e))
}

/// `canonicalizeValue(value: unknown) → string`, for an in-memory value, like npm `canonicalize`.
#[wasm_bindgen(js_name = canonicalizeValue)]
pub fn canonicalize_value(value: &JsValue) -> Result<String, JsValue> {
    let mut ancestors = Vec::new();
    let value = from_js(value, &mut ancestors).map_err(|e| canonical_error(&e))?;
    let value =
        value.ok_or_else(|| canonical_error(&Error::new(Code::UnsupportedValue, "undefined has no JSON form")))?;
    crate::canonical::to_canonical_string(&value).map_err(|e| canonical_error(&e))
}

/// Converts as `JSON.stringify` reads a value: `toJSON` is called, `undefined` members are left
/// out (`None`), and what JSON cannot hold is an error rather than silently dropped.
pub(crate) fn from_js(value: &JsValue, ancestors: &mut Vec<JsValue>) -> Result<Option<Value>, Error> {
    if value.is_undefined() {
        return Ok(None);
    }
    if value.is_null() {
        return Ok(Some(Value::Null));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(n) = value.as_f64() {
        if !n.is_finite() {
            return Err(Error::new(Code::NumberOutOfRange, "NaN and Infinity have no JSON form"));
        }
        return Ok(Some(Value::Number(n)));
    }
    if let Some(text) = strict_string(value) {
        return text.map(|s| Some(Value::String(s)));
    }
    if value.is_function() || value.is_symbol() || value.is_bigint() {
        let kind = if value.is_function() {
            "a function"
        } else if value.is_symbol() {
            "a symbol"
        } else {
            "a BigInt"
        };
        return Err(Error::with_message(Code::UnsupportedValue, format!("{kind} has no JSON form")));
    }
    if ancestors.iter().any(|a| Object::is(a, value)) {
        return Err(Error::new(Code::CircularReference, "the value contains itself"));
    }
    if ancestors.len() >= DEFAULT_MAX_DEPTH {
        return Err(Error::with_message(
            Code::TooDeep,
            format!("the value nests deeper than {DEFAULT_MAX_DEPTH} levels"),
        ));
    }
    let to_json = Reflect::get(value, &JsValue::from_str("toJSON")).unwrap_or(JsValue::UNDEFINED);
    if let Some(f) = to_json.dyn_ref::<js_sys::Function>() {
        let replaced = f.call0(value).map_err(|_| Error::new(Code::UnsupportedValue, "toJSON() threw"))?;
        ancestors.push(value.clone());
        let result = from_js(&replaced, ancestors);
        ancestors.pop();
        return result;
    }
    ancestors.push(value.clone());
    let result = if js_sys::Array::is_array(value) {
        let array = js_sys::Array::from(value);
        let mut items = Vec::with_capacity(array.length() as usize);
        for item in array.iter() {
            // As in JSON.stringify, an undefined element is written as null.
            items.push(from_js(&item, ancestors)?.unwrap_or(Value::Null));
        }
        Ok(Some(Value::Array(items)))
    } else {
        let mut map = Map::new();
        for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
            let member = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
            let name = match strict_string(&key) {
                Some(name) => name?,
                None => continue,
            };
            if let Some(v) = from_js(&member, ancestors)? {
                map.insert(name, v);
            }
        }
        Ok(Some(Value::Object(map)))
    };
    ancestors.pop();
    result
}
