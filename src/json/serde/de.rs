//! `Deserialize` for [`Value`]: any self-describing format (serde_json, a `serde_json::Value`,
//! CBOR, YAML…) into a value that holds the parser's invariants and limits.
//!
//! The error type is the format's, so each refusal carries its [`Code`] in its message, written
//! as hookseal's [`Error`] displays: `… (too_deep)`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use ::serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use ::serde::Deserialize;

use super::{exact_integer, integer_message};
use crate::error::{Code, Error};
use crate::json::{Map, Value, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS, DEFAULT_MAX_MEMBERS, DEFAULT_MAX_STRING_LEN};

/// Reads a JSON value from any self-describing serde format, with the limits of
/// [`ParseOptions::default`](crate::json::ParseOptions::default): the same checks as
/// [`parse`](crate::json::parse) makes of JSON text, since the input is as untrusted.
///
/// Refused, with the code in the format's error message (`… (code)`):
///
/// - `too_deep`: arrays and objects nested deeper than [`DEFAULT_MAX_DEPTH`], refused as the
///   container opens, before anything inside it is read, so that a deep input cannot exhaust the
///   call stack even through a format that sets no depth limit of its own;
/// - `string_too_long`, `too_many_items`, `too_many_members`: a string, an array or an object
///   beyond [`DEFAULT_MAX_STRING_LEN`], [`DEFAULT_MAX_ITEMS`] or [`DEFAULT_MAX_MEMBERS`];
/// - `duplicate_key`: an object with a name twice;
/// - `number_out_of_range`: NaN or an infinity, or a value of an integer type beyond ±2^53.
///   `serde_json` hands over an integer literal as an integer when it fits a `u64` or `i64`, so
///   `9007199254740993` is refused; a literal with a fraction or an exponent, or one beyond
///   `u64`, it hands over as the nearest `f64`, which is taken as it is, as the parser takes it;
/// - `unsupported_value`: a byte string, or a member name that is not a string.
///
/// ```
/// use hookseal::json::Value;
///
/// let value: Value = serde_json::from_str(r#"{"id": 7, "tags": ["a", "b"]}"#).unwrap();
/// assert_eq!(value.get("id"), Some(&Value::Number(7.0)));
///
/// let twice = serde_json::from_str::<Value>(r#"{"a": 1, "a": 2}"#).unwrap_err();
/// assert!(twice.to_string().contains("(duplicate_key)"));
/// let big = serde_json::from_str::<Value>("9007199254740993").unwrap_err();
/// assert!(big.to_string().contains("(number_out_of_range)"));
/// ```
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        Seed { depth: 0 }.deserialize(deserializer)
    }
}

/// A value with `depth` containers open around it.
#[derive(Clone, Copy)]
struct Seed {
    depth: usize,
}

impl Seed {
    /// The seed of a container's members, or `too_deep` if this value may not be a container.
    fn open<E: de::Error>(self) -> Result<Seed, E> {
        if self.depth >= DEFAULT_MAX_DEPTH {
            return Err(refused(Error::with_message(
                Code::TooDeep,
                alloc::format!("arrays and objects nest deeper than {DEFAULT_MAX_DEPTH} levels"),
            )));
        }
        Ok(Seed { depth: self.depth + 1 })
    }
}

/// A format's error carrying `error`'s message and code.
fn refused<E: de::Error>(error: Error) -> E {
    E::custom(error)
}

fn string<E: de::Error>(s: &str) -> Result<String, E> {
    if s.len() > DEFAULT_MAX_STRING_LEN {
        return Err(refused(Error::with_message(
            Code::StringTooLong,
            alloc::format!("a string is {} bytes long; at most {DEFAULT_MAX_STRING_LEN} are accepted", s.len()),
        )));
    }
    Ok(String::from(s))
}

fn too_many<E: de::Error>(code: Code, what: &str, limit: usize) -> E {
    refused(Error::with_message(code, alloc::format!("more than {limit} {what} in one container")))
}

fn integer<E: de::Error>(n: i128) -> Result<Value, E> {
    exact_integer(n)
        .map(Value::Number)
        .ok_or_else(|| refused(Error::with_message(Code::NumberOutOfRange, integer_message(n))))
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        integer(i128::from(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        integer(i128::from(n))
    }

    fn visit_i128<E: de::Error>(self, n: i128) -> Result<Value, E> {
        integer(n)
    }

    fn visit_u128<E: de::Error>(self, n: u128) -> Result<Value, E> {
        match i128::try_from(n) {
            Ok(n) => integer(n),
            Err(_) => Err(refused(Error::with_message(Code::NumberOutOfRange, integer_message(n)))),
        }
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        if !n.is_finite() {
            return Err(refused(Error::new(Code::NumberOutOfRange, "NaN and Infinity have no JSON form")));
        }
        Ok(Value::Number(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        string(s).map(Value::String)
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        if s.len() > DEFAULT_MAX_STRING_LEN {
            return string(&s).map(Value::String);
        }
        Ok(Value::String(s))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Err(refused(Error::new(Code::UnsupportedValue, "a byte string has no JSON form")))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.open()?;
        // The size hint is the input's word: trust it only as far as a small reservation.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(inner)? {
            if items.len() >= DEFAULT_MAX_ITEMS {
                return Err(too_many(Code::TooManyItems, "elements", DEFAULT_MAX_ITEMS));
            }
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.open()?;
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(name) = map.next_key_seed(Name)? {
            if members.len() >= DEFAULT_MAX_MEMBERS {
                return Err(too_many(Code::TooManyMembers, "members", DEFAULT_MAX_MEMBERS));
            }
            let value = map.next_value_seed(inner)?;
            members.push((name, value));
        }
        match Map::from_members(members) {
            Ok(map) => Ok(Value::Object(map)),
            Err((members, at)) => {
                let name = members.get(at).map_or("", |(name, _)| name.as_str());
                Err(refused(Error::with_message(
                    Code::DuplicateKey,
                    alloc::format!("an object holds the name {name:?} twice"),
                )))
            }
        }
    }
}

/// A member name: a string.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Name {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string as the member name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
        string(s)
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<String, E> {
        if s.len() > DEFAULT_MAX_STRING_LEN {
            return string(&s);
        }
        Ok(s)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<String, E> {
        Err(not_a_name())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<String, E> {
        Err(not_a_name())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<String, E> {
        Err(not_a_name())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<String, E> {
        Err(not_a_name())
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<String, E> {
        Err(not_a_name())
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Err(not_a_name())
    }
}

fn not_a_name<E: de::Error>() -> E {
    refused(Error::new(Code::UnsupportedValue, "a JSON member name must be a string"))
}
