//! JSON values and the strict I-JSON parser that canonicalization and schema validation share.

mod parse;
mod value;

pub use parse::{parse, ParseOptions, DEFAULT_MAX_DEPTH, MAX_DEPTH_CAP};
pub use value::{Map, Value};
