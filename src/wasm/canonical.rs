//! JavaScript values as JSON values, read as `JSON.stringify` reads them, for the schema bindings.
//! (`canonicalize` and `canonicalizeValue` cross as text: `texts.rs`.)

use alloc::format;
use alloc::vec::Vec;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::text::strict_string;
use crate::error::{Code, Error};
use crate::json::{Map, Value, DEFAULT_MAX_DEPTH};

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
