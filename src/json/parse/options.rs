//! [`ParseOptions`]: the parser's limits, each with a default fit for webhook bodies and its own
//! error code, and its number strictness.

#[cfg(doc)]
use crate::error::Code;

/// The nesting limit of [`ParseOptions::default`]: 128 levels of arrays and objects.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// The largest nesting limit the parser honours; a larger [`ParseOptions::max_depth`] is lowered to
/// this. The drop, clone and comparison of a [`Value`](crate::json::Value) recurse, so a value
/// must stay shallow enough for them to run on a small (wasm) stack.
pub const MAX_DEPTH_CAP: usize = 1024;

/// The input size limit of [`ParseOptions::default`]: 32 MiB. GitHub, the largest of the common
/// providers, caps a delivery at 25 MB, so no real webhook body is refused, while a hostile body
/// cannot make the parser build a value of unbounded size (a parsed value takes a small multiple
/// of its text in memory).
pub const DEFAULT_MAX_INPUT_LEN: usize = 32 << 20;

/// The string length limit of [`ParseOptions::default`]: 1 MiB of UTF-8 (after unescaping), for
/// values and property names alike. Webhook fields are short texts (GitHub caps an issue body at
/// 65,536 characters, Stripe a metadata value at 500) and files travel as links, so a longer
/// string is far more likely an attack on the receiver than data.
pub const DEFAULT_MAX_STRING_LEN: usize = 1 << 20;

/// The array length limit of [`ParseOptions::default`]: 100,000 elements. Real payloads list at
/// most a few thousand items per array (GitHub's push event at most 2,048 commits, Stripe's lists
/// at most 100 per page); the limit keeps what one array costs downstream bounded.
pub const DEFAULT_MAX_ITEMS: usize = 100_000;

/// The object size limit of [`ParseOptions::default`]: 100,000 members. Real payloads have tens of
/// members per object; each object's names are sorted once (for duplicates, lookups and the
/// canonical order), and the limit bounds that sort.
pub const DEFAULT_MAX_MEMBERS: usize = 100_000;

/// Options for [`parse`](super::parse): the limits, each with its own error [`Code`], and number
/// strictness.
///
/// Every limit has a default fit for webhook bodies; raise one for other data (`usize::MAX`
/// turns a size limit off; depth is always capped at [`MAX_DEPTH_CAP`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// How deeply arrays and objects may nest: `0` allows only a scalar, `1` allows `[1]` but not
    /// `[[1]]`. Default [`DEFAULT_MAX_DEPTH`]; values above [`MAX_DEPTH_CAP`] count as the cap.
    pub max_depth: usize,
    /// Refuse, with `number_out_of_range`, an integer literal (no fraction, no exponent) whose
    /// magnitude exceeds 2^53. By default such a number becomes the nearest double, as JavaScript
    /// and RFC 8785 do, so `9007199254740993` and `9007199254740992` canonicalize, and so sign,
    /// identically; turn this on when such integers are identifiers that must not collide.
    pub exact_integers: bool,
    /// Longest input, in bytes; a longer one is refused with `json_too_large` before anything
    /// else is read. Default [`DEFAULT_MAX_INPUT_LEN`].
    pub max_input_len: usize,
    /// Longest string (value or property name), in bytes of UTF-8 after unescaping; a longer one
    /// is refused with `string_too_long`. Default [`DEFAULT_MAX_STRING_LEN`].
    pub max_string_len: usize,
    /// Most elements in one array; more are refused with `too_many_items`. Default
    /// [`DEFAULT_MAX_ITEMS`].
    pub max_items: usize,
    /// Most members in one object; more are refused with `too_many_members`. Default
    /// [`DEFAULT_MAX_MEMBERS`].
    pub max_members: usize,
}

impl ParseOptions {
    /// The defaults: the `DEFAULT_MAX_*` limits, large integers rounded.
    pub const fn new() -> ParseOptions {
        ParseOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            exact_integers: false,
            max_input_len: DEFAULT_MAX_INPUT_LEN,
            max_string_len: DEFAULT_MAX_STRING_LEN,
            max_items: DEFAULT_MAX_ITEMS,
            max_members: DEFAULT_MAX_MEMBERS,
        }
    }
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions::new()
    }
}
