// Which number tokens serde_json (1.0.87, without float_roundtrip, the version the reference reader pins)
// accepts when it parses a value. Its grammar and range check differ from JSON's and from JavaScript's:
// - the significand is accumulated in a u64; digits past its overflow only move the exponent, and once the
//   integer part has moved it, a '.' with no fraction digits is accepted ("18446744073709551616.");
// - the value is significand as f64 times a table power of ten, so numbers just below f64::MAX overflow
//   ("1.7976931348623158e308" is out of range for it).
// Accept/reject is all that matters here: a non-integer is never a valid shape or offset.

const U64_MAX = (1n << 64n) - 1n;
const POW10 = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));
const I32_MAX = 2147483647;

const isDigit = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** Whether serde_json accepts `token` (the whole text of one JSON number) as a number. */
export function serdeAcceptsNumber(token: string): boolean {
  let p = 0;
  if (token[p] === '-') p++;
  if (!isDigit(token, p)) return false;
  let significand = 0n;
  let exponent = 0;
  if (token[p] === '0') {
    p++;
    if (isDigit(token, p)) return false;
  } else {
    for (; isDigit(token, p); p++) {
      const next = significand * 10n + BigInt(token.charCodeAt(p) - 48);
      if (next > U64_MAX) break;
      significand = next;
    }
    for (; isDigit(token, p); p++) exponent++;
  }
  if (token[p] === '.') {
    p++;
    let overflowed = false;
    for (; isDigit(token, p); p++) {
      const next = significand * 10n + BigInt(token.charCodeAt(p) - 48);
      if (overflowed || next > U64_MAX) {
        overflowed = true;
        continue;
      }
      significand = next;
      exponent--;
    }
    // serde checks for "at least one digit" through the exponent, which a long integer part already moved.
    if (exponent === 0 && !overflowed) return false;
  }
  if (token[p] === 'e' || token[p] === 'E') {
    p++;
    let positive = true;
    if (token[p] === '+') p++;
    else if (token[p] === '-') {
      positive = false;
      p++;
    }
    if (!isDigit(token, p)) return false;
    let e = 0;
    for (; isDigit(token, p); p++) {
      e = e * 10 + (token.charCodeAt(p) - 48);
      if (e > I32_MAX) {
        // An exponent past i32: infinity (an error) unless zero or negative (underflow to zero, accepted).
        while (isDigit(token, p)) p++;
        return p === token.length && !(significand !== 0n && positive);
      }
    }
    exponent = positive ? Math.min(exponent + e, I32_MAX) : Math.max(exponent - e, -I32_MAX - 1);
  }
  if (p !== token.length) return false;
  let value = Number(significand);
  for (;;) {
    const magnitude = Math.abs(exponent);
    if (magnitude <= 308) {
      if (exponent >= 0) return Number.isFinite(value * POW10[magnitude]!);
      return true;
    }
    if (value === 0) return true;
    if (exponent >= 0) return false;
    value /= 1e308;
    exponent += 308;
  }
}
