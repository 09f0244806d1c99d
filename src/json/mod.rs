//! JSON values and the strict I-JSON parser that canonicalization and schema validation share.

mod map;
mod parse;
mod scan;
mod value;
mod write;

pub use map::Map;
pub use parse::{
    parse, ParseOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_LEN, DEFAULT_MAX_ITEMS, DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_STRING_LEN, MAX_DEPTH_CAP,
};
pub use value::Value;

pub(crate) use map::SCAN_MAX;
pub(crate) use parse::parse_decimal;
pub(crate) use scan::plain_len;
// `write_json` serves the schema engine's results; without it only the string and number writers
// are used (by the canonical writer).
#[cfg_attr(not(feature = "schema"), allow(unused_imports))]
pub(crate) use write::{write_ecmascript_number, write_json, write_string};
