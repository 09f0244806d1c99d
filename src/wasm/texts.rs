//! The flat crossing for JSON text: `canonicalize`, `canonicalizeValue` (the full entry) and
//! schema validation (the full and config entries: `validate` of a value, `validateJson` of text).
//!
//! JavaScript hands values over as JSON text (its native `JSON.stringify` walks the object, calls
//! `toJSON` and drops `undefined` faster than any crossing per property could) written straight
//! into wasm memory, and reads results back as text (for validation, one JSON text that
//! `JSON.parse` turns into the result object). See `js/texts.mjs`.

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

use super::region::Region;
use crate::error::Error;

/// One per module instance, created when the package loads and never freed.
#[wasm_bindgen]
#[derive(Default)]
pub struct Texts {
    region: Region,
}

#[wasm_bindgen]
impl Texts {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Texts {
        Texts::default()
    }

    /// Where the numeric results are (the address never changes).
    pub fn slots(&self) -> u32 {
        self.region.slots_ptr()
    }

    /// Makes the input region at least `len` bytes long and returns its address.
    pub fn reserve(&mut self, len: u32) -> u32 {
        self.region.reserve(len)
    }
}

#[cfg(feature = "wasm-full")]
#[wasm_bindgen]
impl Texts {
    /// RFC 8785 form of the JSON text in the first `len` input bytes. 0 on success (the output is
    /// the canonical text), 1 on failure (the output is the code, a line feed and the message).
    /// `canonicalizeValue`'s `JSON.stringify` text comes here too: its tokens are already
    /// canonical, so it takes the token path (`canonical::canonicalize_with`).
    pub fn canonicalize(&mut self, len: u32) -> u32 {
        let result = self.input(len as usize).and_then(crate::canonical::canonicalize).map(String::into_bytes);
        self.answer(result)
    }
}

#[wasm_bindgen]
impl Texts {
    /// Validates a value, which `JSON.stringify` wrote as text into the first `len` input bytes,
    /// with `schema`. 0 on success (the output is the whole result as JSON text,
    /// `Validation::write_json`), 1 if the value has no I-JSON form (a lone surrogate, too deep;
    /// the output is the code, a line feed and the message): a value the caller built, so the
    /// call throws, as `canonicalizeValue` does.
    pub fn validate(&mut self, schema: &super::schema::CompiledSchema, len: u32) -> u32 {
        let options = crate::json::ParseOptions::default();
        let result = self.input(len as usize).and_then(|text| crate::json::parse(text, &options)).map(|value| {
            let mut out = String::new();
            schema.schema.validate_owned(value).write_json(&mut out);
            out.into_bytes()
        });
        self.answer(result)
    }

    /// `validateJson`: validates the JSON text in the first `len` input bytes with `schema`. Text
    /// the strict parser refuses is an invalid result (`Schema::parse_failure`), not an error, so
    /// this answers 0 with the result as JSON text unless the length is out of bounds.
    #[wasm_bindgen(js_name = validateJson)]
    pub fn validate_json(&mut self, schema: &super::schema::CompiledSchema, len: u32) -> u32 {
        let schema = &schema.schema;
        let result = self.input(len as usize).map(|text| {
            let validation = schema.validate_json(text).unwrap_or_else(|e| schema.parse_failure(&e));
            validation.to_json().into_bytes()
        });
        self.answer(result)
    }

    /// `validateJson` of a JavaScript string holding a lone surrogate, which `TextEncoder` would
    /// replace: the parser's `lone_surrogate` result, without parsing.
    #[wasm_bindgen(js_name = validateLoneSurrogate)]
    pub fn validate_lone_surrogate(&mut self, schema: &super::schema::CompiledSchema) -> u32 {
        let error = Error::new(crate::error::Code::LoneSurrogate, "the text holds an unpaired UTF-16 surrogate");
        let bytes = schema.schema.parse_failure(&error).to_json().into_bytes();
        self.answer(Ok(bytes))
    }
}

impl Texts {
    fn input(&self, len: usize) -> Result<&[u8], Error> {
        self.region.input(len)
    }

    /// Publishes `result`: the bytes as the output, or the error (see [`Region::answer`]).
    fn answer(&mut self, result: Result<Vec<u8>, Error>) -> u32 {
        let result = result.map(|bytes| self.region.output = bytes);
        self.region.answer(result)
    }
}
