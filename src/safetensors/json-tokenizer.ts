// A small strict JSON reader over UTF-8 bytes, matching what serde_json accepts (the reference reader's
// parser) rather than JSON.parse: no BOM, JSON whitespace only, integers held exactly as bigint, lone
// surrogates and raw control characters rejected, nesting limited like serde_json's recursion limit.
// It is a cursor, not a tree builder: the header schema drives it, so a huge header allocates little.
import { serdeAcceptsNumber } from './serde-number.js';

/** serde_json's recursion limit: the 128th nested container is rejected. */
export const MAX_JSON_DEPTH = 127;

const U64_MAX = (1n << 64n) - 1n;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Byte index into the JSON text. */
    readonly index: number,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A number token: `uint` when it is a plain non-negative integer ≤ 2^64−1, else `other`. */
export type JsonNumber = { readonly kind: 'uint'; readonly value: bigint } | { readonly kind: 'other' };

export type JsonValueKind = 'object' | 'array' | 'string' | 'number' | 'true' | 'false' | 'null';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class JsonCursor {
  pos = 0;
  depth = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly limits: { readonly maxDepth: number; readonly maxStringBytes: number } = {
      maxDepth: MAX_JSON_DEPTH,
      maxStringBytes: Number.POSITIVE_INFINITY,
    },
  ) {}

  fail(message: string, reason: string, index = this.pos): never {
    throw new JsonSyntaxError(message, index, reason);
  }

  skipWhitespace(): void {
    const b = this.bytes;
    let p = this.pos;
    while (p < b.length) {
      const c = b[p]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      p++;
    }
    this.pos = p;
  }

  /** Skip whitespace and return the next byte without consuming it (-1 at end). */
  peek(): number {
    this.skipWhitespace();
    return this.pos < this.bytes.length ? this.bytes[this.pos]! : -1;
  }

  expect(char: string): void {
    const c = this.peek();
    if (c !== char.charCodeAt(0)) {
      if (c === -1) this.fail(`EOF while parsing, expected \`${char}\``, 'json.eof');
      this.fail(`expected \`${char}\``, 'json.expected-token');
    }
    this.pos++;
  }

  /** Kind of the next value, from its first byte; fails when no value can start here. */
  peekKind(): JsonValueKind {
    const c = this.peek();
    switch (c) {
      case 0x7b:
        return 'object';
      case 0x5b:
        return 'array';
      case 0x22:
        return 'string';
      case 0x74:
        return 'true';
      case 0x66:
        return 'false';
      case 0x6e:
        return 'null';
      case -1:
        return this.fail('EOF while parsing a value', 'json.eof');
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'number';
        return this.fail('expected value', 'json.expected-value');
    }
  }

  enterContainer(): void {
    this.depth++;
    if (this.depth > this.limits.maxDepth) this.fail('recursion limit exceeded', 'json.depth');
  }

  leaveContainer(): void {
    this.depth--;
  }

  /**
   * Iterate an object: consumes `{`, calls `onMember(key, keyIndex)` with the cursor at the value (which the
   * callback must consume), handles commas, and consumes `}`.
   */
  readObject(onMember: (key: string, keyIndex: number) => void): void {
    this.expect('{');
    this.enterContainer();
    if (this.peek() === 0x7d) {
      this.pos++;
      this.leaveContainer();
      return;
    }
    for (;;) {
      const c = this.peek();
      if (c !== 0x22) {
        if (c === -1) this.fail('EOF while parsing an object', 'json.eof');
        this.fail('key must be a string', 'json.key-not-string');
      }
      const keyIndex = this.pos;
      const key = this.readString();
      this.expect(':');
      onMember(key, keyIndex);
      const next = this.peek();
      if (next === 0x2c) {
        this.pos++;
        if (this.peek() === 0x7d) this.fail('trailing comma', 'json.trailing-comma');
        continue;
      }
      if (next === 0x7d) {
        this.pos++;
        this.leaveContainer();
        return;
      }
      if (next === -1) this.fail('EOF while parsing an object', 'json.eof');
      this.fail('expected `,` or `}`', 'json.expected-comma-or-brace');
    }
  }

  /** Iterate an array: calls `onElement(index)` with the cursor at each element (which it must consume). */
  readArray(onElement: (index: number) => void): void {
    this.expect('[');
    this.enterContainer();
    if (this.peek() === 0x5d) {
      this.pos++;
      this.leaveContainer();
      return;
    }
    for (let i = 0; ; i++) {
      onElement(i);
      const next = this.peek();
      if (next === 0x2c) {
        this.pos++;
        if (this.peek() === 0x5d) this.fail('trailing comma', 'json.trailing-comma');
        continue;
      }
      if (next === 0x5d) {
        this.pos++;
        this.leaveContainer();
        return;
      }
      if (next === -1) this.fail('EOF while parsing a list', 'json.eof');
      this.fail('expected `,` or `]`', 'json.expected-comma-or-bracket');
    }
  }

  readString(): string {
    const at = this.pos;
    const value = this.readStringUnchecked();
    if (this.pos - at > this.limits.maxStringBytes) this.fail('string too long', 'json.string-too-long', at);
    return value;
  }

  private readStringUnchecked(): string {
    this.expect('"');
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    // Fast path: no escapes.
    while (p < b.length) {
      const c = b[p]!;
      if (c === 0x22) {
        this.pos = p + 1;
        return decodeUtf8(b, start, p);
      }
      if (c === 0x5c) break;
      if (c < 0x20) this.fail('control character while parsing a string', 'json.control-character', p);
      p++;
    }
    if (p >= b.length) this.fail('EOF while parsing a string', 'json.eof', p);
    const parts: string[] = [decodeUtf8(b, start, p)];
    let runStart = p;
    while (p < b.length) {
      const c = b[p]!;
      if (c === 0x22) {
        parts.push(decodeUtf8(b, runStart, p));
        this.pos = p + 1;
        return parts.join('');
      }
      if (c < 0x20) this.fail('control character while parsing a string', 'json.control-character', p);
      if (c !== 0x5c) {
        p++;
        continue;
      }
      parts.push(decodeUtf8(b, runStart, p));
      const e = b[p + 1];
      switch (e) {
        case 0x22:
          parts.push('"');
          break;
        case 0x5c:
          parts.push('\\');
          break;
        case 0x2f:
          parts.push('/');
          break;
        case 0x62:
          parts.push('\b');
          break;
        case 0x66:
          parts.push('\f');
          break;
        case 0x6e:
          parts.push('\n');
          break;
        case 0x72:
          parts.push('\r');
          break;
        case 0x74:
          parts.push('\t');
          break;
        case 0x75: {
          const unit = this.hex4(p + 2);
          if (unit >= 0xdc00 && unit <= 0xdfff) this.fail('lone low surrogate', 'json.lone-surrogate', p);
          if (unit >= 0xd800 && unit <= 0xdbff) {
            if (b[p + 6] !== 0x5c || b[p + 7] !== 0x75)
              this.fail('lone high surrogate', 'json.lone-surrogate', p);
            const low = this.hex4(p + 8);
            if (low < 0xdc00 || low > 0xdfff) this.fail('lone high surrogate', 'json.lone-surrogate', p);
            parts.push(String.fromCharCode(unit, low));
            p += 12;
          } else {
            parts.push(String.fromCharCode(unit));
            p += 6;
          }
          runStart = p;
          continue;
        }
        case undefined:
          this.fail('EOF while parsing a string', 'json.eof', p);
          break;
        default:
          this.fail('invalid escape', 'json.invalid-escape', p);
      }
      p += 2;
      runStart = p;
    }
    return this.fail('EOF while parsing a string', 'json.eof', p);
  }

  private hex4(at: number): number {
    const b = this.bytes;
    if (at + 4 > b.length) this.fail('EOF while parsing a string', 'json.eof', at);
    let v = 0;
    for (let i = at; i < at + 4; i++) {
      const c = b[i]!;
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
      else return this.fail('invalid escape', 'json.invalid-escape', i);
      v = v * 16 + d;
    }
    return v;
  }

  /** Read a number token with JSON grammar; integers ≤ 2^64−1 without sign, fraction or exponent are `uint`. */
  readNumber(): JsonNumber {
    this.skipWhitespace();
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    const negative = b[p] === 0x2d;
    if (negative) p++;
    const intStart = p;
    if (b[p] === 0x30) {
      p++;
      if (p < b.length && b[p]! >= 0x30 && b[p]! <= 0x39) this.fail('invalid number', 'json.leading-zero', p);
    } else if (p < b.length && b[p]! >= 0x31 && b[p]! <= 0x39) {
      while (p < b.length && b[p]! >= 0x30 && b[p]! <= 0x39) p++;
    } else {
      this.fail('invalid number', 'json.invalid-number', p);
    }
    const intEnd = p;
    let isInteger = true;
    // An empty fraction is decided with the range below (serde accepts one after a long integer part).
    let emptyFraction = -1;
    if (b[p] === 0x2e) {
      isInteger = false;
      p++;
      const digits = p;
      while (p < b.length && b[p]! >= 0x30 && b[p]! <= 0x39) p++;
      if (p === digits) emptyFraction = p;
    }
    if (b[p] === 0x65 || b[p] === 0x45) {
      isInteger = false;
      p++;
      if (b[p] === 0x2b || b[p] === 0x2d) p++;
      const digits = p;
      while (p < b.length && b[p]! >= 0x30 && b[p]! <= 0x39) p++;
      if (p === digits) this.fail('invalid number', 'json.invalid-number', p);
    }
    this.pos = p;
    if (isInteger && !negative) {
      // 2^64−1 has 20 digits; longer tokens cannot fit (leading zeros are already rejected).
      if (intEnd - intStart <= 20) {
        const value = BigInt(latin1(b, intStart, intEnd));
        if (value <= U64_MAX) return { kind: 'uint', value };
      }
    }
    // serde_json parses everything else as i64 or f64, by its own algorithm (see serde-number.ts).
    if (!serdeAcceptsNumber(latin1(b, start, p))) {
      if (emptyFraction >= 0) this.fail('invalid number', 'json.invalid-number', emptyFraction);
      this.fail('number out of range', 'json.number-out-of-range', start);
    }
    return { kind: 'other' };
  }

  /** Consume `true`, `false` or `null`. */
  readLiteral(word: 'true' | 'false' | 'null'): void {
    this.skipWhitespace();
    const b = this.bytes;
    for (let i = 0; i < word.length; i++) {
      if (b[this.pos + i] !== word.charCodeAt(i))
        this.fail(`expected \`${word}\``, 'json.expected-ident', this.pos + i);
    }
    this.pos += word.length;
  }

  /** Consume any value, validating it fully (strings, numbers, nesting) without keeping it. */
  skipValue(): void {
    const kind = this.peekKind();
    switch (kind) {
      case 'object':
        this.readObject(() => this.skipValue());
        return;
      case 'array':
        this.readArray(() => this.skipValue());
        return;
      case 'string':
        this.readString();
        return;
      case 'number':
        this.readNumber();
        return;
      default:
        this.readLiteral(kind);
    }
  }

  /** After the top-level value: only whitespace may follow. */
  expectEnd(): void {
    if (this.peek() !== -1) this.fail('trailing characters', 'json.trailing-characters');
  }
}

function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (b[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  return ascii ? latin1(b, start, end) : utf8.decode(b.subarray(start, end));
}

function latin1(b: Uint8Array, start: number, end: number): string {
  if (end - start < 64) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');
}

/** Validate UTF-8 (fatal, BOM kept so the JSON reader rejects it). Returns the index of the first bad byte or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  try {
    utf8.decode(bytes);
    return -1;
  } catch {
    // Locate it for the error offset.
    let i = 0;
    while (i < bytes.length) {
      const len = utf8SequenceLength(bytes, i);
      if (len === 0) return i;
      i += len;
    }
    return 0;
  }
}

function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    if (c === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const d = b[i + k];
    if (d === undefined) return 0;
    if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return 0;
  }
  return need + 1;
}
