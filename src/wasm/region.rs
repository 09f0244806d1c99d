//! How the flat crossings (`engine.rs`, `texts.rs`) exchange data with JavaScript: one reusable
//! input region that JavaScript writes into, one output region it reads in place, and a few
//! numeric slots, all at addresses JavaScript learns once.

use alloc::vec::Vec;

use crate::error::{Code, Error};

/// Slots every crossing shares: where the output is and how long (`js/engine.mjs`, `js/texts.mjs`).
pub(crate) const OUTPUT_PTR: usize = 2;
pub(crate) const OUTPUT_LEN: usize = 3;

#[derive(Default)]
pub(crate) struct Region {
    pub(crate) input: Vec<u8>,
    pub(crate) output: Vec<u8>,
    pub(crate) slots: [f64; 8],
}

impl Region {
    /// Where the slots are (eight `f64`s; the address never changes).
    pub(crate) fn slots_ptr(&self) -> u32 {
        self.slots.as_ptr() as u32
    }

    /// Makes the input region at least `len` bytes long and returns its address.
    pub(crate) fn reserve(&mut self, len: u32) -> u32 {
        let len = len as usize;
        if self.input.len() < len {
            self.input.resize(len, 0);
        }
        self.input.as_ptr() as u32
    }

    /// The first `len` input bytes.
    #[cfg(feature = "wasm-config")]
    pub(crate) fn input(&self, len: usize) -> Result<&[u8], Error> {
        self.input.get(..len).ok_or_else(missing_input)
    }

    /// A call's status for JavaScript: 0 on success (the output is what the call wrote), 1 on
    /// failure (the output is the error's code, a line feed and its message).
    pub(crate) fn answer(&mut self, result: Result<(), Error>) -> u32 {
        let status = match result {
            Ok(()) => 0,
            Err(e) => {
                self.output.clear();
                self.output.extend_from_slice(e.code().as_str().as_bytes());
                self.output.push(b'\n');
                self.output.extend_from_slice(e.message().as_bytes());
                1
            }
        };
        self.slots[OUTPUT_PTR] = self.output.as_ptr() as u32 as f64;
        self.slots[OUTPUT_LEN] = self.output.len() as f64;
        status
    }
}

pub(crate) fn missing_input() -> Error {
    Error::new(Code::InvalidOptions, "the input region is shorter than the call says")
}
