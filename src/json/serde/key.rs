//! Map keys to member names, for [`to_value`](super::to_value): strings as themselves, integers
//! and booleans as their text (as serde_json writes them), anything else refused.

use alloc::string::{String, ToString};

use ::serde::ser::{self, Impossible, Serialize};

use super::to_value::{fail, SerError};
use crate::error::Code;

/// Serializes a map key to the member name it becomes.
pub(super) struct KeySerializer;

type Key = core::result::Result<String, SerError>;

fn not_a_name<T>() -> core::result::Result<T, SerError> {
    fail(
        Code::UnsupportedValue,
        "an object member name must be a string, a char, an integer or a bool (a float has no single spelling)",
    )
}

fn decimal(n: impl itoa::Integer) -> Key {
    Ok(String::from(itoa::Buffer::new().format(n)))
}

/// Integer names are written as their decimal text, as serde_json writes them.
macro_rules! decimal_keys {
    ($($method:ident $int:ty),*) => {
        $(fn $method(self, v: $int) -> Key {
            decimal(v)
        })*
    };
}

impl ser::Serializer for KeySerializer {
    type Ok = String;
    type Error = SerError;
    type SerializeSeq = Impossible<String, SerError>;
    type SerializeTuple = Impossible<String, SerError>;
    type SerializeTupleStruct = Impossible<String, SerError>;
    type SerializeTupleVariant = Impossible<String, SerError>;
    type SerializeMap = Impossible<String, SerError>;
    type SerializeStruct = Impossible<String, SerError>;
    type SerializeStructVariant = Impossible<String, SerError>;

    fn serialize_bool(self, v: bool) -> Key {
        Ok(String::from(if v { "true" } else { "false" }))
    }
    decimal_keys!(serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64, serialize_i128 i128);
    decimal_keys!(serialize_u8 u8, serialize_u16 u16, serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);
    fn serialize_f32(self, _: f32) -> Key {
        not_a_name()
    }
    fn serialize_f64(self, _: f64) -> Key {
        not_a_name()
    }
    fn serialize_char(self, v: char) -> Key {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Key {
        Ok(String::from(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Key {
        not_a_name()
    }
    fn serialize_none(self) -> Key {
        not_a_name()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Key {
        not_a_name()
    }
    fn serialize_unit(self) -> Key {
        not_a_name()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Key {
        not_a_name()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Key {
        Ok(String::from(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Key {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Key {
        not_a_name()
    }
    fn serialize_seq(self, _: Option<usize>) -> core::result::Result<Self::SerializeSeq, SerError> {
        not_a_name()
    }
    fn serialize_tuple(self, _: usize) -> core::result::Result<Self::SerializeTuple, SerError> {
        not_a_name()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> core::result::Result<Self::SerializeTupleStruct, SerError> {
        not_a_name()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> core::result::Result<Self::SerializeTupleVariant, SerError> {
        not_a_name()
    }
    fn serialize_map(self, _: Option<usize>) -> core::result::Result<Self::SerializeMap, SerError> {
        not_a_name()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> core::result::Result<Self::SerializeStruct, SerError> {
        not_a_name()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> core::result::Result<Self::SerializeStructVariant, SerError> {
        not_a_name()
    }
}
