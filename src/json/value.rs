//! An in-memory JSON value.
//!
//! Numbers are IEEE-754 doubles, as in JavaScript and as RFC 8785 requires. Objects keep their
//! members in input order (canonical output sorts them when written) and never hold a name twice:
//! the parser refuses duplicates, and [`Map::insert`] replaces.

use alloc::string::String;
use alloc::vec::Vec;

use super::Map;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A finite double.
    Number(f64),
    /// A string (always valid Unicode: lone surrogates are refused).
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

impl Value {
    /// The JSON Schema type name: `null`, `boolean`, `number`, `string`, `array` or `object`
    /// (`integer` is a kind of `number`, see [`Value::is_integer`]).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// True for a number with no fractional part.
    pub fn is_integer(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_finite() && *n == libm_trunc(*n))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// A member of an object by name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(name))
    }
}

/// `f64::trunc` without `std`: exact for every double.
fn libm_trunc(x: f64) -> f64 {
    // Doubles at or beyond 2^52 in magnitude have no fractional bits.
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let t = (x as i64) as f64;
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_numbers_without_fraction() {
        assert!(Value::Number(1.0).is_integer());
        assert!(Value::Number(-0.0).is_integer());
        assert!(Value::Number(1e300).is_integer());
        assert!(!Value::Number(1.5).is_integer());
        assert!(!Value::Number(-2.5e-300).is_integer());
        assert!(!Value::String("1".into()).is_integer());
    }
}
