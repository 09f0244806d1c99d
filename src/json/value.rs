//! An in-memory JSON value.
//!
//! Numbers are IEEE-754 doubles, as in JavaScript and as RFC 8785 requires. Objects keep their
//! members in input order (canonical output sorts them when written) and never hold a name twice:
//! the parser refuses duplicates, and [`Map::insert`] replaces.

use alloc::string::String;
use alloc::vec::Vec;

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

/// The members of a JSON object, in insertion order, names unique.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    members: Vec<(String, Value)>,
}

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map::default()
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A mutable reference to the value of member `name`.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.members.iter_mut().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// True if the object has member `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets member `name`, replacing its value if present; returns the old value.
    pub fn insert(&mut self, name: String, value: Value) -> Option<Value> {
        match self.get_mut(&name) {
            Some(slot) => Some(core::mem::replace(slot, value)),
            None => {
                self.members.push((name, value));
                None
            }
        }
    }

    /// An object from members whose names are known to be distinct (the parser checks them).
    pub(crate) fn from_unique(members: Vec<(String, Value)>) -> Map {
        Map { members }
    }

    /// Appends a member known not to be present (the parser checks duplicates itself).
    #[allow(dead_code)] // used by the parser
    pub(crate) fn push_unchecked(&mut self, name: String, value: Value) {
        self.members.push((name, value));
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True if the object has no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Members in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.members.iter().map(|(k, v)| (k, v))
    }

    /// Members in insertion order, values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut Value)> {
        self.members.iter_mut().map(|(k, v)| (&*k, v))
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Map {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
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

    #[test]
    fn map_insert_replaces() {
        let mut m = Map::new();
        assert_eq!(m.insert("a".into(), Value::Null), None);
        assert_eq!(m.insert("a".into(), Value::Bool(true)), Some(Value::Null));
        assert_eq!(m.len(), 1);
        assert_eq!(m.get("a"), Some(&Value::Bool(true)));
    }
}
