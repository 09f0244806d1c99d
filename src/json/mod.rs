//! JSON values and the strict I-JSON parser that canonicalization and schema validation share.

mod value;

pub use value::{Map, Value};
