//! JSON values and the strict I-JSON parser that canonicalization and schema validation share.

#[cfg(feature = "host-numbers")]
pub(crate) mod host;
mod map;
mod parse;
mod scan;
#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "schema")]
mod text;
mod value;
mod write;

#[cfg(feature = "serde")]
pub use self::serde::to_value;
pub use map::Map;
pub use parse::{
    parse, ParseOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_LEN, DEFAULT_MAX_ITEMS, DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_STRING_LEN, MAX_DEPTH_CAP,
};
pub use value::Value;

pub(crate) use map::SCAN_MAX;
pub(crate) use parse::parse_decimal;
pub(crate) use scan::plain_len;
#[cfg(feature = "schema")]
pub(crate) use text::write_json;
#[cfg(feature = "schema")]
pub(crate) use write::write_string;
pub(crate) use write::{write_ecmascript_number, write_tree, TextStyle};
