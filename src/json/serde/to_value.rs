//! [`to_value`]: any `Serialize` type into a [`Value`], with hookseal's typed errors.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use ::serde::ser::{self, Serialize};

use super::key::KeySerializer;
use super::{exact_integer, integer_message};
use crate::error::{Code, Error, Result};
use crate::json::{Map, Value, DEFAULT_MAX_DEPTH};

/// The [`Value`] of anything serde can serialize, as `serde_json::to_value` would build it, but
/// refusing what JSON cannot hold exactly instead of changing it:
///
/// - structs and maps become objects with their members in order; a name that comes twice (a
///   `#[serde(flatten)]` can produce one) is refused with `duplicate_key`. Member names are
///   strings, `char`s or unit enum variants; integer and `bool` keys become their text (`1`,
///   `true`), as in `serde_json` and in JavaScript, where every property name is a string. Any
///   other key (a float, which has no single spelling, `None`, a sequence…) is refused with
///   `unsupported_value`;
/// - integers of any width become numbers if they are within ±2^53; beyond, a double cannot hold
///   them exactly, and they are refused with `number_out_of_range` (serialize such an id as a
///   string). Floats are taken as they are (an `f32` widened exactly); NaN and the infinities are
///   refused with `number_out_of_range`;
/// - byte strings (`serialize_bytes`) are refused with `unsupported_value`: JSON has no bytes,
///   and which text form they take is the application's choice;
/// - `None` and `()` become `null`, enums take serde's externally tagged form (`"Unit"`,
///   `{"Newtype": …}`), as in `serde_json`;
/// - containers nested deeper than [`DEFAULT_MAX_DEPTH`] are refused with `too_deep` (this also
///   stops a value that contains itself through a custom `Serialize`);
/// - a `Serialize` implementation's own error becomes `unsupported_value` with its message.
///
/// ```
/// use hookseal::json::{to_value, Value};
///
/// #[derive(serde::Serialize)]
/// struct Event<'a> { id: u64, kind: &'a str, amount: Option<f64> }
///
/// let value = to_value(&Event { id: 7, kind: "paid", amount: None })?;
/// assert_eq!(value.get("kind").and_then(Value::as_str), Some("paid"));
/// assert_eq!(value.get("amount"), Some(&Value::Null));
///
/// let big = to_value(&Event { id: u64::MAX, kind: "paid", amount: None }).unwrap_err();
/// assert_eq!(big.code(), hookseal::Code::NumberOutOfRange);
/// # Ok::<(), hookseal::Error>(())
/// ```
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    value.serialize(ValueSerializer { depth: 0 }).map_err(|e| e.0)
}

/// hookseal's [`Error`] as serde's serializer error.
#[derive(Debug)]
pub(crate) struct SerError(pub(crate) Error);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl core::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(message: T) -> SerError {
        SerError(Error::with_message(Code::UnsupportedValue, message.to_string()))
    }
}

type Out = core::result::Result<Value, SerError>;

pub(super) fn fail<T>(code: Code, message: &'static str) -> core::result::Result<T, SerError> {
    Err(SerError(Error::new(code, message)))
}

fn integer(n: i128) -> Out {
    exact_integer(n)
        .map(Value::Number)
        .ok_or_else(|| SerError(Error::with_message(Code::NumberOutOfRange, integer_message(n))))
}

fn float(n: f64) -> Out {
    if !n.is_finite() {
        return fail(
            Code::NumberOutOfRange,
            "NaN and Infinity have no JSON form and cannot be canonicalized (RFC 8785 3.2.2.3)",
        );
    }
    Ok(Value::Number(n))
}

/// Serializes one value with `depth` containers open around it.
#[derive(Clone, Copy)]
struct ValueSerializer {
    depth: usize,
}

impl ValueSerializer {
    /// The serializer of a container's members, or `too_deep` if this value may not be one.
    fn open(self) -> core::result::Result<ValueSerializer, SerError> {
        if self.depth >= DEFAULT_MAX_DEPTH {
            return Err(SerError(Error::with_message(
                Code::TooDeep,
                alloc::format!("arrays and objects nest deeper than {DEFAULT_MAX_DEPTH} levels"),
            )));
        }
        Ok(ValueSerializer { depth: self.depth + 1 })
    }
}

/// An object of one member: an enum variant's externally tagged form.
fn tagged(variant: &'static str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(String::from(variant), value);
    Value::Object(map)
}

fn object(members: Vec<(String, Value)>) -> Out {
    Map::from_members(members).map(Value::Object).map_err(|(members, at)| {
        let name = members.get(at).map_or("", |(name, _)| name.as_str());
        SerError(Error::with_message(Code::DuplicateKey, alloc::format!("an object holds the name {name:?} twice")))
    })
}

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = SerError;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Object;
    type SerializeStruct = Object;
    type SerializeStructVariant = Object;

    fn serialize_bool(self, v: bool) -> Out {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Out {
        integer(v.into())
    }
    fn serialize_i16(self, v: i16) -> Out {
        integer(v.into())
    }
    fn serialize_i32(self, v: i32) -> Out {
        integer(v.into())
    }
    fn serialize_i64(self, v: i64) -> Out {
        integer(v.into())
    }
    fn serialize_i128(self, v: i128) -> Out {
        integer(v)
    }
    fn serialize_u8(self, v: u8) -> Out {
        integer(v.into())
    }
    fn serialize_u16(self, v: u16) -> Out {
        integer(v.into())
    }
    fn serialize_u32(self, v: u32) -> Out {
        integer(v.into())
    }
    fn serialize_u64(self, v: u64) -> Out {
        integer(v.into())
    }
    fn serialize_u128(self, v: u128) -> Out {
        match i128::try_from(v) {
            Ok(v) => integer(v),
            Err(_) => Err(SerError(Error::with_message(Code::NumberOutOfRange, integer_message(v)))),
        }
    }
    fn serialize_f32(self, v: f32) -> Out {
        float(v.into())
    }
    fn serialize_f64(self, v: f64) -> Out {
        float(v)
    }
    fn serialize_char(self, v: char) -> Out {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Out {
        Ok(Value::String(String::from(v)))
    }
    fn serialize_bytes(self, _: &[u8]) -> Out {
        fail(Code::UnsupportedValue, "a byte string has no JSON form: serialize it as text (base64, hex) instead")
    }
    fn serialize_none(self) -> Out {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Out {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out {
        Ok(Value::String(String::from(variant)))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Out {
        Ok(tagged(variant, value.serialize(self.open()?)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> core::result::Result<Seq, SerError> {
        Seq::new(self, len, None)
    }
    fn serialize_tuple(self, len: usize) -> core::result::Result<Seq, SerError> {
        Seq::new(self, Some(len), None)
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> core::result::Result<Seq, SerError> {
        Seq::new(self, Some(len), None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> core::result::Result<Seq, SerError> {
        Seq::new(self.open()?, Some(len), Some(variant))
    }
    fn serialize_map(self, len: Option<usize>) -> core::result::Result<Object, SerError> {
        Object::new(self, len, None)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> core::result::Result<Object, SerError> {
        Object::new(self, Some(len), None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> core::result::Result<Object, SerError> {
        Object::new(self.open()?, Some(len), Some(variant))
    }
}

/// Reserves no more than this many slots on a length hint (a hint is the `Serialize` impl's word).
const RESERVE_MAX: usize = 64;

/// An array being built, and the variant that tags it, if any.
pub(crate) struct Seq {
    items: Vec<Value>,
    inner: ValueSerializer,
    variant: Option<&'static str>,
}

impl Seq {
    fn new(
        serializer: ValueSerializer,
        len: Option<usize>,
        variant: Option<&'static str>,
    ) -> core::result::Result<Seq, SerError> {
        let inner = serializer.open()?;
        Ok(Seq { items: Vec::with_capacity(len.unwrap_or(0).min(RESERVE_MAX)), inner, variant })
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> core::result::Result<(), SerError> {
        self.items.push(value.serialize(self.inner)?);
        Ok(())
    }

    fn finish(self) -> Out {
        let array = Value::Array(self.items);
        Ok(match self.variant {
            Some(variant) => tagged(variant, array),
            None => array,
        })
    }
}

/// Every sequence-like serde shape pushes its elements and ends as one array.
macro_rules! sequence_impls {
    ($($trait:ident $method:ident),*) => {
        $(impl ser::$trait for Seq {
            type Ok = Value;
            type Error = SerError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> core::result::Result<(), SerError> {
                self.push(value)
            }
            fn end(self) -> Out {
                self.finish()
            }
        })*
    };
}

sequence_impls!(
    SerializeSeq serialize_element,
    SerializeTuple serialize_element,
    SerializeTupleStruct serialize_field,
    SerializeTupleVariant serialize_field
);

/// An object being built: its members, the name waiting for its value (`serialize_key`), and the
/// variant that tags it, if any.
pub(crate) struct Object {
    members: Vec<(String, Value)>,
    key: Option<String>,
    inner: ValueSerializer,
    variant: Option<&'static str>,
}

impl Object {
    fn new(
        serializer: ValueSerializer,
        len: Option<usize>,
        variant: Option<&'static str>,
    ) -> core::result::Result<Object, SerError> {
        let inner = serializer.open()?;
        Ok(Object { members: Vec::with_capacity(len.unwrap_or(0).min(RESERVE_MAX)), key: None, inner, variant })
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> core::result::Result<(), SerError> {
        let value = value.serialize(self.inner)?;
        self.members.push((String::from(name), value));
        Ok(())
    }

    fn finish(self) -> Out {
        let object = object(self.members)?;
        Ok(match self.variant {
            Some(variant) => tagged(variant, object),
            None => object,
        })
    }
}

impl ser::SerializeMap for Object {
    type Ok = Value;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> core::result::Result<(), SerError> {
        self.key = Some(key.serialize(KeySerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> core::result::Result<(), SerError> {
        let Some(name) = self.key.take() else {
            return fail(Code::UnsupportedValue, "a map value was serialized without its key");
        };
        let value = value.serialize(self.inner)?;
        self.members.push((name, value));
        Ok(())
    }
    fn end(self) -> Out {
        self.finish()
    }
}

/// A struct and a struct variant both gather named fields into one object.
macro_rules! struct_impls {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Object {
            type Ok = Value;
            type Error = SerError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> core::result::Result<(), SerError> {
                self.field(name, value)
            }
            fn end(self) -> Out {
                self.finish()
            }
        })*
    };
}

struct_impls!(SerializeStruct, SerializeStructVariant);
