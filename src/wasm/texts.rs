//! The flat crossing for JSON text: `canonicalize`, `canonicalizeValue` (the full entry) and
//! schema validation (the full and config entries).
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
    pub fn canonicalize(&mut self, len: u32) -> u32 {
        let result = self.input(len as usize).and_then(crate::canonical::canonicalize).map(String::into_bytes);
        self.answer(result)
    }

    /// [`Texts::canonicalize`] for text that `JSON.stringify` wrote (`canonicalizeValue`), which
    /// is canonical but for member order (`canonical::canonicalize_stringified`).
    #[wasm_bindgen(js_name = canonicalizeStringified)]
    pub fn canonicalize_stringified(&mut self, len: u32) -> u32 {
        let options = crate::json::ParseOptions::default();
        let result = self
            .input(len as usize)
            .and_then(|text| crate::canonical::canonicalize_stringified(text, &options))
            .map(String::into_bytes);
        self.answer(result)
    }
}

#[wasm_bindgen]
impl Texts {
    /// Validates the JSON text in the first `len` input bytes with `schema`. 0 on success (the
    /// output is the whole result as JSON text, `Validation::write_json`), 1 if the text is not
    /// I-JSON (the output is the code, a line feed and the message).
    pub fn validate(&mut self, schema: &super::schema::CompiledSchema, len: u32) -> u32 {
        let options = crate::json::ParseOptions::default();
        let result = self.input(len as usize).and_then(|text| crate::json::parse(text, &options)).map(|value| {
            let mut out = String::new();
            schema.schema.validate_owned(value).write_json(&mut out);
            out.into_bytes()
        });
        self.answer(result)
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
