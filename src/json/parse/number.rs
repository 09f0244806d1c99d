//! Numbers: the JSON grammar, checked while the digits are read, and the literal's double.

use alloc::format;

use super::{float, syntax, Parser};
use crate::error::{Code, Error, Result};

/// 2^53: every integer of at most this magnitude is exactly a double.
const MAX_EXACT_INTEGER: &str = "9007199254740992";

impl Parser<'_> {
    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    pub(super) fn number(&mut self) -> Result<f64> {
        let start = self.pos;
        let negative = self.eat(b'-');
        // The digits as one integer (`digits` of them, leading zeros included), for the exact
        // fast path below; past 19 digits it may have wrapped and is not used.
        let mut mantissa = 0u64;
        let mut digits = 0usize;
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                digits = 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(syntax(format!("leading zero in the number at byte {start}: write 1, not 01")));
                }
            }
            Some(b'1'..=b'9') => digits += self.digits(&mut mantissa),
            _ => return Err(self.bad_number(start, "a digit")),
        }
        let mut integer = true;
        let mut fraction = 0usize;
        if self.eat(b'.') {
            integer = false;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.bad_number(start, "a digit after the decimal point"));
            }
            fraction = self.digits(&mut mantissa);
            digits += fraction;
        }
        let mut exponent = 0u64;
        let mut exponent_digits = 0usize;
        let mut exponent_negative = false;
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(sign @ (b'+' | b'-')) = self.peek() {
                exponent_negative = sign == b'-';
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.bad_number(start, "a digit in the exponent"));
            }
            exponent_digits = self.digits(&mut exponent);
        }
        let literal = self.text.get(start..self.pos).unwrap_or_default();
        if integer && self.exact_integers && exceeds_max_exact(literal) {
            return Err(Error::with_message(
                Code::NumberOutOfRange,
                format!("integer beyond 2^53 at byte {start}: no double holds it exactly"),
            ));
        }
        // Clinger's fast path, as in `float`: an integer of at most 2^53 and a power of ten of at
        // most 22 are exact doubles, so one IEEE operation rounds correctly. It needs neither a
        // second pass over the literal nor big integers, and covers most numbers in practice.
        if digits <= 19 && exponent_digits <= 4 && mantissa <= 1 << 53 {
            #[allow(clippy::cast_possible_wrap)]
            let exponent = if exponent_negative { -(exponent as i64) } else { exponent as i64 };
            let power = exponent - fraction as i64;
            if let Some(&scale) = float::EXACT_POW10.get(power.unsigned_abs() as usize) {
                #[allow(clippy::cast_precision_loss)]
                let magnitude = if power >= 0 { mantissa as f64 * scale } else { mantissa as f64 / scale };
                return Ok(if negative { -magnitude } else { magnitude });
            }
        }
        match float::parse_decimal(literal.as_bytes()) {
            Some(n) if n.is_finite() => Ok(n),
            Some(_) => Err(Error::with_message(
                Code::NumberOutOfRange,
                format!("the number at byte {start} is beyond the range of a double"),
            )),
            None => Err(self.bad_number(start, "a number")),
        }
    }

    /// Skips a run of digits, accumulating them into `value` (wrapping: only runs short enough
    /// to fit are used), and returns how many there were.
    fn digits(&mut self, value: &mut u64) -> usize {
        let run = self.pos;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            *value = value.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            self.pos += 1;
        }
        self.pos - run
    }

    fn bad_number(&self, start: usize, expected: &str) -> Error {
        let found = self.describe_next();
        syntax(format!("invalid number at byte {start}: expected {expected} at byte {}, found {found}", self.pos))
    }
}

/// True if an integer literal (optional `-`, no leading zeros) exceeds 2^53 in magnitude.
fn exceeds_max_exact(literal: &str) -> bool {
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    digits.len() > MAX_EXACT_INTEGER.len() || (digits.len() == MAX_EXACT_INTEGER.len() && digits > MAX_EXACT_INTEGER)
}
