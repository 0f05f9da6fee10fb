import { createRequire as __bundleCreateRequire } from 'node:module';
import { fileURLToPath as __bundleFileURLToPath } from 'node:url';
import { dirname as __bundleDirname } from 'node:path';
const require = __bundleCreateRequire(import.meta.url);
const __filename = __bundleFileURLToPath(import.meta.url);
const __dirname = __bundleDirname(__filename);

// src/pool/run-task.ts
import { isMainThread } from "node:worker_threads";

// src/merge/row-reader.ts
import { closeSync, openSync } from "node:fs";

// src/safetensors/dtypes.ts
var DTYPE_BITS = /* @__PURE__ */ new Map([
  ["BOOL", 8],
  ["F4", 4],
  ["F6_E2M3", 6],
  ["F6_E3M2", 6],
  ["U8", 8],
  ["I8", 8],
  ["F8_E5M2", 8],
  ["F8_E4M3", 8],
  ["F8_E8M0", 8],
  ["F8_E4M3FNUZ", 8],
  ["F8_E5M2FNUZ", 8],
  ["I16", 16],
  ["U16", 16],
  ["F16", 16],
  ["BF16", 16],
  ["I32", 32],
  ["U32", 32],
  ["F32", 32],
  ["C64", 64],
  ["F64", 64],
  ["I64", 64],
  ["U64", 64]
]);
var DTYPES = [...DTYPE_BITS.keys()];
var DECODABLE_DTYPES = /* @__PURE__ */ new Set([
  "F8_E5M2",
  "F8_E4M3",
  "F8_E8M0",
  "F8_E4M3FNUZ",
  "F8_E5M2FNUZ",
  "F16",
  "BF16",
  "F32",
  "F64"
]);
function isDtype(name) {
  return DTYPE_BITS.has(name);
}
function isDecodableDtype(dtype) {
  return DECODABLE_DTYPES.has(dtype);
}
function dtypeBits(dtype) {
  const bits = DTYPE_BITS.get(dtype);
  if (bits === void 0) throw new TypeError(`unknown dtype ${String(dtype)}`);
  return bits;
}

// src/safetensors/decode.ts
var HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function minifloat(bits, e, m, bias) {
  const sign = bits >>> e + m & 1 ? -1 : 1;
  const exponent = bits >>> m & (1 << e) - 1;
  const mantissa = bits & (1 << m) - 1;
  if (exponent === 0) return sign * mantissa * 2 ** (1 - bias - m);
  return sign * (1 + mantissa / 2 ** m) * 2 ** (exponent - bias);
}
function buildTable(size, decode) {
  const table = new Float32Array(size);
  for (let i = 0; i < size; i++) table[i] = decode(i);
  return table;
}
var tables = /* @__PURE__ */ new Map();
function f16(bits) {
  if ((bits & 31744) === 31744) return bits & 1023 ? Number.NaN : bits & 32768 ? -Infinity : Infinity;
  return minifloat(bits, 5, 10, 15);
}
function bf16(bits) {
  const scratch2 = new Float32Array(1);
  new Uint32Array(scratch2.buffer)[0] = bits << 16;
  return scratch2[0];
}
function e4m3(bits) {
  return (bits & 127) === 127 ? Number.NaN : minifloat(bits, 4, 3, 7);
}
function e5m2(bits) {
  if ((bits & 124) === 124) return bits & 3 ? Number.NaN : bits & 128 ? -Infinity : Infinity;
  return minifloat(bits, 5, 2, 15);
}
function e4m3fnuz(bits) {
  return bits === 128 ? Number.NaN : minifloat(bits, 4, 3, 8);
}
function e5m2fnuz(bits) {
  return bits === 128 ? Number.NaN : minifloat(bits, 5, 2, 16);
}
function e8m0(bits) {
  return bits === 255 ? Number.NaN : 2 ** (bits - 127);
}
var TABLE_BUILDERS = {
  F16: () => buildTable(65536, f16),
  BF16: () => buildTable(65536, bf16),
  F8_E4M3: () => buildTable(256, e4m3),
  F8_E5M2: () => buildTable(256, e5m2),
  F8_E4M3FNUZ: () => buildTable(256, e4m3fnuz),
  F8_E5M2FNUZ: () => buildTable(256, e5m2fnuz),
  F8_E8M0: () => buildTable(256, e8m0)
};
function decodeTable(dtype) {
  let table = tables.get(dtype);
  if (table === void 0) {
    const build = TABLE_BUILDERS[dtype];
    if (build === void 0) return void 0;
    table = build();
    tables.set(dtype, table);
  }
  return table;
}
function u16View(bytes, count) {
  if (bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  return new Uint16Array(bytes.slice(0, count * 2).buffer, 0, count);
}
function decodeToFloat32(dtype, bytes, out, count) {
  const elementBytes = dtypeBits(dtype) / 8;
  if (bytes.length < count * elementBytes) throw new RangeError("not enough bytes to decode");
  if (out.length < count) throw new RangeError("output too small");
  switch (dtype) {
    case "F32": {
      if (HOST_LITTLE_ENDIAN) {
        new Uint8Array(out.buffer, out.byteOffset, count * 4).set(bytes.subarray(0, count * 4));
      } else {
        const view = new DataView(bytes.buffer, bytes.byteOffset, count * 4);
        for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      }
      return;
    }
    case "F64": {
      const view = new DataView(bytes.buffer, bytes.byteOffset, count * 8);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      return;
    }
    case "F16":
    case "BF16": {
      const table = decodeTable(dtype);
      if (HOST_LITTLE_ENDIAN) {
        const u16 = u16View(bytes, count);
        for (let i = 0; i < count; i++) out[i] = table[u16[i]];
      } else {
        for (let i = 0; i < count; i++) out[i] = table[bytes[2 * i] | bytes[2 * i + 1] << 8];
      }
      return;
    }
    case "F8_E4M3":
    case "F8_E5M2":
    case "F8_E4M3FNUZ":
    case "F8_E5M2FNUZ":
    case "F8_E8M0": {
      const table = decodeTable(dtype);
      for (let i = 0; i < count; i++) out[i] = table[bytes[i]];
      return;
    }
    default:
      throw new TypeError(`dtype ${dtype} cannot be decoded to f32`);
  }
}

// src/safetensors/file.ts
import { readSync } from "node:fs";
import { open } from "node:fs/promises";

// src/safetensors/errors.ts
var SafetensorsError = class extends Error {
  constructor(code, message, file, offset = null, reason, options) {
    super(message, options);
    this.code = code;
    this.file = file;
    this.offset = offset;
    this.reason = reason;
    this.name = "SafetensorsError";
  }
  code;
  file;
  offset;
  reason;
};

// src/safetensors/serde-number.ts
var U64_MAX = (1n << 64n) - 1n;
var POW10 = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));
var I32_MAX = 2147483647;
var isDigit = (s, i) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
function serdeAcceptsNumber(token) {
  let p = 0;
  if (token[p] === "-") p++;
  if (!isDigit(token, p)) return false;
  let significand = 0n;
  let exponent = 0;
  if (token[p] === "0") {
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
  if (token[p] === ".") {
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
    if (exponent === 0 && !overflowed) return false;
  }
  if (token[p] === "e" || token[p] === "E") {
    p++;
    let positive = true;
    if (token[p] === "+") p++;
    else if (token[p] === "-") {
      positive = false;
      p++;
    }
    if (!isDigit(token, p)) return false;
    let e = 0;
    for (; isDigit(token, p); p++) {
      e = e * 10 + (token.charCodeAt(p) - 48);
      if (e > I32_MAX) {
        while (isDigit(token, p)) p++;
        return p === token.length && !(significand !== 0n && positive);
      }
    }
    exponent = positive ? Math.min(exponent + e, I32_MAX) : Math.max(exponent - e, -I32_MAX - 1);
  }
  if (p !== token.length) return false;
  let value = Number(significand);
  for (; ; ) {
    const magnitude = Math.abs(exponent);
    if (magnitude <= 308) {
      if (exponent >= 0) return Number.isFinite(value * POW10[magnitude]);
      return true;
    }
    if (value === 0) return true;
    if (exponent >= 0) return false;
    value /= 1e308;
    exponent += 308;
  }
}

// src/safetensors/json-tokenizer.ts
var MAX_JSON_DEPTH = 127;
var U64_MAX2 = (1n << 64n) - 1n;
var JsonSyntaxError = class extends Error {
  constructor(message, index, reason) {
    super(message);
    this.index = index;
    this.reason = reason;
  }
  index;
  reason;
};
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var JsonCursor = class {
  constructor(bytes, limits = {
    maxDepth: MAX_JSON_DEPTH,
    maxStringBytes: Number.POSITIVE_INFINITY
  }) {
    this.bytes = bytes;
    this.limits = limits;
  }
  bytes;
  limits;
  pos = 0;
  depth = 0;
  fail(message, reason, index = this.pos) {
    throw new JsonSyntaxError(message, index, reason);
  }
  skipWhitespace() {
    const b = this.bytes;
    let p = this.pos;
    while (p < b.length) {
      const c = b[p];
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      p++;
    }
    this.pos = p;
  }
  /** Skip whitespace and return the next byte without consuming it (-1 at end). */
  peek() {
    this.skipWhitespace();
    return this.pos < this.bytes.length ? this.bytes[this.pos] : -1;
  }
  expect(char) {
    const c = this.peek();
    if (c !== char.charCodeAt(0)) {
      if (c === -1) this.fail(`EOF while parsing, expected \`${char}\``, "json.eof");
      this.fail(`expected \`${char}\``, "json.expected-token");
    }
    this.pos++;
  }
  /** Kind of the next value, from its first byte; fails when no value can start here. */
  peekKind() {
    const c = this.peek();
    switch (c) {
      case 123:
        return "object";
      case 91:
        return "array";
      case 34:
        return "string";
      case 116:
        return "true";
      case 102:
        return "false";
      case 110:
        return "null";
      case -1:
        return this.fail("EOF while parsing a value", "json.eof");
      default:
        if (c === 45 || c >= 48 && c <= 57) return "number";
        return this.fail("expected value", "json.expected-value");
    }
  }
  enterContainer() {
    this.depth++;
    if (this.depth > this.limits.maxDepth) this.fail("recursion limit exceeded", "json.depth");
  }
  leaveContainer() {
    this.depth--;
  }
  /**
   * Iterate an object: consumes `{`, calls `onMember(key, keyIndex)` with the cursor at the value (which the
   * callback must consume), handles commas, and consumes `}`.
   */
  readObject(onMember) {
    this.expect("{");
    this.enterContainer();
    if (this.peek() === 125) {
      this.pos++;
      this.leaveContainer();
      return;
    }
    for (; ; ) {
      const c = this.peek();
      if (c !== 34) {
        if (c === -1) this.fail("EOF while parsing an object", "json.eof");
        this.fail("key must be a string", "json.key-not-string");
      }
      const keyIndex = this.pos;
      const key = this.readString();
      this.expect(":");
      onMember(key, keyIndex);
      const next = this.peek();
      if (next === 44) {
        this.pos++;
        if (this.peek() === 125) this.fail("trailing comma", "json.trailing-comma");
        continue;
      }
      if (next === 125) {
        this.pos++;
        this.leaveContainer();
        return;
      }
      if (next === -1) this.fail("EOF while parsing an object", "json.eof");
      this.fail("expected `,` or `}`", "json.expected-comma-or-brace");
    }
  }
  /** Iterate an array: calls `onElement(index)` with the cursor at each element (which it must consume). */
  readArray(onElement) {
    this.expect("[");
    this.enterContainer();
    if (this.peek() === 93) {
      this.pos++;
      this.leaveContainer();
      return;
    }
    for (let i = 0; ; i++) {
      onElement(i);
      const next = this.peek();
      if (next === 44) {
        this.pos++;
        if (this.peek() === 93) this.fail("trailing comma", "json.trailing-comma");
        continue;
      }
      if (next === 93) {
        this.pos++;
        this.leaveContainer();
        return;
      }
      if (next === -1) this.fail("EOF while parsing a list", "json.eof");
      this.fail("expected `,` or `]`", "json.expected-comma-or-bracket");
    }
  }
  readString() {
    const at = this.pos;
    const value = this.readStringUnchecked();
    if (this.pos - at > this.limits.maxStringBytes) this.fail("string too long", "json.string-too-long", at);
    return value;
  }
  readStringUnchecked() {
    this.expect('"');
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    while (p < b.length) {
      const c = b[p];
      if (c === 34) {
        this.pos = p + 1;
        return decodeUtf8(b, start, p);
      }
      if (c === 92) break;
      if (c < 32) this.fail("control character while parsing a string", "json.control-character", p);
      p++;
    }
    if (p >= b.length) this.fail("EOF while parsing a string", "json.eof", p);
    const parts = [decodeUtf8(b, start, p)];
    let runStart = p;
    while (p < b.length) {
      const c = b[p];
      if (c === 34) {
        parts.push(decodeUtf8(b, runStart, p));
        this.pos = p + 1;
        return parts.join("");
      }
      if (c < 32) this.fail("control character while parsing a string", "json.control-character", p);
      if (c !== 92) {
        p++;
        continue;
      }
      parts.push(decodeUtf8(b, runStart, p));
      const e = b[p + 1];
      switch (e) {
        case 34:
          parts.push('"');
          break;
        case 92:
          parts.push("\\");
          break;
        case 47:
          parts.push("/");
          break;
        case 98:
          parts.push("\b");
          break;
        case 102:
          parts.push("\f");
          break;
        case 110:
          parts.push("\n");
          break;
        case 114:
          parts.push("\r");
          break;
        case 116:
          parts.push("	");
          break;
        case 117: {
          const unit = this.hex4(p + 2);
          if (unit >= 56320 && unit <= 57343) this.fail("lone low surrogate", "json.lone-surrogate", p);
          if (unit >= 55296 && unit <= 56319) {
            if (b[p + 6] !== 92 || b[p + 7] !== 117)
              this.fail("lone high surrogate", "json.lone-surrogate", p);
            const low = this.hex4(p + 8);
            if (low < 56320 || low > 57343) this.fail("lone high surrogate", "json.lone-surrogate", p);
            parts.push(String.fromCharCode(unit, low));
            p += 12;
          } else {
            parts.push(String.fromCharCode(unit));
            p += 6;
          }
          runStart = p;
          continue;
        }
        case void 0:
          this.fail("EOF while parsing a string", "json.eof", p);
          break;
        default:
          this.fail("invalid escape", "json.invalid-escape", p);
      }
      p += 2;
      runStart = p;
    }
    return this.fail("EOF while parsing a string", "json.eof", p);
  }
  hex4(at) {
    const b = this.bytes;
    if (at + 4 > b.length) this.fail("EOF while parsing a string", "json.eof", at);
    let v = 0;
    for (let i = at; i < at + 4; i++) {
      const c = b[i];
      let d;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else return this.fail("invalid escape", "json.invalid-escape", i);
      v = v * 16 + d;
    }
    return v;
  }
  /** Read a number token with JSON grammar; integers ≤ 2^64−1 without sign, fraction or exponent are `uint`. */
  readNumber() {
    this.skipWhitespace();
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    const negative = b[p] === 45;
    if (negative) p++;
    const intStart = p;
    if (b[p] === 48) {
      p++;
      if (p < b.length && b[p] >= 48 && b[p] <= 57) this.fail("invalid number", "json.leading-zero", p);
    } else if (p < b.length && b[p] >= 49 && b[p] <= 57) {
      while (p < b.length && b[p] >= 48 && b[p] <= 57) p++;
    } else {
      this.fail("invalid number", "json.invalid-number", p);
    }
    const intEnd = p;
    let isInteger = true;
    let emptyFraction = -1;
    if (b[p] === 46) {
      isInteger = false;
      p++;
      const digits = p;
      while (p < b.length && b[p] >= 48 && b[p] <= 57) p++;
      if (p === digits) emptyFraction = p;
    }
    if (b[p] === 101 || b[p] === 69) {
      isInteger = false;
      p++;
      if (b[p] === 43 || b[p] === 45) p++;
      const digits = p;
      while (p < b.length && b[p] >= 48 && b[p] <= 57) p++;
      if (p === digits) this.fail("invalid number", "json.invalid-number", p);
    }
    this.pos = p;
    if (isInteger && !negative) {
      if (intEnd - intStart <= 20) {
        const value = BigInt(latin1(b, intStart, intEnd));
        if (value <= U64_MAX2) return { kind: "uint", value };
      }
    }
    if (!serdeAcceptsNumber(latin1(b, start, p))) {
      if (emptyFraction >= 0) this.fail("invalid number", "json.invalid-number", emptyFraction);
      this.fail("number out of range", "json.number-out-of-range", start);
    }
    return { kind: "other" };
  }
  /** Consume `true`, `false` or `null`. */
  readLiteral(word) {
    this.skipWhitespace();
    const b = this.bytes;
    for (let i = 0; i < word.length; i++) {
      if (b[this.pos + i] !== word.charCodeAt(i))
        this.fail(`expected \`${word}\``, "json.expected-ident", this.pos + i);
    }
    this.pos += word.length;
  }
  /** Consume any value, validating it fully (strings, numbers, nesting) without keeping it. */
  skipValue() {
    const kind = this.peekKind();
    switch (kind) {
      case "object":
        this.readObject(() => this.skipValue());
        return;
      case "array":
        this.readArray(() => this.skipValue());
        return;
      case "string":
        this.readString();
        return;
      case "number":
        this.readNumber();
        return;
      default:
        this.readLiteral(kind);
    }
  }
  /** After the top-level value: only whitespace may follow. */
  expectEnd() {
    if (this.peek() !== -1) this.fail("trailing characters", "json.trailing-characters");
  }
};
function decodeUtf8(b, start, end) {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (b[i] >= 128) {
      ascii = false;
      break;
    }
  }
  return ascii ? latin1(b, start, end) : utf8.decode(b.subarray(start, end));
}
function latin1(b, start, end) {
  if (end - start < 64) {
    let s = "";
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
    return s;
  }
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString("latin1");
}
function findInvalidUtf8(bytes) {
  try {
    utf8.decode(bytes);
    return -1;
  } catch {
    let i = 0;
    while (i < bytes.length) {
      const len = utf8SequenceLength(bytes, i);
      if (len === 0) return i;
      i += len;
    }
    return 0;
  }
}
function utf8SequenceLength(b, i) {
  const c = b[i];
  if (c < 128) return 1;
  let need;
  let lo = 128;
  let hi = 191;
  if (c >= 194 && c <= 223) need = 1;
  else if (c >= 224 && c <= 239) {
    need = 2;
    if (c === 224) lo = 160;
    if (c === 237) hi = 159;
  } else if (c >= 240 && c <= 244) {
    need = 3;
    if (c === 240) lo = 144;
    if (c === 244) hi = 143;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const d = b[i + k];
    if (d === void 0) return 0;
    if (k === 1 ? d < lo || d > hi : d < 128 || d > 191) return 0;
  }
  return need + 1;
}

// src/safetensors/header.ts
var MAX_HEADER_SIZE = 1e8;
var U64_MAX3 = (1n << 64n) - 1n;
var SchemaError = class extends Error {
  constructor(message, index, reason) {
    super(message);
    this.index = index;
    this.reason = reason;
  }
  index;
  reason;
};
var ENTRY_FIELDS = ["dtype", "shape", "data_offsets"];
function parseHeader(json, fileSize, file) {
  const headerLength = json.length;
  const size = BigInt(fileSize);
  const fileOffset = (i) => 8 + i;
  const badByte = findInvalidUtf8(json);
  if (badByte >= 0) {
    throw new SafetensorsError("InvalidHeader", "invalid UTF-8 in header", file, fileOffset(badByte), "utf8");
  }
  let metadata = null;
  const entries = [];
  const tensorNames = /* @__PURE__ */ new Set();
  const cursor = new JsonCursor(json);
  let duplicate = null;
  try {
    let sawMetadata = false;
    cursor.readObject((key, keyIndex) => {
      if (key === "__metadata__") {
        if (sawMetadata)
          throw new SchemaError("duplicate field `__metadata__`", keyIndex, "schema.duplicate-field");
        sawMetadata = true;
        metadata = readMetadata(cursor);
        return;
      }
      const entry = readEntry(cursor, key, keyIndex);
      if (tensorNames.has(key)) {
        duplicate ??= { key, index: keyIndex };
        return;
      }
      tensorNames.add(key);
      entries.push(entry);
    });
    cursor.expectEnd();
  } catch (error) {
    if (error instanceof JsonSyntaxError || error instanceof SchemaError) {
      throw new SafetensorsError(
        "InvalidHeaderDeserialization",
        `invalid JSON in header: ${error.message}`,
        file,
        fileOffset(error.index),
        error.reason
      );
    }
    throw error;
  }
  if (duplicate) {
    const { key, index } = duplicate;
    throw new SafetensorsError(
      "DuplicateTensorName",
      `duplicate tensor name ${JSON.stringify(key)}`,
      file,
      fileOffset(index),
      "schema.duplicate-tensor"
    );
  }
  entries.sort(
    (a, b) => a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0
  );
  const dataStart = 8 + headerLength;
  const tensors = /* @__PURE__ */ new Map();
  let position = 0n;
  for (const entry of entries) {
    const at = fileOffset(entry.index);
    const quoted = JSON.stringify(entry.name);
    if (entry.begin !== position || entry.end < entry.begin) {
      throw new SafetensorsError(
        "InvalidOffset",
        `invalid offset for tensor ${quoted}`,
        file,
        at,
        "offset.not-contiguous"
      );
    }
    let numel = 1n;
    for (const dim of entry.shape) {
      numel *= dim;
      if (numel > U64_MAX3) throw overflow(file, at, quoted);
    }
    const bits = numel * BigInt(dtypeBits(entry.dtype));
    if (bits > U64_MAX3) throw overflow(file, at, quoted);
    if (bits % 8n !== 0n) {
      throw new SafetensorsError(
        "MisalignedSlice",
        `tensor ${quoted}: the slice does not end at a byte boundary`,
        file,
        at,
        "size.sub-byte"
      );
    }
    if (entry.end - entry.begin !== bits / 8n) {
      throw new SafetensorsError(
        "TensorInvalidInfo",
        `invalid shape, data type, or offset for tensor ${quoted}`,
        file,
        at,
        "size.mismatch"
      );
    }
    position = entry.end;
    tensors.set(entry.name, {
      name: entry.name,
      dtype: entry.dtype,
      shape: entry.shape,
      dims: entry.shape.map(Number),
      numel: Number(numel),
      start: dataStart + Number(entry.begin),
      byteLength: Number(entry.end - entry.begin),
      dataOffsets: [Number(entry.begin), Number(entry.end)]
    });
  }
  const covered = position + BigInt(dataStart);
  if (covered !== size) {
    throw new SafetensorsError(
      "MetadataIncompleteBuffer",
      `incomplete metadata, file not fully covered: tensors end at ${covered}, file size is ${size}`,
      file,
      covered < size ? Number(covered) : Number(size),
      covered < size ? "coverage.trailing-bytes" : "coverage.truncated"
    );
  }
  return { headerLength, dataStart, fileSize: Number(size), metadata, tensors };
}
function overflow(file, at, quoted) {
  return new SafetensorsError(
    "ValidationOverflow",
    `overflow computing buffer size from shape and/or element type of tensor ${quoted}`,
    file,
    at,
    "size.overflow"
  );
}
function readMetadata(cursor) {
  const kind = cursor.peekKind();
  if (kind === "null") {
    cursor.readLiteral("null");
    return null;
  }
  if (kind !== "object")
    throw new SchemaError("`__metadata__` must be a map", cursor.pos, "schema.metadata-type");
  const map = /* @__PURE__ */ new Map();
  cursor.readObject((key) => {
    if (cursor.peekKind() !== "string") {
      throw new SchemaError(
        `metadata value for ${JSON.stringify(key)} must be a string`,
        cursor.pos,
        "schema.metadata-value"
      );
    }
    map.set(key, cursor.readString());
  });
  return map;
}
function readEntry(cursor, name, index) {
  const kind = cursor.peekKind();
  let dtype;
  let shape;
  let offsets;
  const readField = (field) => {
    if (field === "dtype") dtype = readDtype(cursor);
    else if (field === "shape") shape = readUintArray(cursor, "shape");
    else offsets = readOffsets(cursor);
  };
  if (kind === "object") {
    const seen = /* @__PURE__ */ new Set();
    cursor.readObject((key, keyIndex) => {
      const field = ENTRY_FIELDS.find((f) => f === key);
      if (field === void 0) {
        cursor.skipValue();
        return;
      }
      if (seen.has(field))
        throw new SchemaError(`duplicate field \`${field}\``, keyIndex, "schema.duplicate-field");
      seen.add(field);
      readField(field);
    });
  } else if (kind === "array") {
    const start = cursor.pos;
    cursor.readArray((i) => {
      const field = ENTRY_FIELDS[i];
      if (field === void 0)
        throw new SchemaError("tensor entry array must have 3 elements", cursor.pos, "schema.entry-length");
      readField(field);
    });
    if (offsets === void 0)
      throw new SchemaError("tensor entry array must have 3 elements", start, "schema.entry-length");
  } else {
    throw new SchemaError(
      `tensor ${JSON.stringify(name)} must be an object`,
      cursor.pos,
      "schema.entry-type"
    );
  }
  if (dtype === void 0) throw new SchemaError("missing field `dtype`", index, "schema.missing-field");
  if (shape === void 0) throw new SchemaError("missing field `shape`", index, "schema.missing-field");
  if (offsets === void 0)
    throw new SchemaError("missing field `data_offsets`", index, "schema.missing-field");
  return { name, index, dtype, shape, begin: offsets[0], end: offsets[1] };
}
function readDtype(cursor) {
  const at = cursor.pos;
  const kind = cursor.peekKind();
  if (kind === "object") {
    let dtype = null;
    let members = 0;
    cursor.readObject((name2, nameIndex) => {
      if (++members > 1)
        throw new SchemaError("dtype object must have exactly one member", nameIndex, "dtype.type");
      if (!isDtype(name2))
        throw new SchemaError(`unknown dtype ${JSON.stringify(name2)}`, nameIndex, "dtype.unknown");
      if (cursor.peekKind() !== "null")
        throw new SchemaError(`dtype ${name2} takes no value (null)`, cursor.pos, "dtype.type");
      cursor.readLiteral("null");
      dtype = name2;
    });
    if (dtype === null) throw new SchemaError("dtype object must have exactly one member", at, "dtype.type");
    return dtype;
  }
  if (kind !== "string") throw new SchemaError("dtype must be a string", at, "dtype.type");
  const name = cursor.readString();
  if (!isDtype(name)) throw new SchemaError(`unknown dtype ${JSON.stringify(name)}`, at, "dtype.unknown");
  return name;
}
function readUint(cursor, what) {
  const at = cursor.pos;
  if (cursor.peekKind() !== "number")
    throw new SchemaError(`${what} must be an integer`, at, "schema.integer");
  const n = cursor.readNumber();
  if (n.kind !== "uint")
    throw new SchemaError(`${what} must be an integer in 0..2^64-1`, at, "schema.integer");
  return n.value;
}
function readUintArray(cursor, what) {
  if (cursor.peekKind() !== "array")
    throw new SchemaError(`${what} must be an array`, cursor.pos, "schema.array");
  const values = [];
  cursor.readArray(() => values.push(readUint(cursor, what)));
  return values;
}
function readOffsets(cursor) {
  const at = cursor.pos;
  const values = readUintArray(cursor, "data_offsets");
  if (values.length !== 2)
    throw new SchemaError("data_offsets must have 2 elements", at, "schema.offsets-length");
  return [values[0], values[1]];
}

// src/safetensors/simd/scan-kernel-wasm.ts
var SCAN_KERNEL_BASE64 = "AGFzbQEAAAABNAlgBX98fHx/AGABfwF/YAJ/fwF/YAF7AX9gAXsBfGABfwF8YAF8AXxgA39/fwBgAn9/AXwDFxYAAQECAgMDAwMEBQUGAgICAgcIBwcHBQMBAAEHNwUGbWVtb3J5AgAIc2Nhbl9mMzIAEQlzY2FuX2JmMTYAEwhzY2FuX2YxNgAUCHNjYW5fZjY0ABUKthYWHgAgACABOQMAIAAgAjkDCCAAIAM5AxAgACAENgIYCw0AIAAgAEEfdUEBdnMLDwAgACAAQQ91Qf//AXFzCwwAIAAgASAAIAFIGwsMACAAIAEgACABShsLHAAgAP0bACAA/RsBEAMgAP0bAiAA/RsDEAMQAwscACAA/RsAIAD9GwEQBCAA/RsCIAD9GwMQBBAECxEAIAD9pwEgAP2oAf22ARAFCxEAIAD9pwEgAP2oAf24ARAGCw0AIAD9IQAgAP0hAaALBgAgAL67CyMAIABBDXRBgMD//wBxIABBEHRBgICAgHhxcr5DAACAd5S7CwcAIAAgAKILQgEBe0F//REhAgJAA0AgACABTw0BIAIgAP0ABAD9twEhAiAAQRBqIQAMAAsLQYCAgIB4IAJBgICAgHj9Ef1REAVzCzUBAXtB/////wf9ESECAkADQCAAIAFPDQEgAiAA/QAEAP22ASECIABBEGohAAwACwsgAhAFCz4BAXtB//8D/RAhAgJAA0AgACABTw0BIAIgAP0ABAD9lwEhAiAAQRBqIQAMAAsLIAL9qQEgAv2qAf22ARAFCzMBAXtB//8B/RAhAgJAA0AgACABTw0BIAIgAP0ABAD9lgEhAiAAQRBqIQAMAAsLIAIQBwuvAwYCfwV7AX8EewN/AXwgACABQQJ0aiEDIAAgAUECdEFgcWohBCAAIQpBgICAgHj9ESEJAkADQCAAIARPDQEgAP0ABAAhBSAA/QAEECEGIAsgBf1fIgcgB/3yAf3wASELIAwgBSAF/Q0ICQoLDA0ODwgJCgsMDQ4P/V8iByAH/fIB/fABIQwgDSAG/V8iByAH/fIB/fABIQ0gDiAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhDiAIIAUgBv25Af25ASEIIAkgBSAG/bgB/bgBIQkgAEEgaiEADAALC0H/////ByEQQYCAgIB4IREgBCAKSwRAIAhBgICAgHj9Ef1RIQggCBAGQYCAgIB4cyEPIA9BAE4EQCAKIAQQDSEPCyAPEAEhECAJEAYhDyAPQQBIBEAgCiAEEA4hDwsgDxABIRELIAsgDP3wASANIA798AH98AEQCSESAkADQCAAIANPDQEgACgCACEPIBAgDxABEAMhECARIA8QARAEIREgEiAPEAoQDKAhEiAAQQRqIQAMAAsLIAIgEBABEAogERABEAogEkEAEAAL8AEDAX8GewF8IAAgASAAa0FwcWohAgJAA0AgACACTw0BIAD9AAQAIQMgA0EQ/asBIQQgA/0MAAD//wAA//8AAP//AAD///1OIQUgByAE/V8iBiAG/fIBIAX9XyIGIAb98gH98AH98AEhByAIIAQgBP0NCAkKCwwNDg8ICQoLDA0OD/1fIgYgBv3yASAFIAX9DQgJCgsMDQ4PCAkKCwwNDg/9XyIGIAb98gH98AH98AEhCCAAQRBqIQAMAAsLIAcgCP3wARAJIQkCQANAIAAgAU8NASAJIAAvAQBBEHQQChAMoCEJIABBAmohAAwACwsgCQvGBQYDfxF7A38BfAF/AnwgACEDIAAgAUEBdGohBCAAIAFBAXRBQHFqIQVBgIAC/RAhFP0MAAD//wAA//8AAP//AAD//yEHQf//Af0QIQlBgMAA/RAhCgJAA0AgACAFTw0BIAD9AAQAIQ8gAP0ABBAhECAA/QAEICERIAD9AAQwIRIgDyAJ/U4gCv2ZASELIBAgCf1OIAr9mQEhDCARIAn9TiAK/ZkBIQ0gEiAJ/U4gCv2ZASEOIAtBEP2rASIGIAb95gEgCyAH/U4iBiAG/eYB/eQBIAxBEP2rASIGIAb95gEgDCAH/U4iBiAG/eYB/eQB/eQBIA1BEP2rASIGIAb95gEgDSAH/U4iBiAG/eYB/eQBIA5BEP2rASIGIAb95gEgDiAH/U4iBiAG/eYB/eQB/eQB/eQBIQggFSAI/V/98AEhFSAWIAggCP0NCAkKCwwNDg8ICQoLDA0OD/1f/fABIRYgEyAPIBD9mQEgESAS/ZkB/ZkB/ZkBIRMgFCAPIBD9mAEgESAS/ZgB/ZgB/ZgBIRQgAEHAAGohAAwACwtB//8BIRhBgIB+IRkgBSADSwRAIBP9qQEgE/2qAf24ARAGIRcgF0GAgAJIBEAgAyAFEA8hFwsgF8EQAiEYIBQQCCEXIBdBAEgEQCADIAUQECEXCyAXEAIhGQsgFSAW/fABEAkhGgJAA0AgACAETw0BIAAuAQAhFyAYIBcQAhADIRggGSAXEAIQBCEZIBogF0EQdBAKEAygIRogAEECaiEADAALCyAZQYD/AU4gGEH/gH5MciEbIBgQAkEQdBAKIRwgGRACQRB0EAohHSAbRSAaRAAAAAAAAPB/YSAaIAG4RAAAAAAAAPA5omNycQRAIBxEAAAAAAAAAABhIB1EAAAAAAAAAABhcQR8RAAAAAAAAAAABSADIAQQEgshGgsgAiAcIB0gGiAbEAALxQUFAn8LewN/AXwBfyAAIAFBAXRqIQMgACABQQF0QXBxaiEEQf//Af0QIQpBgIAC/RAhCwJAA0AgACAETw0BIAD9AAQAIQUgCSAF/QwAfAB8AHwAfAB8AHwAfAB8/U79DAB8AHwAfAB8AHwAfAB8AHz9Lf1QIQkgBUEN/asB/QwA4P8PAOD/DwDg/w8A4P8P/U4hBiAFQQP9rQH9DADg/w8A4P8PAOD/DwDg/w/9TiEHIAb9DAAAgA8AAIAPAACADwAAgA/9Tv0MAAAAAAAAAAAAAAAAAAAAAP03IQggBv0MAAAAOAAAADgAAAA4AAAAOCAI/QwAAIAAAACAAAAAgAAAAIAA/U79UP2uASAI/QwAAIA4AACAOAAAgDgAAIA4/U795QEhBiAH/QwAAIAPAACADwAAgA8AAIAP/U79DAAAAAAAAAAAAAAAAAAAAAD9NyEIIAf9DAAAADgAAAA4AAAAOAAAADggCP0MAACAAAAAgAAAAIAAAACAAP1O/VD9rgEgCP0MAACAOAAAgDgAAIA4AACAOP1O/eUBIQcgDCAG/V8iCCAI/fIB/fABIQwgDSAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9XyIIIAj98gH98AEhDSAOIAf9XyIIIAj98gH98AEhDiAPIAcgB/0NCAkKCwwNDg8ICQoLDA0OD/1fIgggCP3yAf3wASEPIAUgBUEP/YwBQQH9jQH9USEFIAogBf2WASEKIAsgBf2YASELIABBEGohAAwACwsgCf1TIRQgChAHIREgCxAIIRIgDCAN/fABIA4gD/3wAf3wARAJIRMCQANAIAAgA08NASAALgEAIRAgEEGA+AFxQYD4AUYEQEEBIRQLIBEgEBACEAMhESASIBAQAhAEIRIgEyAQEAsQDKAhEyAAQQJqIQAMAAsLIAIgERACEAsgEhACEAsgEyAUEAALnwIDAn8IewR8IAAgAUEDdGohAyAAIAFBA3RBYHFqIQREAAAAAAAA8H/9FCEHIAchCEQAAAAAAADw//0UIQkgCSEKAkADQCAAIARPDQEgAP0ABAAhBSAA/QAEECEGIAcgBf30ASEHIAggBv30ASEIIAkgBf31ASEJIAogBv31ASEKIAsgBSAF/fIB/fABIQsgDCAGIAb98gH98AEhDCAAQSBqIQAMAAsLIAcgCP30ASEFIAX9IQAgBf0hAaQhDiAJIAr99QEhBSAF/SEAIAX9IQGlIQ8gCyAM/fABEAkhEAJAA0AgACADTw0BIAArAwAhDSAOIA2kIQ4gDyANpSEPIBAgDSANoqAhECAAQQhqIQAMAAsLIAIgDiAPIBBBABAACw==";

// src/safetensors/simd/wasm-module.ts
var WASM_PAGE_BYTES = 65536;
function instantiateBase64(base64) {
  const wasm = globalThis.WebAssembly;
  if (wasm === void 0) return null;
  const binary = Buffer.from(base64, "base64");
  if (!wasm.validate(binary)) return null;
  return new wasm.Instance(new wasm.Module(binary)).exports;
}

// src/safetensors/simd/kernel.ts
var SCRATCH_START = 64;
var SCRATCH_BYTES = 1024 * 1024 - 64;
var SLOTS_START = SCRATCH_START + SCRATCH_BYTES;
var MAX_SLOT_BYTES = 256 * 1024 * 1024;
var EXPORT_NAMES = {
  F32: "scan_f32",
  BF16: "scan_bf16",
  F16: "scan_f16",
  F64: "scan_f64"
};
var ELEMENT_BYTES = { F32: 4, BF16: 2, F16: 2, F64: 8 };
var ScanKernel = class {
  constructor(memory, exports) {
    this.memory = memory;
    this.exports = exports;
    this.results = new Float64Array(memory.buffer, 0, 3);
    this.flags = new Int32Array(memory.buffer, 24, 1);
    this.grow(SLOTS_START);
  }
  memory;
  exports;
  results;
  flags;
  slots = [];
  grow(bytes) {
    if (bytes <= this.memory.buffer.byteLength) return;
    this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / WASM_PAGE_BYTES));
    this.results = new Float64Array(this.memory.buffer, 0, 3);
    this.flags = new Int32Array(this.memory.buffer, 24, 1);
  }
  /**
   * A slot of `byteLength` bytes in linear memory for the caller to fill, as an offset; null when it would
   * need memory to grow while another slot is leased, or past MAX_SLOT_BYTES in all. Give it back with
   * `release`. Views of it (`view`) stay valid until then.
   */
  lease(byteLength) {
    const size = Math.ceil(byteLength / 64) * 64;
    const free = this.slots.find((slot) => !slot.busy && slot.size >= size);
    if (free !== void 0) {
      free.busy = true;
      return free.offset;
    }
    const last = this.slots[this.slots.length - 1];
    const offset = last === void 0 ? SLOTS_START : last.offset + last.size;
    const fits = offset + size <= this.memory.buffer.byteLength;
    if (offset + size > SLOTS_START + MAX_SLOT_BYTES || !fits && this.slots.some((s) => s.busy))
      return null;
    this.grow(offset + size);
    this.slots.push({ offset, size, busy: true });
    return offset;
  }
  release(offset) {
    const slot = this.slots.find((s) => s.offset === offset);
    if (slot !== void 0) slot.busy = false;
  }
  view(offset, byteLength) {
    return new Uint8Array(this.memory.buffer, offset, byteLength);
  }
  /**
   * Scan whole elements of `chunk` (its length must be a multiple of the element size). A chunk inside a
   * leased slot is scanned where it is; any other is copied through the scratch area piece by piece.
   */
  scan(dtype, chunk) {
    if (chunk.buffer === this.memory.buffer) return this.run(dtype, chunk.byteOffset, chunk.length);
    const scratch2 = new Uint8Array(this.memory.buffer, SCRATCH_START, SCRATCH_BYTES);
    let min = Infinity;
    let max = -Infinity;
    let sumSquares2 = 0;
    let allFinite = true;
    for (let at = 0; at < chunk.length || at === 0; at += SCRATCH_BYTES) {
      const piece = chunk.subarray(at, at + SCRATCH_BYTES);
      scratch2.set(piece);
      const stats = this.run(dtype, SCRATCH_START, piece.length);
      if (chunk.length <= SCRATCH_BYTES) return stats;
      min = Math.min(min, stats.min);
      max = Math.max(max, stats.max);
      sumSquares2 += stats.sumSquares;
      allFinite &&= stats.allFinite;
    }
    return { min, max, sumSquares: sumSquares2, allFinite };
  }
  run(dtype, pointer, byteLength) {
    this.exports[dtype](pointer, byteLength / ELEMENT_BYTES[dtype], 0);
    const [min, max, sumSquares2] = this.results;
    return { min, max, sumSquares: sumSquares2, allFinite: this.flags[0] === 0 && Number.isFinite(sumSquares2) };
  }
};
var kernel;
function instantiate() {
  const exported = instantiateBase64(SCAN_KERNEL_BASE64);
  if (exported === null) return null;
  const functions = {};
  for (const [dtype, name] of Object.entries(EXPORT_NAMES)) {
    functions[dtype] = exported[name];
  }
  return new ScanKernel(exported.memory, functions);
}
function scanKernel() {
  if (kernel === void 0) kernel = instantiate();
  return kernel;
}

// src/safetensors/simd/simd-scanner.ts
var ELEMENT_BYTES2 = { F32: 4, BF16: 2, F16: 2, F64: 8 };
var NO_NON_FINITE = {
  nanCount: 0,
  posInfCount: 0,
  negInfCount: 0,
  firstNonFinite: -1,
  min: Number.NaN,
  max: Number.NaN,
  absMax: Number.NaN,
  sumSquares: Number.NaN
};
var SimdScanner = class {
  constructor(kernel3, dtype, numel, createExact, complex = false) {
    this.kernel = kernel3;
    this.dtype = dtype;
    this.numel = numel;
    this.createExact = createExact;
    this.complex = complex;
    this.elementBytes = ELEMENT_BYTES2[dtype];
    this.chunkMultiple = complex ? 8 : this.elementBytes;
  }
  kernel;
  dtype;
  numel;
  createExact;
  complex;
  chunkMultiple;
  elementBytes;
  min = Infinity;
  max = -Infinity;
  sumSquares = 0;
  exact = null;
  /** Elements (f32 components for C64) scanned by the kernel before the exact scanner existed. */
  skipped = 0;
  update(chunk) {
    const stats = this.kernel.scan(this.dtype, chunk);
    if (!stats.allFinite) {
      if (this.exact === null) {
        this.exact = this.createExact();
        this.exact.advance(this.skipped);
      }
      this.exact.update(chunk);
      return;
    }
    this.min = Math.min(this.min, stats.min);
    this.max = Math.max(this.max, stats.max);
    this.sumSquares += stats.sumSquares;
    const elements = Math.floor(chunk.length / this.elementBytes);
    if (this.exact === null) this.skipped += elements;
    else this.exact.advance(elements);
  }
  result() {
    const exact = this.exact?.result() ?? NO_NON_FINITE;
    let { min, max, sumSquares: sumSquares2 } = this;
    if (!Number.isNaN(exact.absMax)) {
      sumSquares2 += exact.sumSquares;
      if (!this.complex) {
        min = Math.min(min, exact.min);
        max = Math.max(max, exact.max);
      } else {
        max = Math.max(max, exact.absMax);
        min = Math.min(min, -exact.absMax);
      }
    }
    const nonFinite = exact.nanCount + exact.posInfCount + exact.negInfCount;
    const anyFinite = min <= max;
    return {
      elements: this.numel,
      allZero: nonFinite === 0 && (!anyFinite || min === 0 && max === 0),
      nanCount: exact.nanCount,
      posInfCount: exact.posInfCount,
      negInfCount: exact.negInfCount,
      firstNonFinite: exact.firstNonFinite,
      min: anyFinite && !this.complex ? min : Number.NaN,
      max: anyFinite && !this.complex ? max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(min), Math.abs(max)) : Number.NaN,
      sumSquares: anyFinite ? sumSquares2 : Number.NaN
    };
  }
};

// src/safetensors/scan.ts
function createScanner(dtype, numel) {
  const kernel3 = scanKernel();
  if (kernel3 !== null) {
    switch (dtype) {
      case "F32":
      case "BF16":
      case "F16":
      case "F64":
        return new SimdScanner(kernel3, dtype, numel, () => createExactScanner(dtype, numel));
      case "C64":
        return new SimdScanner(kernel3, "F32", numel, () => createExactScanner(dtype, numel), true);
    }
  }
  return createJsScanner(dtype, numel);
}
function createExactScanner(dtype, numel) {
  if (dtype === "F32" || dtype === "C64") return new Float32Scanner(numel, dtype === "C64");
  if (dtype === "F64") return new Float64Scanner(numel);
  return new HistogramScanner(dtype, numel);
}
function createJsScanner(dtype, numel) {
  switch (dtype) {
    case "F32":
      return new Float32Scanner(numel, false);
    case "C64":
      return new Float32Scanner(numel, true);
    case "F64":
      return new Float64Scanner(numel);
    case "F16":
    case "BF16":
    case "F8_E4M3":
    case "F8_E5M2":
    case "F8_E4M3FNUZ":
    case "F8_E5M2FNUZ":
    case "F8_E8M0":
      return new HistogramScanner(dtype, numel);
    case "F4":
      return new F4Scanner(numel);
    default:
      return new ByteZeroScanner(numel, dtypeBits(dtype));
  }
}
function chunkMultipleOf(dtype) {
  if (dtype === "C64") return 8;
  return Math.max(1, dtypeBits(dtype) / 8);
}
function scanStep(dtype, chunkBytes) {
  const multiple = chunkMultipleOf(dtype) * 8;
  return Math.max(multiple, Math.floor(chunkBytes / multiple) * multiple);
}
function chunkBuffersFor(dtypes, count, size) {
  const kernel3 = scanKernel();
  let uses = false;
  if (kernel3 !== null) for (const dtype of dtypes) uses ||= KERNEL_DTYPES.has(dtype);
  return buffersIn(uses ? kernel3 : null, count, size);
}
var KERNEL_DTYPES = /* @__PURE__ */ new Set(["F32", "BF16", "F16", "F64", "C64"]);
function buffersIn(kernel3, count, size) {
  if (kernel3 !== null && count > 0) {
    const offset = kernel3.lease(count * size);
    if (offset !== null) {
      let released = false;
      return {
        view: (index, byteLength) => kernel3.view(offset + index * size, Math.min(byteLength, size)),
        release: () => {
          if (!released) kernel3.release(offset);
          released = true;
        }
      };
    }
  }
  const buffers = Array.from({ length: count }, () => new Uint8Array(size));
  return { view: (index, byteLength) => buffers[index].subarray(0, byteLength), release: () => {
  } };
}
function emptyStats(elements, allZero) {
  return {
    elements,
    allZero,
    nanCount: 0,
    posInfCount: 0,
    negInfCount: 0,
    firstNonFinite: -1,
    min: Number.NaN,
    max: Number.NaN,
    absMax: Number.NaN,
    sumSquares: Number.NaN
  };
}
var Float32Scanner = class {
  constructor(numel, complex) {
    this.numel = numel;
    this.complex = complex;
    this.chunkMultiple = complex ? 8 : 4;
  }
  numel;
  complex;
  chunkMultiple;
  index = 0;
  nan = 0;
  posInf = 0;
  negInf = 0;
  first = -1;
  min = Infinity;
  max = -Infinity;
  sumSquares = 0;
  update(chunk) {
    const n = chunk.length >>> 2;
    let values;
    if (HOST_LITTLE_ENDIAN && chunk.byteOffset % 4 === 0)
      values = new Float32Array(chunk.buffer, chunk.byteOffset, n);
    else {
      values = new Float32Array(n);
      const view = new DataView(chunk.buffer, chunk.byteOffset, n * 4);
      for (let i = 0; i < n; i++) values[i] = view.getFloat32(i * 4, true);
    }
    let min = Infinity;
    let max = -Infinity;
    let s0 = 0;
    let s1 = 0;
    const end2 = n & ~1;
    for (let i = 0; i < end2; i += 2) {
      const a = values[i];
      const b = values[i + 1];
      min = Math.min(min, a, b);
      max = Math.max(max, a, b);
      s0 += a * a;
      s1 += b * b;
    }
    if (end2 < n) {
      const a = values[end2];
      min = Math.min(min, a);
      max = Math.max(max, a);
      s0 += a * a;
    }
    const sum = s0 + s1;
    if (Number.isFinite(sum)) {
      if (min < this.min) this.min = min;
      if (max > this.max) this.max = max;
      this.sumSquares += sum;
    } else {
      this.slowPath(values, 0, n);
    }
    this.index += n;
  }
  slowPath(values, from, to) {
    let min = this.min;
    let max = this.max;
    let sum = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v - v === 0) {
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v * v;
        continue;
      }
      if (Number.isNaN(v)) this.nan++;
      else if (v > 0) this.posInf++;
      else this.negInf++;
      if (this.first < 0) this.first = this.complex ? Math.floor((this.index + i) / 2) : this.index + i;
    }
    this.min = min;
    this.max = max;
    this.sumSquares += sum;
  }
  advance(elements) {
    this.index += elements;
  }
  result() {
    const nonFinite = this.nan + this.posInf + this.negInf;
    const anyFinite = this.min <= this.max;
    const allZero = nonFinite === 0 && (!anyFinite || this.min === 0 && this.max === 0);
    const absMax = anyFinite ? Math.max(Math.abs(this.min), Math.abs(this.max)) : Number.NaN;
    return {
      elements: this.numel,
      allZero,
      nanCount: this.nan,
      posInfCount: this.posInf,
      negInfCount: this.negInf,
      firstNonFinite: this.first,
      // A complex tensor has no order: only absMax (over components) and the sum of |z|^2 are reported.
      min: anyFinite && !this.complex ? this.min : Number.NaN,
      max: anyFinite && !this.complex ? this.max : Number.NaN,
      absMax,
      sumSquares: anyFinite ? this.sumSquares : Number.NaN
    };
  }
};
var Float64Scanner = class {
  constructor(numel) {
    this.numel = numel;
  }
  numel;
  chunkMultiple = 8;
  index = 0;
  nan = 0;
  posInf = 0;
  negInf = 0;
  first = -1;
  min = Infinity;
  max = -Infinity;
  sumSquares = 0;
  update(chunk) {
    const n = chunk.length >>> 3;
    const aligned = HOST_LITTLE_ENDIAN && chunk.byteOffset % 8 === 0;
    const values = aligned ? new Float64Array(chunk.buffer, chunk.byteOffset, n) : null;
    const view = aligned ? null : new DataView(chunk.buffer, chunk.byteOffset, n * 8);
    if (values !== null) {
      let min2 = Infinity;
      let max2 = -Infinity;
      let sum2 = 0;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        min2 = Math.min(min2, v);
        max2 = Math.max(max2, v);
        sum2 += v * v;
      }
      if (Number.isFinite(sum2)) {
        if (min2 < this.min) this.min = min2;
        if (max2 > this.max) this.max = max2;
        this.sumSquares += sum2;
        this.index += n;
        return;
      }
    }
    let min = this.min;
    let max = this.max;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = values !== null ? values[i] : view.getFloat64(i * 8, true);
      if (v - v === 0) {
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v * v;
        continue;
      }
      if (Number.isNaN(v)) this.nan++;
      else if (v > 0) this.posInf++;
      else this.negInf++;
      if (this.first < 0) this.first = this.index + i;
    }
    this.min = min;
    this.max = max;
    this.sumSquares += sum;
    this.index += n;
  }
  advance(elements) {
    this.index += elements;
  }
  result() {
    const nonFinite = this.nan + this.posInf + this.negInf;
    const anyFinite = this.min <= this.max;
    return {
      elements: this.numel,
      allZero: nonFinite === 0 && (!anyFinite || this.min === 0 && this.max === 0),
      nanCount: this.nan,
      posInfCount: this.posInf,
      negInfCount: this.negInf,
      firstNonFinite: this.first,
      min: anyFinite ? this.min : Number.NaN,
      max: anyFinite ? this.max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(this.min), Math.abs(this.max)) : Number.NaN,
      sumSquares: anyFinite ? this.sumSquares : Number.NaN
    };
  }
};
var HistogramScanner = class {
  constructor(dtype, numel) {
    this.numel = numel;
    this.table = decodeTable(dtype);
    this.wide = this.table.length === 65536;
    this.chunkMultiple = this.wide ? 2 : 1;
    this.counts = new Uint32Array(this.table.length);
    this.totals = new Float64Array(this.table.length);
    const patterns = [];
    this.table.forEach((v, bits) => {
      if (!Number.isFinite(v)) patterns.push(bits);
    });
    this.nonFinitePatterns = Uint32Array.from(patterns);
  }
  numel;
  chunkMultiple;
  table;
  wide;
  /** Per-chunk counts (Uint32, flushed into `totals` before they could overflow). */
  counts;
  totals;
  nonFinitePatterns;
  sinceFlush = 0;
  index = 0;
  first = -1;
  nonFiniteSoFar() {
    let total = 0;
    for (const bits of this.nonFinitePatterns) total += this.counts[bits] + this.totals[bits];
    return total;
  }
  update(chunk) {
    const counts = this.counts;
    const before = this.first < 0 ? this.nonFiniteSoFar() : 0;
    let n;
    let patterns;
    if (this.wide) {
      n = chunk.length >>> 1;
      patterns = HOST_LITTLE_ENDIAN ? u16View(chunk, n) : littleEndianU16(chunk, n);
    } else {
      n = chunk.length;
      patterns = chunk;
    }
    for (let i = 0; i < n; i++) counts[patterns[i]]++;
    if (this.first < 0 && this.nonFiniteSoFar() !== before) {
      const table = this.table;
      for (let i = 0; i < n; i++) {
        const v = table[patterns[i]];
        if (v - v !== 0) {
          this.first = this.index + i;
          break;
        }
      }
    }
    this.index += n;
    this.sinceFlush += n;
    if (this.sinceFlush > 2147483647) this.flush();
  }
  flush() {
    for (let b = 0; b < this.counts.length; b++) this.totals[b] += this.counts[b];
    this.counts.fill(0);
    this.sinceFlush = 0;
  }
  advance(elements) {
    this.index += elements;
  }
  result() {
    this.flush();
    let nan = 0;
    let posInf = 0;
    let negInf = 0;
    let min = Infinity;
    let max = -Infinity;
    let sumSquares2 = 0;
    let allZero = true;
    const table = this.table;
    const totals = this.totals;
    for (let b = 0; b < totals.length; b++) {
      const count = totals[b];
      if (count === 0) continue;
      const v = table[b];
      if (v !== 0) allZero = false;
      if (Number.isNaN(v)) nan += count;
      else if (v === Infinity) posInf += count;
      else if (v === -Infinity) negInf += count;
      else {
        if (v < min) min = v;
        if (v > max) max = v;
        sumSquares2 += count * v * v;
      }
    }
    const anyFinite = min <= max;
    return {
      elements: this.numel,
      allZero,
      nanCount: nan,
      posInfCount: posInf,
      negInfCount: negInf,
      firstNonFinite: this.first,
      min: anyFinite ? min : Number.NaN,
      max: anyFinite ? max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(min), Math.abs(max)) : Number.NaN,
      sumSquares: anyFinite ? sumSquares2 : Number.NaN
    };
  }
};
function littleEndianU16(chunk, n) {
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = chunk[2 * i] | chunk[2 * i + 1] << 8;
  return out;
}
var F4_VALUES = [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0, -0.5, -1, -1.5, -2, -3, -4, -6];
var F4Scanner = class {
  constructor(numel) {
    this.numel = numel;
  }
  numel;
  chunkMultiple = 1;
  counts = new Float64Array(256);
  update(chunk) {
    const counts = this.counts;
    for (let i = 0; i < chunk.length; i++) counts[chunk[i]]++;
  }
  result() {
    let min = Infinity;
    let max = -Infinity;
    let sumSquares2 = 0;
    let allZero = true;
    for (let b = 0; b < 256; b++) {
      const count = this.counts[b];
      if (count === 0) continue;
      for (const v of [F4_VALUES[b & 15], F4_VALUES[b >>> 4]]) {
        if (v !== 0) allZero = false;
        if (v < min) min = v;
        if (v > max) max = v;
        sumSquares2 += count * v * v;
      }
    }
    const anyFinite = min <= max;
    return {
      ...emptyStats(this.numel, allZero),
      min: anyFinite ? min : Number.NaN,
      max: anyFinite ? max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(min), Math.abs(max)) : Number.NaN,
      sumSquares: anyFinite ? sumSquares2 : Number.NaN
    };
  }
};
var ByteZeroScanner = class {
  constructor(numel, bits) {
    this.numel = numel;
    this.chunkMultiple = Math.max(1, bits / 8);
  }
  numel;
  chunkMultiple;
  allZero = true;
  update(chunk) {
    if (!this.allZero) return;
    let i = 0;
    if (chunk.byteOffset % 4 === 0) {
      const words = new Uint32Array(chunk.buffer, chunk.byteOffset, chunk.length >>> 2);
      let acc = 0;
      for (let w = 0; w < words.length; w++) acc |= words[w];
      if (acc !== 0) {
        this.allZero = false;
        return;
      }
      i = words.length * 4;
    }
    for (; i < chunk.length; i++) {
      if (chunk[i] !== 0) {
        this.allZero = false;
        return;
      }
    }
  }
  result() {
    return emptyStats(this.numel, this.allZero);
  }
};

// src/safetensors/file.ts
var DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
var SCAN_DEPTH = 3;
function ioError(file, error, offset = null) {
  const code = error?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new SafetensorsError("IoError", message, file, offset, code ? `io.${code}` : "io", { cause: error });
}
async function readFully(fh, file, target, position) {
  let done = 0;
  while (done < target.length) {
    let bytesRead;
    try {
      ({ bytesRead } = await fh.read(target, done, target.length - done, position + done));
    } catch (error) {
      throw ioError(file, error, position + done);
    }
    if (bytesRead === 0) throw truncated(file, position + done);
    done += bytesRead;
  }
}
function truncated(file, offset) {
  return new SafetensorsError(
    "IoError",
    "unexpected end of file: the file changed or was truncated while reading",
    file,
    offset,
    "io.truncated"
  );
}
function readFullySync(fd, file, target, position) {
  let done = 0;
  while (done < target.length) {
    let bytesRead;
    try {
      bytesRead = readSync(fd, target, done, target.length - done, position + done);
    } catch (error) {
      throw ioError(file, error, position + done);
    }
    if (bytesRead === 0) throw truncated(file, position + done);
    done += bytesRead;
  }
}
async function openForReading(path) {
  try {
    return await open(path, "r");
  } catch (error) {
    throw ioError(path, error);
  }
}
async function openSafetensors(path) {
  const fh = await openForReading(path);
  try {
    const header = await readHeader(fh, path);
    return new OpenSafetensorsFile(path, fh, header);
  } catch (error) {
    await fh.close().catch(() => {
    });
    throw error;
  }
}
async function readHeader(fh, path) {
  let size;
  try {
    const stats = await fh.stat({ bigint: true });
    if (!stats.isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
    size = stats.size;
  } catch (error) {
    throw ioError(path, error);
  }
  if (size < 8n) throw new SafetensorsError("HeaderTooSmall", "header too small", path, 0, "length.small");
  const prefix = new Uint8Array(8);
  await readFully(fh, path, prefix, 0);
  const n = Buffer.from(prefix.buffer).readBigUInt64LE(0);
  if (n > BigInt(MAX_HEADER_SIZE)) {
    throw new SafetensorsError("HeaderTooLarge", `header too large: ${n} bytes`, path, 0, "length.large");
  }
  if (8n + n > size) {
    throw new SafetensorsError(
      "InvalidHeaderLength",
      `invalid header length: ${n} bytes declared, file has ${size - 8n} after the prefix`,
      path,
      0,
      "length.past-eof"
    );
  }
  const json = new Uint8Array(Number(n));
  await readFully(fh, path, json, 8);
  return parseHeader(json, size, path);
}
var OpenSafetensorsFile = class {
  constructor(path, fh, header) {
    this.path = path;
    this.fh = fh;
    this.header = header;
  }
  path;
  fh;
  header;
  closed = false;
  checkOpen() {
    if (this.closed) throw new SafetensorsError("IoError", "file is closed", this.path, null, "io.closed");
  }
  async readBytes(position, length) {
    this.checkOpen();
    if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
      throw new RangeError(`invalid read range ${position}+${length}`);
    }
    if (position + length > this.header.fileSize) {
      throw new RangeError(
        `read ${position}+${length} past the end of the file (${this.header.fileSize} bytes)`
      );
    }
    const buffer = Buffer.allocUnsafeSlow(length);
    await readFully(this.fh, this.path, buffer, position);
    return buffer;
  }
  tensorRange(tensor) {
    const own = this.header.tensors.get(tensor.name);
    if (own === void 0 || own.start !== tensor.start || own.byteLength !== tensor.byteLength) {
      throw new RangeError(`tensor ${JSON.stringify(tensor.name)} does not belong to ${this.path}`);
    }
  }
  async *rawChunks(tensor, chunkBytes = DEFAULT_CHUNK_BYTES) {
    this.checkOpen();
    this.tensorRange(tensor);
    const step = Math.max(1, Math.floor(chunkBytes));
    for (let done = 0; done < tensor.byteLength; ) {
      const length = Math.min(step, tensor.byteLength - done);
      const chunk = new Uint8Array(length);
      await readFully(this.fh, this.path, chunk, tensor.start + done);
      done += length;
      yield chunk;
    }
  }
  async *floatChunks(tensor, chunkElements = DEFAULT_CHUNK_BYTES / 4) {
    this.checkOpen();
    this.tensorRange(tensor);
    assertDecodable(tensor);
    const elementBytes = dtypeBits(tensor.dtype) / 8;
    const step = Math.max(1, Math.floor(chunkElements));
    for (let offset = 0; offset < tensor.numel; offset += step) {
      const count = Math.min(step, tensor.numel - offset);
      const bytes = new Uint8Array(count * elementBytes);
      await readFully(this.fh, this.path, bytes, tensor.start + offset * elementBytes);
      const values = new Float32Array(count);
      decodeToFloat32(tensor.dtype, bytes, values, count);
      yield { offset, values };
    }
  }
  async readFloat32(tensor, first = 0, count = tensor.numel - first) {
    this.checkOpen();
    this.tensorRange(tensor);
    assertDecodable(tensor);
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || first < 0 || count < 0) {
      throw new RangeError(`invalid element range ${first}+${count}`);
    }
    if (first + count > tensor.numel) {
      throw new RangeError(`elements ${first}..${first + count} outside tensor of ${tensor.numel}`);
    }
    const elementBytes = dtypeBits(tensor.dtype) / 8;
    const bytes = new Uint8Array(count * elementBytes);
    await readFully(this.fh, this.path, bytes, tensor.start + first * elementBytes);
    const values = new Float32Array(count);
    decodeToFloat32(tensor.dtype, bytes, values, count);
    return values;
  }
  async scan(tensor, chunkBytes = DEFAULT_CHUNK_BYTES) {
    const [stats] = await this.scanAll([tensor], chunkBytes);
    return stats;
  }
  async scanAll(tensors, chunkBytes = DEFAULT_CHUNK_BYTES, options = {}) {
    this.checkOpen();
    for (const tensor of tensors) this.tensorRange(tensor);
    const plans = tensors.map((tensor) => {
      const step = scanStep(tensor.dtype, chunkBytes);
      return { tensor, step, chunks: Math.ceil(tensor.byteLength / step) };
    });
    const total = plans.reduce((sum, plan) => sum + plan.chunks, 0);
    const size = plans.reduce((max, plan) => Math.max(max, Math.min(plan.step, plan.tensor.byteLength)), 0);
    if (options.synchronous) return this.scanAllSynchronously(plans, size);
    const depth = Math.min(SCAN_DEPTH, total);
    const buffers = chunkBuffersFor(
      tensors.map((tensor) => tensor.dtype),
      depth,
      size
    );
    let readPlan = 0;
    let readChunk = 0;
    let issued = 0;
    const pending = [];
    const start = () => {
      while (readChunk >= plans[readPlan].chunks) {
        readPlan++;
        readChunk = 0;
      }
      const { tensor, step } = plans[readPlan];
      const done = readChunk * step;
      const target = buffers.view(issued % depth, Math.min(step, tensor.byteLength - done));
      const read = readFully(this.fh, this.path, target, tensor.start + done).then(() => target);
      read.catch(() => {
      });
      pending.push(read);
      readChunk++;
      issued++;
    };
    const results = [];
    try {
      while (issued < depth) start();
      for (const { tensor, chunks } of plans) {
        const scanner = createScanner(tensor.dtype, tensor.numel);
        for (let index = 0; index < chunks; index++) {
          const chunk = await pending.shift();
          scanner.update(chunk);
          if (issued < total) start();
        }
        results.push(scanner.result());
      }
    } finally {
      await Promise.allSettled(pending);
      buffers.release();
    }
    return results;
  }
  scanAllSynchronously(plans, size) {
    const buffers = chunkBuffersFor(
      plans.map(({ tensor }) => tensor.dtype),
      1,
      size
    );
    try {
      return plans.map(({ tensor, step, chunks }) => {
        const scanner = createScanner(tensor.dtype, tensor.numel);
        for (let index = 0; index < chunks; index++) {
          const done = index * step;
          const chunk = buffers.view(0, Math.min(step, tensor.byteLength - done));
          readFullySync(this.fh.fd, this.path, chunk, tensor.start + done);
          scanner.update(chunk);
        }
        return scanner.result();
      });
    } finally {
      buffers.release();
    }
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
};
function assertDecodable(tensor) {
  if (!isDecodableDtype(tensor.dtype)) {
    throw new TypeError(
      `tensor ${JSON.stringify(tensor.name)}: dtype ${tensor.dtype} cannot be decoded to f32`
    );
  }
}

// src/merge/row-reader.ts
var BYTES = { F16: 2, BF16: 2, F32: 4, F64: 8 };
var RowReader = class _RowReader {
  constructor(fd, location, cols, rowsPerChunk, into) {
    this.fd = fd;
    this.location = location;
    this.cols = cols;
    this.rowsPerChunk = rowsPerChunk;
    this.rowBytes = cols * BYTES[location.dtype];
    this.buffer = into ?? Buffer.allocUnsafeSlow(this.rowBytes * rowsPerChunk);
  }
  fd;
  location;
  cols;
  rowsPerChunk;
  buffer;
  rowBytes;
  /** Rows that fit in `chunkBytes` (at least one). */
  static rowsPerChunk(location, cols, chunkBytes) {
    const rowBytes = cols * BYTES[location.dtype];
    return Math.max(1, Math.floor(chunkBytes / Math.max(1, rowBytes)));
  }
  /**
   * `into`, when given, is where rows land (8-byte aligned, holding `rowsPerChunk` rows), e.g. kernel
   * memory; otherwise the reader allocates its buffer itself.
   */
  static open(location, cols, chunkBytes, into) {
    const rowBytes = cols * BYTES[location.dtype];
    const rowsPerChunk = into ? Math.floor(into.length / Math.max(1, rowBytes)) : _RowReader.rowsPerChunk(location, cols, chunkBytes);
    return new _RowReader(openSync(location.path, "r"), location, cols, rowsPerChunk, into);
  }
  /**
   * Rows [firstRow, firstRow + rowCount) into the buffer; rowCount must not exceed rowsPerChunk. The chunk
   * stays valid until the next read.
   */
  read(firstRow, rowCount) {
    const length = rowCount * this.rowBytes;
    const bytes = this.buffer.subarray(0, length);
    readFullySync(this.fd, this.location.path, bytes, this.location.start + firstRow * this.rowBytes);
    const ab = this.buffer.buffer;
    const at = this.buffer.byteOffset;
    return {
      firstRow,
      rowCount,
      bytes,
      u16: new Uint16Array(ab, at, length >>> 1),
      f32: new Float32Array(ab, at, length >>> 2),
      f64: new Float64Array(ab, at, length >>> 3)
    };
  }
  close() {
    closeSync(this.fd);
  }
};
var decodeScratch = new Float32Array(0);

// src/merge/simd/merge-kernel-wasm.ts
var MERGE_KERNEL_BASE64 = "AGFzbQEAAAABgQERYAF7AXxgAXwBfGABfwF9YAF/AX9gAn9/AX9gAn9/AXxgBH9/f38AYAV/f39/fwBgBn9/f39/fwBgCH9/f39/f39/AX9gBH9/f38Bf2ADf39/AXxgBX9/f398AGAFe39/f38BfGAJf39/f398fHx/AX9gAn9/AGAHf39/f39/fwADJCMAAQIDBAUFBgUGBQYHBwgHCAcICAgJCgsMBg0GDgoGDw8IEAUDAQABB94BEAZtZW1vcnkCAAxzcXVhcmVzX2JmMTYABwtzcXVhcmVzX2YxNgAJC3NxdWFyZXNfZjMyAAsKcHJvYmVfYmYxNgAOCXByb2JlX2YxNgAQCXByb2JlX2YzMgASCnVwZGF0ZV9yb3cAEw5yb3VuZF9yb3dfYmYxNgAVCWdyYW1fcm93cwAZCXRyYW5zcG9zZQAbEGNvbXBhcmVfcm93X2JmMTYAHBByb3VuZF9kZWx0YV9iZjE2AB0JY29sX25vcm1zAB4Kcm93X2JvdW5kcwAhDHVwZGF0ZV9yb3dzMgAiCv1ZIw0AIAD9IQAgAP0hAaALEwBEAAAAAAAA8H8gACAAIABiGwsiACAAQQ10QYDA//8AcSAAQRB0QYCAgIB4cXK+QwAAgHeUCw4AIABBgPgBcUGA+AFGCwwAIAAgASAAIAFLGwunAwQCfwd7AnwBfyAAIQIgACABQQJsaiENIAAgAUFgcUECbGohAwJAA0AgAiADTw0BIAL9AAQAIgT9DAAA//8AAP//AAD//wAA///9TiIFIAX95gEgBEEQ/asBIgQgBP3mAf3kASAC/QAEECIE/QwAAP//AAD//wAA//8AAP///U4iBSAF/eYBIARBEP2rASIEIAT95gH95AH95AEgAv0ABCAiBP0MAAD//wAA//8AAP//AAD///1OIgUgBf3mASAEQRD9qwEiBCAE/eYB/eQBIAL9AAQwIgT9DAAA//8AAP//AAD//wAA///9TiIFIAX95gEgBEEQ/asBIgQgBP3mAf3kAf3kAf3kASEGIAcgBv1f/fABIQcgCCAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wASEIIAJBwABqIQIMAAsLIAcgCP3wASAJIAr98AH98AEQACELAkADQCACIA1PDQEgAi8BAEEQdL67IQwgCyAMIAyioCELIAJBAmohAgwACwsgC0QAAAAAAADwf2MgC0QAAAAAAACwOWZxBEAgCw8LIAAgARAGC4wCBAJ/CXsCfAJ/IAAgAUECbGohAiAAIAFBeHFBAmxqIQMCQANAIAAgA08NASAA/QAEACEEIAT9qQFBEP2rASEFIAT9qgFBEP2rASEGIAkgBf1fIgcgB/3yAf3wASEJIAogBSAF/Q0ICQoLDA0ODwgJCgsMDQ4P/V8iByAH/fIB/fABIQogCyAG/V8iByAH/fIB/fABIQsgDCAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhDCAAQRBqIQAMAAsLIAkgCv3wASALIAz98AH98AEQACENAkADQCAAIAJPDQEgAC8BAEEQdL67IQ4gDSAOIA6ioCENIABBAmohAAwACwsgDRABCzQBAX8CQANAIAQgAk8NASADIARBA3RqIAAgBCABbEECbGogARAFOQMAIARBAWohBAwACwsL6QMEAn8JewJ8An8gACABQQJsaiECIAAgAUF4cUECbGohAwJAA0AgACADTw0BIAD9AAQAIQQgCCAE/QwAfAB8AHwAfAB8AHwAfAB8/U79DAB8AHwAfAB8AHwAfAB8AHz9Lf1QIQggBP2pASIHQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAHQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQUgBP2qASIHQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAHQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQYgCSAF/V8iByAH/fIB/fABIQkgCiAFIAX9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhCiALIAb9XyIHIAf98gH98AEhCyAMIAYgBv0NCAkKCwwNDg8ICQoLDA0OD/1fIgcgB/3yAf3wASEMIABBEGohAAwACwsgCSAK/fABIAsgDP3wAf3wARAAIQ0CQANAIAAgAk8NASAALwEAIg8QArshDiAQIA8QA3IhECANIA4gDqKgIQ0gAEECaiEADAALCyAQIAj9U3IEQEQAAAAAAADwfw8LIA0QAQs0AQF/AkADQCAEIAJPDQEgAyAEQQN0aiAAIAQgAWxBAmxqIAEQCDkDACAEQQFqIQQMAAsLC/gBBAJ/CXsCfAJ/IAAgAUEEbGohAiAAIAFBeHFBBGxqIQMCQANAIAAgA08NASAA/QAEACEFIAD9AAQQIQYgCSAF/V8iByAH/fIB/fABIQkgCiAFIAX9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhCiALIAb9XyIHIAf98gH98AEhCyAMIAYgBv0NCAkKCwwNDg8ICQoLDA0OD/1fIgcgB/3yAf3wASEMIABBIGohAAwACwsgCSAK/fABIAsgDP3wAf3wARAAIQ0CQANAIAAgAk8NASAAKgIAuyEOIA0gDiAOoqAhDSAAQQRqIQAMAAsLIA0QAQs0AQF/AkADQCAEIAJPDQEgAyAEQQN0aiAAIAQgAWxBBGxqIAEQCjkDACAEQQFqIQQMAAsLC68HBQN/EnsHfAF9An8gAiADQQN0aiEFIAAgA0ECbGohBiAAIANBeHFBAmxqIQcCQANAIAAgB08NASAA/QAEACEIIAj9qQFBEP2rASEKIAj9qgFBEP2rASELIAH9AAQAIQggCP2pAUEQ/asBIQwgCP2qAUEQ/asBIQ0gCv1fIRAgDP1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEAP3yAf3wASETIBQgESAF/QAEAP3yAf3wASEUIAogCv0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDCAM/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQQ/fIB/fABIRMgFCARIAX9AAQQ/fIB/fABIRQgC/1fIRAgDf1fIBD98QEhESAWIBAgEP3yAf3wASEWIBcgESAC/QAEIP3yAf3wASEXIBggESAF/QAEIP3yAf3wASEYIAsgC/0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDSAN/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBYgECAQ/fIB/fABIRYgFyARIAL9AAQw/fIB/fABIRcgGCARIAX9AAQw/fIB/fABIRggDP0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIAAAACAAAAAgAAAAIAA/bkBIg79XyEPIBUgDyAP/fIB/fABIRUgDiAO/Q0ICQoLDA0ODwgJCgsMDQ4P/V8hDyAVIA8gD/3yAf3wASEVIA39DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAAAAAgAAAAIAAAACAAP25ASIO/V8hDyAZIA8gD/3yAf3wASEZIA4gDv0NCAkKCwwNDg8ICQoLDA0OD/1fIQ8gGSAPIA/98gH98AEhGSAAQRBqIQAgAUEQaiEBIAJBwABqIQIgBUHAAGohBQwACwsgEiAW/fABEAAhHSATIBf98AEQACEeIBQgGP3wARAAIR8gFSAZ/fABEAAhIAJAA0AgACAGTw0BIAAvAQBBEHS+uyEaIAEvAQBBEHS+ISEgIbsgGqEhHCAdIBogGqKgIR0gHiAcIAIrAwCioCEeIB8gHCAFKwMAoqAhHyAhvEGAgID8B3FBgICABBAEvrshGyAgIBsgG6KgISAgAEECaiEAIAFBAmohASACQQhqIQIgBUEIaiEFDAALCyAgRAAAAAAAABA/ohABISAgHRABIR0gBCAdOQMAIAQgHjkDCCAEIB85AxAgBCAgOQMYC4gLAwR/EHsIfCACIANBBHRqIQUgBSADQQJ0aiEGIANBcHEhBwJAA0AgCCAHTw0BIAAgCEEBdGr9AAQAIQn9DAAAAAAAAAAAAAAAAAAAAAAgCf0NAAEQEQIDEhMEBRQVBgcWFyEK/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQgJGBkKCxobDA0cHQ4PHh8hCyABIAhBAXRq/QAEACEJ/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQABEBECAxITBAUUFQYHFhchDP0MAAAAAAAAAAAAAAAAAAAAACAJ/Q0ICRgZCgsaGwwNHB0ODx4fIQ0gCiAK/eYBIAsgC/3mAf3kASEQIBEgEP1f/fABIREgEiAQIBD9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wASESIAwgCv3lASEOIA0gC/3lASEPIA4gBSAIQQJ0av0ABAD9USAPIAUgCEECdGr9AAQQ/VH95AEhFiAOIAYgCEECdGr9AAQA/VEgDyAGIAhBAnRq/QAEEP1R/eQBIRcgDP0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIAAAACAAAAAgAAAAIAA/bkBIQwgDf0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIAAAACAAAAAgAAAAIAA/bkBIQ0gDCAM/eYBIA0gDf3mAf3kASEYIAAgCEEBdGr9AAQQIQn9DAAAAAAAAAAAAAAAAAAAAAAgCf0NAAEQEQIDEhMEBRQVBgcWFyEK/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQgJGBkKCxobDA0cHQ4PHh8hCyABIAhBAXRq/QAEECEJ/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQABEBECAxITBAUUFQYHFhchDP0MAAAAAAAAAAAAAAAAAAAAACAJ/Q0ICRgZCgsaGwwNHB0ODx4fIQ0gCiAK/eYBIAsgC/3mAf3kASEQIBEgEP1f/fABIREgEiAQIBD9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wASESIAwgCv3lASEOIA0gC/3lASEPIBYgDiAFIAhBAnRq/QAEIP1RIA8gBSAIQQJ0av0ABDD9Uf3kAf3kASEWIBcgDiAGIAhBAnRq/QAEIP1RIA8gBiAIQQJ0av0ABDD9Uf3kAf3kASEXIAz9DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAAAAAgAAAAIAAAACAAP25ASEMIA39DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAAAAAgAAAAIAAAACAAP25ASENIBggDCAM/eYBIA0gDf3mAf3kAf3kASEYIBMgFv1fIBYgFv0NCAkKCwwNDg8ICQoLDA0OD/1f/fAB/fABIRMgFCAX/V8gFyAX/Q0ICQoLDA0ODwgJCgsMDQ4P/V/98AH98AEhFCAVIBj9XyAYIBj9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wAf3wASEVIAhBEGohCAwACwsgESAS/fABEAAhHCATEAAhHSAUEAAhHiAVEAAhHwJAA0AgCCADTw0BIAAgCEEBdGovAQBBEHS+uyEZIAEgCEEBdGovAQBBEHS+uyEaIBogGaEhGyAcIBkgGaKgIRwgHSAbIAIgCEEDdGorAwCioCEdIB4gGyACIANBA3RqIAhBA3RqKwMAoqAhHiAatrxBgICA/AdxQYCAgAQQBL67ISAgHyAgICCioCEfIAhBAWohCAwACwsgHEQAAAAAAADwf2MgHEQAAAAAAACwOWZxIB9EAAAAAAAA8H9jIB9EAAAAAAAAsDlmcXFFBEAgACABIAIgAyAEEAwPCyAdmUQAAAAAAADwf2MgHplEAAAAAAAA8H9jcUUEQCAAIAEgAiADIAQQDA8LIAQgHDkDACAEIB05AwggBCAeOQMQIAQgH0QAAAAAAAAQP6I5AxgLPAECfwJAA0AgBiAETw0BIAYgA2xBAmwhByAAIAdqIAEgB2ogAiADIAUgBkEFdGoQDSAGQQFqIQYMAAsLC84KBQN/DnsHfAF9An8gAiADQQN0aiEFIAAgA0ECbGohBiAAIANBeHFBAmxqIQcCQANAIAAgB08NASAA/QAEACEIIAkgCP0MAHwAfAB8AHwAfAB8AHwAfP1O/QwAfAB8AHwAfAB8AHwAfAB8/S39UCEJIAj9qQEiD0EN/asB/QwA4P8PAOD/DwDg/w8A4P8P/U4gD0EQ/asB/QwAAACAAAAAgAAAAIAAAACA/U79UP0MAACAdwAAgHcAAIB3AACAd/3mASEKIAj9qgEiD0EN/asB/QwA4P8PAOD/DwDg/w8A4P8P/U4gD0EQ/asB/QwAAACAAAAAgAAAAIAAAACA/U79UP0MAACAdwAAgHcAAIB3AACAd/3mASELIAH9AAQAIQggCSAI/QwAfAB8AHwAfAB8AHwAfAB8/U79DAB8AHwAfAB8AHwAfAB8AHz9Lf1QIQkgCP2pASIPQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAPQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQwgCP2qASIPQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAPQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQ0gCv1fIRAgDP1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEAP3yAf3wASETIBQgESAF/QAEAP3yAf3wASEUIAogCv0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDCAM/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQQ/fIB/fABIRMgFCARIAX9AAQQ/fIB/fABIRQgC/1fIRAgDf1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEIP3yAf3wASETIBQgESAF/QAEIP3yAf3wASEUIAsgC/0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDSAN/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQw/fIB/fABIRMgFCARIAX9AAQw/fIB/fABIRQgDP0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIA4AACAOAAAgDgAAIA4/bkBIg79XyEPIBUgDyAP/fIB/fABIRUgDiAO/Q0ICQoLDA0ODwgJCgsMDQ4P/V8hDyAVIA8gD/3yAf3wASEVIA39DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAOAAAgDgAAIA4AACAOP25ASIO/V8hDyAVIA8gD/3yAf3wASEVIA4gDv0NCAkKCwwNDg8ICQoLDA0OD/1fIQ8gFSAPIA/98gH98AEhFSAAQRBqIQAgAUEQaiEBIAJBwABqIQIgBUHAAGohBQwACwsgEhAAIRkgExAAIRogFBAAIRsgFRAAIRwCQANAIAAgBk8NASAALwEAIh4QArshFiAfIB4QA3IhHyABLwEAIh4QAiEdIB8gHhADciEfIB27IBahIRggGSAWIBaioCEZIBogGCACKwMAoqAhGiAbIBggBSsDAKKgIRsgHbxBgICA/AdxQYCAgMQDEAS+uyEXIBwgFyAXoqAhHCAAQQJqIQAgAUECaiEBIAJBCGohAiAFQQhqIQUMAAsLIBxEAAAAAAAAsD6iEAEhHCAZEAEhGSAfIAn9U3IEQEQAAAAAAADwfyEZRAAAAAAAAPB/IRwLIAQgGTkDACAEIBo5AwggBCAbOQMQIAQgHDkDGAs8AQJ/AkADQCAGIARPDQEgBiADbEECbCEHIAAgB2ogASAHaiACIAMgBSAGQQV0ahAPIAZBAWohBgwACwsLyAYFA38Oewd8AX0CfyACIANBA3RqIQUgACADQQRsaiEGIAAgA0F4cUEEbGohBwJAA0AgACAHTw0BIAD9AAQAIQogAP0ABBAhCyAB/QAEACEMIAH9AAQQIQ0gCv1fIRAgDP1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEAP3yAf3wASETIBQgESAF/QAEAP3yAf3wASEUIAogCv0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDCAM/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQQ/fIB/fABIRMgFCARIAX9AAQQ/fIB/fABIRQgC/1fIRAgDf1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEIP3yAf3wASETIBQgESAF/QAEIP3yAf3wASEUIAsgC/0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDSAN/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQw/fIB/fABIRMgFCARIAX9AAQw/fIB/fABIRQgDP3gAf0MAACAAAAAgAAAAIAAAACAAP3pASIO/V8hDyAVIA8gD/3yAf3wASEVIA4gDv0NCAkKCwwNDg8ICQoLDA0OD/1fIQ8gFSAPIA/98gH98AEhFSAN/eAB/QwAAIAAAACAAAAAgAAAAIAA/ekBIg79XyEPIBUgDyAP/fIB/fABIRUgDiAO/Q0ICQoLDA0ODwgJCgsMDQ4P/V8hDyAVIA8gD/3yAf3wASEVIABBIGohACABQSBqIQEgAkHAAGohAiAFQcAAaiEFDAALCyASEAAhGSATEAAhGiAUEAAhGyAVEAAhHAJAA0AgACAGTw0BIAAqAgC7IRYgASoCACEdIB27IBahIRggGSAWIBaioCEZIBogGCACKwMAoqAhGiAbIBggBSsDAKKgIRsgHYtDAACAAJe7IRcgHCAXIBeioCEcIABBBGohACABQQRqIQEgAkEIaiECIAVBCGohBQwACwsgHEQAAAAAAAAQPaIQASEcIBkQASEZIAQgGTkDACAEIBo5AwggBCAbOQMQIAQgHDkDGAs8AQJ/AkADQCAGIARPDQEgBiADbEEEbCEHIAAgB2ogASAHaiACIAMgBSAGQQV0ahARIAZBAWohBgwACwsLEAAgACABIAIgAyAEIAUQFAuUBwQFfwl7AXwBfyAEQQN0IQoCQANAIAcgAk8NASABIAdBAnRqIRUgFSADIBUoAgAgCmxqNgIAIAdBAWohBwwACwsCQANAIAZBEGogBEsNAf0MAAAAAAAAAAAAAAAAAAAAACEM/QwAAAAAAAAAAAAAAAAAAAAAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDv0MAAAAAAAAAAAAAAAAAAAAACEP/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRNBACEHAkADQCAHIAJPDQEgACAHQQN0aisDAP0UIQsgASAHQQJ0aigCACAGQQN0aiEIIAwgCyAI/QAEAP3yAf3wASEMIA0gCyAI/QAEEP3yAf3wASENIA4gCyAI/QAEIP3yAf3wASEOIA8gCyAI/QAEMP3yAf3wASEPIBAgCyAI/QAEQP3yAf3wASEQIBEgCyAI/QAEUP3yAf3wASERIBIgCyAI/QAEYP3yAf3wASESIBMgCyAI/QAEcP3yAf3wASETIAdBAWohBwwACwsgBSAGQQN0aiEJIAkgDP0LBAAgCSAN/QsEECAJIA79CwQgIAkgD/0LBDAgCSAQ/QsEQCAJIBH9CwRQIAkgEv0LBGAgCSAT/QsEcCAGQRBqIQYMAAsLAkADQCAGQQhqIARLDQH9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhD0EAIQcCQANAIAcgAk8NASAAIAdBA3RqKwMA/RQhCyABIAdBAnRqKAIAIAZBA3RqIQggDCALIAj9AAQA/fIB/fABIQwgDSALIAj9AAQQ/fIB/fABIQ0gDiALIAj9AAQg/fIB/fABIQ4gDyALIAj9AAQw/fIB/fABIQ8gB0EBaiEHDAALCyAFIAZBA3RqIQkgCSAM/QsEACAJIA39CwQQIAkgDv0LBCAgCSAP/QsEMCAGQQhqIQYMAAsLAkADQCAGIARPDQFEAAAAAAAAAAAhFEEAIQcCQANAIAcgAk8NASAUIAAgB0EDdGorAwAgASAHQQJ0aigCACAGQQN0aisDAKKgIRQgB0EBaiEHDAALCyAFIAZBA3RqIBQ5AwAgBkEBaiEGDAALCwsaACAAIAEgAiADIAQgBhAUIAYgBCAFIAcQFgvIBwQCfxJ7A3wFfwJAA0AgBEEIaiABSw0BIAAgBEEDdGohBSAF/QAEACEGIAX9AAQQIQcgBf0ABCAhCCAF/QAEMCEJIAIgBEEBdGr9AAQAIQr9DAAAAAAAAAAAAAAAAAAAAAAgCv0NAAEQEQIDEhMEBRQVBgcWFyEL/QwAAAAAAAAAAAAAAAAAAAAAIAr9DQgJGBkKCxobDA0cHQ4PHh8hDCAL/V8hDSALIAv9DQgJCgsMDQ4PCAkKCwwNDg/9XyEOIAz9XyEPIAwgDP0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgFCANIA398gH98AEhFCAVIA4gDv3yAf3wASEVIBQgDyAP/fIB/fABIRQgFSAQIBD98gH98AEhFSANIAb9Xv1f/fAB/V4gDiAH/V79X/3wAf1e/Q0AAQIDBAUGBxAREhMUFRYXIREgEf0M/38AAP9/AAD/fwAA/38AAP2uASARQRD9rQH9DAEAAAABAAAAAQAAAAEAAAD9Tv2uAUEQ/a0BIRIgC0EQ/a0BIRMgFiASIBP9NyASIBP9UP0M/38AAP9/AAD/fwAA/38AAP1O/QwAAAAAAAAAAAAAAAAAAAAA/Tf9UP2xASEWIBcgEf0M////f////3////9/////f/1O/QwAgH9/AIB/fwCAf38AgH9//UD9UCEXIA8gCP1e/V/98AH9XiAQIAn9Xv1f/fAB/V79DQABAgMEBQYHEBESExQVFhchESAR/Qz/fwAA/38AAP9/AAD/fwAA/a4BIBFBEP2tAf0MAQAAAAEAAAABAAAAAQAAAP1O/a4BQRD9rQEhEiAMQRD9rQEhEyAWIBIgE/03IBIgE/1Q/Qz/fwAA/38AAP9/AAD/fwAA/U79DAAAAAAAAAAAAAAAAAAAAAD9N/1Q/bEBIRYgFyAR/Qz///9/////f////3////9//U79DACAf38AgH9/AIB/fwCAf3/9QP1QIRcgBEEIaiEEDAALCyAUIBX98AEQACEaIBb9GwAgFv0bAWogFv0bAiAW/RsDamohHiAX/VMhHwJAA0AgBCABTw0BIAAgBEEDdGorAwAhGCACIARBAXRqLwEAIRsgG0EQdL67IRkgGiAZIBmioCEaIBkgGLa7oLa8IRwgHEH/////B3FBgID++wdPBEBBASEfCyAcQf//AWogHEEQdkEBcWpBEHYhHSAdIBtGIB0gG3JB//8BcUVyBEAgHkEBaiEeCyAEQQFqIQQMAAsLIB8gGkQAAAAAAADwf2NFcgRAQQEPCyADIBo5AwAgAyAeNgIIQQALbAICfwF7IAJBfnFBA3QhBAJAA0AgAyAETw0BIAUgACADav0ABAAgASADav0ABAD98gH98AEhBSADQRBqIQMMAAsLIAJBAXEEQCAFIAX9IQAgACADaisDACABIANqKwMAoqD9IgAhBQsgBRAACygAIAAgAiABbCADakEDdGogBDkDACAAIAMgAWwgAmpBA3RqIAQ5AwAL1wYCCH8LeyACQQN0IQkgAkF+cUEDdCELAkADQCAEIAFPDQEgACAEIAlsaiEGIAQhBSAEQQFqIAFJBEAgBiAJaiEHAkADQCAFQQRqIAFLDQEgACAFIAlsaiEI/QwAAAAAAAAAAAAAAAAAAAAAIQ/9DAAAAAAAAAAAAAAAAAAAAAAhEP0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRL9DAAAAAAAAAAAAAAAAAAAAAAhE/0MAAAAAAAAAAAAAAAAAAAAACEU/QwAAAAAAAAAAAAAAAAAAAAAIRX9DAAAAAAAAAAAAAAAAAAAAAAhFkEAIQoCQANAIAogC08NASAGIApq/QAEACEMIAcgCmr9AAQAIQ0gCCAKav0ABAAhDiAPIAwgDv3yAf3wASEPIBMgDSAO/fIB/fABIRMgCCAJaiAKav0ABAAhDiAQIAwgDv3yAf3wASEQIBQgDSAO/fIB/fABIRQgCCAJQQF0aiAKav0ABAAhDiARIAwgDv3yAf3wASERIBUgDSAO/fIB/fABIRUgCCAJQQNsaiAKav0ABAAhDiASIAwgDv3yAf3wASESIBYgDSAO/fIB/fABIRYgCkEQaiEKDAALCyADIAEgBCAFIA8gBiAIIAIgChAaEBggAyABIAQgBUEBaiAQIAYgCCAJaiACIAoQGhAYIAMgASAEIAVBAmogESAGIAggCUEBdGogAiAKEBoQGCADIAEgBCAFQQNqIBIgBiAIIAlBA2xqIAIgChAaEBggAyABIARBAWogBSATIAcgCCACIAoQGhAYIAMgASAEQQFqIAVBAWogFCAHIAggCWogAiAKEBoQGCADIAEgBEEBaiAFQQJqIBUgByAIIAlBAXRqIAIgChAaEBggAyABIARBAWogBUEDaiAWIAcgCCAJQQNsaiACIAoQGhAYIAVBBGohBQwACwsCQANAIAUgAU8NASADIAEgBCAFIAYgACAFIAlsaiACEBcQGCADIAEgBEEBaiAFIAcgACAFIAlsaiACEBcQGCAFQQFqIQUMAAsLIARBAmohBAwBCwJAA0AgBSABTw0BIAMgASAEIAUgBiAAIAUgCWxqIAIQFxAYIAVBAWohBQwACwsgBEEBaiEEDAALCwssACADQQFxBEAgACAA/SEAIAEgBGorAwAgAiAEaisDAKKg/SIAIQALIAAQAAu0AgEGfyACQQN0IQggAUEDdCEJAkADQCAEQQhqIAFLDQEgACAEIAhsaiEGIAMgBEEDdGohB0EAIQUCQANAIAUgAk8NASAHIAYrAwA5AwAgByAGIAhqKwMAOQMIIAcgBiAIQQJsaisDADkDECAHIAYgCEEDbGorAwA5AxggByAGIAhBBGxqKwMAOQMgIAcgBiAIQQVsaisDADkDKCAHIAYgCEEGbGorAwA5AzAgByAGIAhBB2xqKwMAOQM4IAZBCGohBiAHIAlqIQcgBUEBaiEFDAALCyAEQQhqIQQMAAsLAkADQCAEIAFPDQEgACAEIAhsaiEGQQAhBQJAA0AgBSACTw0BIAMgBSABbCAEakEDdGogBiAFQQN0aisDADkDACAFQQFqIQUMAAsLIARBAWohBAwACwsLzwQEAn8KewR8An9BfyEaIAX9FCESIAb9FCETIAf9FCEU/Qz/////////////////////IQ8gBEF+cSEKAkADQCAJIApPDQH9DAAAAAAAAAAAAAAAAAAAAAAgASAJQQF0av1cAgD9DQABEBECAxITAAEQEQIDEhP9XyEL/QwAAAAAAAAAAAAAAAAAAAAAIAAgCUEBdGr9XAIA/Q0AARARAgMSEwABEBECAxIT/V8gAiAJQQN0av0ABAD98AEhDCAPIAv97AH9DAAAAAAAAPB/AAAAAAAA8H/9SSAM/ewB/QwAAAAAAADwfwAAAAAAAPB//Un9Tv1OIQ8gCyAM/fEB/ewBIQ0gDSAL/ewBIAz97AH99wEgEv3yASAT/fcBIBQgAyAJQQN0av0ABAD98gH98AH9SiEOIBEgDv3RASERIA79UyAaQQBIcQRAIAkgCUEBaiAO/R0ApxshGgsgECAN/fcBIRAgCUECaiEJDAALCyAP/cMBRQRAQQEPCyAQ/SEAIBD9IQGlIRggEf0dACAR/R0BfKchGSAJIARJBEAgASAJQQF0ai8BAEEQdL67IRUgACAJQQF0ai8BAEEQdL67IAIgCUEDdGorAwCgIRYgFZlEAAAAAAAA8H9jIBaZRAAAAAAAAPB/Y3FFBEBBAQ8LIBUgFqGZIRcgFyAVmSAWmaUgBaIgBqUgByADIAlBA3RqKwMAoqBkBEAgGUEBaiEZIBpBAEgEQCAJIRoLCyAXIBhkBEAgFyEYCwsgCCAYOQMAIAggGTYCCCAIIBo2AgxBAAsMACAAIAEgAiADEBYLrgEEBH8BewF8AX8gAkF+cUEDdCEKIAMgAhAfAkADQCAFIAFPDQEgACAFIAJsQQN0aiEGQQAhBAJAA0AgBCAKTw0BIAMgBGohByAGIARq/QAEACEIIAcgB/0ABAAgCCAI/fIB/fAB/QsEACAEQRBqIQQMAAsLIAJBAXEEQCADIApqIQcgBiAKaisDACEJIAcgBysDACAJIAmioDkDAAsgBUEBaiEFDAALCyADIAIQIAsOACAAQQAgAUEDdPwLAAtJAQF/IAAgAUF+cUEDdGohAgJAA0AgACACTw0BIAAgAP0ABAD97wH9CwQAIABBEGohAAwACwsgAUEBcQRAIAAgACsDAJ85AwALC/8BBAN/AnsCfAN/IAJBfnFBA3QhDSAEIAIQHyAFIAIQHwJAA0AgByABTw0BIAAgByACbEEDdGohCCADIAdBA3RqKwMAIQsgC/0UIQpBACEGAkADQCAGIA1PDQEgCCAGav0ABAAhCSAEIAZqIQ4gBSAGaiEPIA4gDv0ABAAgCSAJ/fIB/fAB/QsEACAPIA/9AAQAIAn97AEgCv3yAf3wAf0LBAAgBkEQaiEGDAALCyACQQFxBEAgCCANaisDACEMIAQgDWohDiAFIA1qIQ8gDiAOKwMAIAwgDKKgOQMAIA8gDysDACAMmSALoqA5AwALIAdBAWohBwwACwsgBCACECALjAUDBH8LewN8AkADQCAHQQhqIARLDQH9DAAAAAAAAAAAAAAAAAAAAAAhDv0MAAAAAAAAAAAAAAAAAAAAACEP/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRP9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEVQQAhCAJAA0AgCCADTw0BIAAgCEEDdGorAwD9FCELIAEgCEEDdGorAwD9FCEMIAIgCEECdGooAgAgB0EDdGohCSAJ/QAEACENIA4gCyAN/fIB/fABIQ4gEiAMIA398gH98AEhEiAJ/QAEECENIA8gCyAN/fIB/fABIQ8gEyAMIA398gH98AEhEyAJ/QAEICENIBAgCyAN/fIB/fABIRAgFCAMIA398gH98AEhFCAJ/QAEMCENIBEgCyAN/fIB/fABIREgFSAMIA398gH98AEhFSAIQQFqIQgMAAsLIAUgB0EDdGohCiAKIA79CwQAIAogD/0LBBAgCiAQ/QsEICAKIBH9CwQwIAYgB0EDdGohCiAKIBL9CwQAIAogE/0LBBAgCiAU/QsEICAKIBX9CwQwIAdBCGohBwwACwsCQANAIAcgBE8NAUQAAAAAAAAAACEWRAAAAAAAAAAAIRdBACEIAkADQCAIIANPDQEgAiAIQQJ0aigCACAHQQN0aisDACEYIBYgACAIQQN0aisDACAYoqAhFiAXIAEgCEEDdGorAwAgGKKgIRcgCEEBaiEIDAALCyAFIAdBA3RqIBY5AwAgBiAHQQN0aiAXOQMAIAdBAWohBwwACwsL";

// src/merge/simd/merge-kernel.ts
function isMergeKernelDtype(dtype) {
  return dtype === "BF16" || dtype === "F16" || dtype === "F32";
}
var SUFFIX = { BF16: "bf16", F16: "f16", F32: "f32" };
var MergeKernel = class {
  constructor(memory, squaresExports, probeExports, updateRowExport, roundRowExport, roundDeltaExport, compareRowExport, gramRowsExport, transposeExport, updateRows2Export, colNormsExport, rowBoundsExport) {
    this.memory = memory;
    this.squaresExports = squaresExports;
    this.probeExports = probeExports;
    this.updateRowExport = updateRowExport;
    this.roundRowExport = roundRowExport;
    this.roundDeltaExport = roundDeltaExport;
    this.compareRowExport = compareRowExport;
    this.gramRowsExport = gramRowsExport;
    this.transposeExport = transposeExport;
    this.updateRows2Export = updateRows2Export;
    this.colNormsExport = colNormsExport;
    this.rowBoundsExport = rowBoundsExport;
  }
  memory;
  squaresExports;
  probeExports;
  updateRowExport;
  roundRowExport;
  roundDeltaExport;
  compareRowExport;
  gramRowsExport;
  transposeExport;
  updateRows2Export;
  colNormsExport;
  rowBoundsExport;
  leased = false;
  /** Rows run through the kernel since the thread started (tests check the SIMD path is taken). */
  rowsProcessed = 0;
  /** The whole linear memory (re-read after a lease: growing replaces the buffer). */
  get buffer() {
    return this.memory.buffer;
  }
  /** Null while another lease is out, or when memory cannot grow that far (the caller takes the JS path). */
  lease(byteLength) {
    if (this.leased) return null;
    const offset = 64;
    const needed = offset + byteLength;
    const have = this.memory.buffer.byteLength;
    if (needed > have) {
      try {
        this.memory.grow(Math.ceil((needed - have) / WASM_PAGE_BYTES));
      } catch {
        return null;
      }
    }
    this.leased = true;
    return { offset, byteLength };
  }
  release() {
    this.leased = false;
  }
  /** out[r] (f64 at outPointer + 8r) = Σ_j row r², +Inf for a row holding NaN or Inf. */
  squares(dtype, pointer, cols, rows, outPointer) {
    this.squaresExports[dtype](pointer, cols, rows, outPointer);
    this.rowsProcessed += rows;
  }
  /** Bytes `writeProbes` takes for rows of `cols`. */
  static probeBytes(cols) {
    return cols * 24;
  }
  /** The two ±1 probe vectors at `x` in the layout `probe` reads: as f64, then as i32 sign masks. */
  writeProbes(x, probes) {
    const cols = probes[0].length;
    const memory = this.memory.buffer;
    new Float64Array(memory, x, cols).set(probes[0]);
    new Float64Array(memory, x + cols * 8, cols).set(probes[1]);
    const signs = new Uint32Array(memory, x + cols * 16, 2 * cols);
    for (let j = 0; j < cols; j++) {
      signs[j] = probes[0][j] < 0 ? 2147483648 : 0;
      signs[cols + j] = probes[1][j] < 0 ? 2147483648 : 0;
    }
  }
  /**
   * Per row r, four f64 at outPointer + 32r: Σ W², Σ x0·(M − W), Σ x1·(M − W), Σ ulp(M)² (+Inf when M
   * holds NaN or Inf). `x` points at the two ±1 probe vectors as `writeProbes` put them.
   */
  probe(dtype, w, m, x, cols, rows, outPointer) {
    this.probeExports[dtype](w, m, x, cols, rows, outPointer);
    this.rowsProcessed += rows;
  }
  /**
   * One row of ΔW (f64 at `out`, `cols` values): out[j] = Σ_t l[t] · R[ks[t], j], R row-major (`cols` f64 per
   * row) at `right`, `terms` f64 scaled factors at `l` and i32 row indices at `ks` (overwritten: the kernel
   * turns them into row addresses). Same bits as updateRow.
   */
  updateRow(l, ks, terms, right, cols, out) {
    this.updateRowExport(l, ks, terms, right, cols, out);
  }
  /**
   * updateRow into `delta` (`ks` overwritten likewise), and for the BF16 row at `w`: Σ W² (f64 at `out`)
   * and the count of elements where W + ΔW rounds back to W (i32 at out + 8), the same values as
   * roundingRowBf16. False (nothing at `out`) when the row holds NaN or Inf or a sum is not finite in BF16:
   * the caller takes the JS path then.
   */
  roundRowBf16(...args) {
    return this.roundRowExport(...args) === 0;
  }
  /**
   * updateRow for two rows with the same terms: `ks` holds the addresses of R's rows (not indices), `l0` and
   * `l1` each row's scaled factors; each load of R serves both. Same bits as updateRow for each.
   */
  updateRows2(...args) {
    this.updateRows2Export(...args);
  }
  /** roundRowBf16 for a ΔW row already at `delta` (f64). */
  roundDeltaBf16(delta, cols, w, out) {
    return this.roundDeltaExport(delta, cols, w, out) === 0;
  }
  /**
   * One exact row of a BF16 merged checkpoint against W + ΔW (ΔW as f64 at `delta`, ‖R[:, j]‖ at `colNorms`),
   * as compareRow: largest error (f64 at `out`), mismatches (i32 at out + 8), first mismatching column (i32
   * at out + 12, -1 for none). False when a value is not finite: the caller takes the JS path then.
   */
  compareRowBf16(...args) {
    return this.compareRowExport(...args) === 0;
  }
  /** out = X Xᵀ (r x r f64) for X (r x n row-major f64) at `x`: the bits of gramOfRows. */
  gramRows(x, r, n, out) {
    this.gramRowsExport(x, r, n, out);
  }
  /** dst (cols x rows f64) = the transpose of src (rows x cols f64). */
  transpose(src, rows, cols, dst) {
    this.transposeExport(src, rows, cols, dst);
  }
  /** out[j] = ‖X[:, j]‖₂ for X (r x n f64) at `x`, summed in order of k: the bits of the JS loop. */
  colNorms(...args) {
    this.colNormsExport(...args);
  }
  /** For Lᵀ (r x n f64) at `lt`: norms[o] = ‖L[o, :]‖₂, dots[o] = Σ_k |L[o, k]|·rn[k], in order of k. */
  rowBounds(...args) {
    this.rowBoundsExport(...args);
  }
};
var kernel2;
var enabled = true;
function instantiate2() {
  const exported = instantiateBase64(MERGE_KERNEL_BASE64);
  if (exported === null) return null;
  const squares = {};
  const probe = {};
  for (const [dtype, suffix] of Object.entries(SUFFIX)) {
    squares[dtype] = exported[`squares_${suffix}`];
    probe[dtype] = exported[`probe_${suffix}`];
  }
  return new MergeKernel(
    exported.memory,
    squares,
    probe,
    exported.update_row,
    exported.round_row_bf16,
    exported.round_delta_bf16,
    exported.compare_row_bf16,
    exported.gram_rows,
    exported.transpose,
    exported.update_rows2,
    exported.col_norms,
    exported.row_bounds
  );
}
function mergeKernel() {
  if (!enabled) return null;
  if (kernel2 === void 0) kernel2 = instantiate2();
  return kernel2;
}

// src/merge/factors.ts
var scaledLeft = new Float64Array(64);
var nonZero = new Int32Array(64);
var byColumn = /* @__PURE__ */ new WeakMap();
function rightByColumn(factors, rank, cols) {
  let columns = byColumn.get(factors.right);
  if (!columns) {
    const { right } = factors;
    columns = new Float64Array(rank * cols);
    for (let k = 0; k < rank; k++)
      for (let j = 0; j < cols; j++) columns[j * rank + k] = right[k * cols + j];
    byColumn.set(factors.right, columns);
  }
  return columns;
}
function updateTerms(factors, scale, rank, row, l, ks) {
  const { left } = factors;
  let terms = 0;
  for (let k = 0; k < rank; k++) {
    const v = scale * left[row * rank + k];
    if (v === 0) continue;
    l[terms] = v;
    ks[terms++] = k;
  }
  return terms;
}
function updateRow(factors, scale, rank, row, delta) {
  const cols = delta.length;
  const columns = rightByColumn(factors, rank, cols);
  if (scaledLeft.length < rank) {
    scaledLeft = new Float64Array(rank);
    nonZero = new Int32Array(rank);
  }
  const l = scaledLeft;
  const ks = nonZero;
  const terms = updateTerms(factors, scale, rank, row, l, ks);
  if (terms === rank) {
    for (let j = 0, at = 0; j < cols; j++, at += rank) {
      let sum = 0;
      for (let k = 0; k < rank; k++) sum += l[k] * columns[at + k];
      delta[j] = sum;
    }
    return;
  }
  for (let j = 0, at = 0; j < cols; j++, at += rank) {
    let sum = 0;
    for (let t = 0; t < terms; t++) sum += l[t] * columns[at + ks[t]];
    delta[j] = sum;
  }
}
var transposed = new Float64Array(0);

// src/safetensors/encode.ts
var f32 = new Float32Array(1);
var u32 = new Uint32Array(f32.buffer);
function f32ToBf16Bits(value) {
  f32[0] = value;
  const bits = u32[0];
  if ((bits & 2139095040) === 2139095040 && (bits & 8388607) !== 0)
    return (bits >>> 16 | 64) & 65535;
  const roundingBias = 32767 + (bits >>> 16 & 1);
  return bits + roundingBias >>> 16 & 65535;
}
function f32ToF16Bits(value) {
  f32[0] = value;
  const bits = u32[0];
  const sign = bits >>> 16 & 32768;
  const exponent = bits >>> 23 & 255;
  let mantissa = bits & 8388607;
  if (exponent === 255) return sign | 31744 | (mantissa !== 0 ? 512 : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 31) return sign | 31744;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    mantissa |= 8388608;
    const shift = 14 - halfExponent;
    let half2 = mantissa >>> shift;
    const rest2 = mantissa & (1 << shift) - 1;
    const halfway = 1 << shift - 1;
    if (rest2 > halfway || rest2 === halfway && (half2 & 1) === 1) half2++;
    return sign | half2;
  }
  let half = halfExponent << 10 | mantissa >>> 13;
  const rest = mantissa & 8191;
  if (rest > 4096 || rest === 4096 && (half & 1) === 1) half++;
  return sign | half;
}

// src/merge/float-formats.ts
function isWeightDtype(dtype) {
  return dtype === "F16" || dtype === "BF16" || dtype === "F32" || dtype === "F64";
}
var MANTISSA_BITS = { F16: 10, BF16: 7, F32: 23, F64: 52 };
function unitRoundoff(dtype) {
  const m = isWeightDtype(dtype) ? MANTISSA_BITS[dtype] : 7;
  return 2 ** -(m + 1);
}
function maxFinite(dtype) {
  switch (dtype) {
    case "F16":
      return 65504;
    case "BF16":
      return 33895313892515355e22;
    case "F32":
      return 34028234663852886e22;
    case "F64":
      return Number.MAX_VALUE;
  }
}
function coarser(a, b) {
  return MANTISSA_BITS[a] <= MANTISSA_BITS[b] ? a : b;
}
function ulpOf(dtype, x) {
  const m = MANTISSA_BITS[dtype];
  const minExp = dtype === "F16" ? -14 : dtype === "F64" ? -1022 : -126;
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return Number.POSITIVE_INFINITY;
  const e = a === 0 ? minExp : Math.max(minExp, Math.floor(Math.log2(a)));
  return 2 ** (e - m);
}
var halfTables = /* @__PURE__ */ new Map();
function tablesFor(dtype) {
  let tables2 = halfTables.get(dtype);
  if (!tables2) {
    const value = decodeTable(dtype);
    const squareOrInf = new Float64Array(65536);
    const ulpSquare = new Float64Array(65536);
    const nonFinite = new Uint8Array(65536);
    for (let bits = 0; bits < 65536; bits++) {
      const v = value[bits];
      if (Number.isFinite(v)) {
        squareOrInf[bits] = v * v;
        const u = ulpOf(dtype, v);
        ulpSquare[bits] = u * u;
      } else {
        nonFinite[bits] = 1;
        squareOrInf[bits] = Number.POSITIVE_INFINITY;
        ulpSquare[bits] = Number.POSITIVE_INFINITY;
      }
    }
    tables2 = { value, squareOrInf, ulpSquare, nonFinite };
    halfTables.set(dtype, tables2);
  }
  return tables2;
}
function storedSum(dtype, w, delta) {
  const sum = Math.fround(w + Math.fround(delta));
  switch (dtype) {
    case "BF16":
      return tablesFor("BF16").value[f32ToBf16Bits(sum)];
    case "F16":
      return tablesFor("F16").value[f32ToF16Bits(sum)];
    case "F32":
      return sum;
    case "F64":
      return w + delta;
  }
}
function storedValue(dtype, x) {
  switch (dtype) {
    case "BF16":
      return tablesFor("BF16").value[f32ToBf16Bits(x)];
    case "F16":
      return tablesFor("F16").value[f32ToF16Bits(x)];
    case "F32":
      return Math.fround(x);
    case "F64":
      return x;
  }
}
var scratchF32 = new Float32Array(1);
var scratchU32 = new Uint32Array(scratchF32.buffer);
function storedSumRow(dtype, w, delta, out) {
  const n = w.length;
  if (dtype === "BF16") {
    const value = tablesFor("BF16").value;
    for (let j = 0; j < n; j++) {
      scratchF32[0] = w[j] + Math.fround(delta[j]);
      const bits = scratchU32[0];
      if ((bits & 2139095040) === 2139095040 && (bits & 8388607) !== 0) {
        out[j] = Number.NaN;
      } else {
        out[j] = value[bits + 32767 + (bits >>> 16 & 1) >>> 16 & 65535];
      }
    }
    return;
  }
  for (let j = 0; j < n; j++) out[j] = storedSum(dtype, w[j], delta[j]);
}
function roundingRowBf16(bits, offset, cols, delta, w, out) {
  const value = tablesFor("BF16").value;
  let squares = 0;
  let away = 0;
  let inf = 0;
  let nan = 0;
  let first = -1;
  for (let j = 0; j < cols; j++) {
    const wj = value[bits[offset + j]];
    w[j] = wj;
    if (wj - wj === 0) squares += wj * wj;
    scratchF32[0] = wj + Math.fround(delta[j]);
    const sum = scratchU32[0];
    if ((sum & 2139095040) === 2139095040 && (sum & 8388607) !== 0) {
      nan++;
      if (first < 0) first = j;
      continue;
    }
    const stored = value[sum + 32767 + (sum >>> 16 & 1) >>> 16 & 65535];
    if (stored === wj) away++;
    if (stored - stored !== 0) {
      if (Number.isNaN(stored)) nan++;
      else inf++;
      if (first < 0) first = j;
    }
  }
  out.squares = squares;
  out.away = away;
  out.inf = inf;
  out.nan = nan;
  out.firstNonFinite = first;
}

// src/merge/row-decode.ts
function decodeRow(dtype, chunk, row, cols, out) {
  const offset = (row - chunk.firstRow) * cols;
  switch (dtype) {
    case "F16":
    case "BF16": {
      const table = tablesFor(dtype).value;
      const u16 = chunk.u16;
      for (let j = 0; j < cols; j++) out[j] = table[u16[offset + j]];
      return;
    }
    case "F32":
      for (let j = 0; j < cols; j++) out[j] = chunk.f32[offset + j];
      return;
    case "F64":
      for (let j = 0; j < cols; j++) out[j] = chunk.f64[offset + j];
      return;
  }
}

// src/merge/random.ts
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function probeVectors(count, n, seed) {
  const next = rng(seed);
  return Array.from({ length: count }, () => {
    const x = new Float64Array(n);
    let bits = 0;
    for (let j = 0; j < n; j++) {
      if ((j & 31) === 0) bits = next() * 4294967296;
      x[j] = bits >>> (j & 31) & 1 ? -1 : 1;
    }
    return x;
  });
}

// src/merge/simd/tile-scan.ts
var BYTES2 = { F16: 2, BF16: 2, F32: 4, F64: 8 };
var align = (n) => Math.ceil(n / 64) * 64;
function layout(dtype, cols, rowsPerChunk, probing, rank, prepared, offset) {
  const rowsBytes = align(rowsPerChunk * cols * BYTES2[dtype]);
  const results = offset;
  const x = results + align(rowsPerChunk * (probing ? 4 : 1) * 8);
  const l = x + align(probing ? MergeKernel.probeBytes(cols) : 0);
  const l1 = l + align(rank * 8);
  const ks = l1 + align(rank * 8);
  const rowOut = ks + align(rank * 4);
  const right = rowOut + 64;
  const colNorms = right + align(rank * cols * 8);
  const delta = colNorms + align(cols * 8);
  const preparedAt = delta + align(cols * 8);
  const base = preparedAt + align(prepared * cols * 8);
  const merged = base + rowsBytes;
  const end = merged + (probing ? rowsBytes : 0);
  return { results, x, l, l1, ks, rowOut, right, colNorms, delta, prepared: preparedAt, base, merged, end };
}
var TileScan = class _TileScan {
  constructor(kernel3, at, dtype, cols, rowsPerChunk, probes, factors, rank) {
    this.kernel = kernel3;
    this.at = at;
    this.dtype = dtype;
    this.cols = cols;
    this.rank = rank;
    this.stride = probes ? 4 : 1;
    const rowBytes = cols * BYTES2[dtype];
    const memory = kernel3.buffer;
    this.results = new Float64Array(memory, at.results, rowsPerChunk * this.stride);
    this.baseBuffer = Buffer.from(memory, at.base, rowsPerChunk * rowBytes);
    this.mergedBuffer = probes ? Buffer.from(memory, at.merged, rowsPerChunk * rowBytes) : null;
    if (probes) {
      kernel3.writeProbes(at.x, [probes[0], probes[1]]);
    }
    this.l = new Float64Array(memory, at.l, rank);
    this.ks = new Int32Array(memory, at.ks, rank);
    this.l1 = new Float64Array(memory, at.l1, rank);
    this.ks1 = new Int32Array(rank);
    this.delta = new Float64Array(memory, at.delta, cols);
    this.rowOut = new DataView(memory, at.rowOut, 16);
    new Float64Array(memory, at.right, rank * cols).set(factors.right);
    new Float64Array(memory, at.colNorms, cols).set(factors.rightColNorms);
    this.current = at.delta;
  }
  kernel;
  at;
  dtype;
  cols;
  rank;
  /** Where the readers put base (and merged) rows; aligned views over linear memory. */
  baseBuffer;
  mergedBuffer;
  /** Per row: stride 1 (squares) or 4 (Σ W², probe 0, probe 1, Σ ulp(M)²). */
  results;
  stride;
  l;
  l1;
  ks;
  ks1;
  delta;
  rowOut;
  /** Address of each prepared row's ΔW, by row; and of the ΔW row the last roundRowBf16 used. */
  preparedRows = /* @__PURE__ */ new Map();
  current;
  /** Bytes of linear memory a tile needs. */
  static bytesFor(dtype, cols, rowsPerChunk, probing, rank, prepared = 0) {
    return layout(dtype, cols, rowsPerChunk, probing, rank, prepared, 0).end;
  }
  /**
   * A scan for a tile, or null when the kernel cannot take it (dtype, busy). `probes` (two ±1 vectors) when
   * the merged rows have the base's dtype and are probed; room for `prepared` rows of ΔW (prepareRows).
   */
  static open(kernel3, dtype, cols, rowsPerChunk, probes, factors, rank, prepared = 0) {
    if (!kernel3 || !isMergeKernelDtype(dtype) || probes && probes.length !== 2) return null;
    const probing = probes !== null;
    const lease = kernel3.lease(
      _TileScan.bytesFor(dtype, cols, rowsPerChunk, probing, rank, prepared)
    );
    if (!lease) return null;
    const at = layout(dtype, cols, rowsPerChunk, probing, rank, prepared, lease.offset);
    return new _TileScan(kernel3, at, dtype, cols, rowsPerChunk, probes, factors, rank);
  }
  /** Fills `results` for the first `rows` rows now in the row buffers. */
  scan(rows) {
    const p = this.at;
    if (this.stride === 4) {
      this.kernel.probe(this.dtype, p.base, p.merged, p.x, this.cols, rows, p.results);
    } else {
      this.kernel.squares(this.dtype, p.base, this.cols, rows, p.results);
    }
  }
  /** delta = the stored row `row` of ΔW, the same bits as factors.updateRow. */
  updateRow(factors, scale, row, delta) {
    const terms = updateTerms(factors, scale, this.rank, row, this.l, this.ks);
    const p = this.at;
    this.kernel.updateRow(p.l, p.ks, terms, p.right, this.cols, p.delta);
    delta.set(this.delta);
  }
  /** ΔW for these rows now (at most the `prepared` count given to open), for roundRowBf16 to use later. */
  prepareRows(factors, scale, rows) {
    const p = this.at;
    const rowBytes = this.cols * 8;
    for (let i = 0; i < rows.length; ) {
      const at = p.prepared + i * rowBytes;
      const terms = updateTerms(factors, scale, this.rank, rows[i], this.l, this.ks);
      this.preparedRows.set(rows[i], at);
      if (i + 1 < rows.length && updateTerms(factors, scale, this.rank, rows[i + 1], this.l1, this.ks1) === terms) {
        let same = true;
        for (let t = 0; t < terms && same; t++) same = this.ks[t] === this.ks1[t];
        if (same) {
          for (let t = 0; t < terms; t++) this.ks[t] = p.right + this.ks[t] * rowBytes;
          this.kernel.updateRows2(p.l, p.l1, p.ks, terms, this.cols, at, at + rowBytes);
          this.preparedRows.set(rows[i + 1], at + rowBytes);
          i += 2;
          continue;
        }
      }
      this.kernel.updateRow(p.l, p.ks, terms, p.right, this.cols, at);
      i++;
    }
  }
  /**
   * For the BF16 row at linear-memory address `w`: row `row` of ΔW (as updateRow; kept in the kernel, see
   * copyDelta), and Σ W² and the count of elements where W + ΔW rounds back to W (as roundingRowBf16); null
   * when the row needs the JS path (NaN or Inf in the row or in a sum).
   */
  roundRowBf16(factors, scale, row, w) {
    const p = this.at;
    const prepared = this.preparedRows.get(row);
    let ok;
    if (prepared !== void 0) {
      ok = this.kernel.roundDeltaBf16(prepared, this.cols, w, p.rowOut);
      this.current = prepared;
    } else {
      const terms = updateTerms(factors, scale, this.rank, row, this.l, this.ks);
      ok = this.kernel.roundRowBf16(p.l, p.ks, terms, p.right, this.cols, w, p.delta, p.rowOut);
      this.current = p.delta;
    }
    if (!ok) return null;
    return { squares: this.rowOut.getFloat64(0, true), away: this.rowOut.getInt32(8, true) };
  }
  /** delta = the ΔW row of the last roundRowBf16 (only the JS paths need it in their own memory). */
  copyDelta(delta) {
    delta.set(new Float64Array(this.kernel.buffer, this.current, this.cols));
  }
  /**
   * After roundRowBf16 for the same row: the BF16 merged row at address `m` against W (at `w`) + ΔW, as
   * compareRow does it; null when a value is not finite (the JS path counts those).
   */
  compareRowBf16(w, m, rel, tiny, updateTol) {
    const p = this.at;
    if (!this.kernel.compareRowBf16(w, m, this.current, p.colNorms, this.cols, rel, tiny, updateTol, p.rowOut))
      return null;
    return {
      maxError: this.rowOut.getFloat64(0, true),
      mismatches: this.rowOut.getInt32(8, true),
      firstMismatch: this.rowOut.getInt32(12, true)
    };
  }
  close() {
    this.kernel.release();
  }
};

// src/merge/tile-check.ts
var PROBE_SIGMAS = 8;
var MANTISSA = { F16: 10, BF16: 7, F32: 23, F64: 52 };
var TINY = { F16: 2 ** -24, BF16: 2 ** -133, F32: 2 ** -149, F64: 2 ** -1074 };
function ulpBound(dtype, x) {
  return Math.max(Math.abs(x) * 2 ** -MANTISSA[dtype], TINY[dtype]);
}
function updateTolerance(work, weightDtype) {
  let adapter = unitRoundoff(work.down.dtype);
  if (work.conv) adapter = Math.max(adapter, 2 ** -11);
  const extra = work.singularValues ? 3 : 0;
  return unitRoundoff(weightDtype) + (work.rank + 1 + extra) * adapter;
}
var MergedTally = class {
  bitIdentical = true;
  probeRows = 0;
  probeFailRows = 0;
  worstProbe = 0;
  exactRows = 0;
  exactElements = 0;
  mismatchElements = 0;
  maxError = 0;
  firstMismatch = null;
  nonFinite = 0;
  result() {
    return { ...this };
  }
};
async function runTile(task) {
  const { work, factors } = task;
  const { cols, rank, scale } = work;
  const baseDtype = work.base.dtype;
  const mergedDtype = work.merged?.dtype;
  const tolDtype = mergedDtype ? coarser(baseDtype, mergedDtype) : baseDtype;
  const gamma = updateTolerance(work, tolDtype);
  const allExact = task.exactRows === "all";
  const probes = work.merged && !allExact ? probeVectors(task.probes, cols, task.seed) : [];
  const rowsPerChunk = Math.min(
    RowReader.rowsPerChunk(work.base, cols, task.chunkBytes),
    work.merged ? RowReader.rowsPerChunk(work.merged, cols, task.chunkBytes) : Number.POSITIVE_INFINITY
  );
  const probing = probes.length > 0 && mergedDtype === baseDtype;
  const prepared = !allExact && baseDtype === "BF16" ? task.exactRows : [];
  const simd = allExact ? null : TileScan.open(
    mergeKernel(),
    baseDtype,
    cols,
    rowsPerChunk,
    probing ? probes : null,
    factors,
    rank,
    prepared.length
  );
  const fusedProbes = simd !== null && simd.stride === 4;
  let base;
  let merged = null;
  try {
    simd?.prepareRows(factors, scale, prepared);
    base = RowReader.open(work.base, cols, task.chunkBytes, simd?.baseBuffer);
  } catch (error) {
    simd?.close();
    throw error;
  }
  let scratch2 = null;
  try {
    let exactPath2 = function(o, sampled, wChunk, mChunk) {
      if (baseDtype === "BF16") {
        if (simd && (!mChunk || fusedProbes)) {
          const wAt = wChunk.bytes.byteOffset + (o - wChunk.firstRow) * cols * 2;
          const row = simd.roundRowBf16(factors, scale, o, wAt);
          if (row && (!mChunk || compareInKernel2(o, wAt, mChunk))) {
            if (sampled) countRounding2(row.away);
            return row.squares;
          }
          simd.copyDelta(delta);
        } else if (simd) simd.updateRow(factors, scale, o, delta);
        else updateRow(factors, scale, rank, o, delta);
        roundingRowBf16(wChunk.u16, (o - wChunk.firstRow) * cols, cols, delta, wRow, roundingRow);
        if (roundingRow.firstNonFinite >= 0) {
          overflow2.inf += roundingRow.inf;
          overflow2.nan += roundingRow.nan;
          overflow2.first ??= [o, roundingRow.firstNonFinite];
        }
        if (mChunk && mRow && tally) {
          decodeRow(mergedDtype, mChunk, o, cols, mRow);
          compareRow2(o, wRow, mRow, delta);
        }
        if (sampled) countRounding2(roundingRow.away);
        return roundingRow.squares;
      }
      decodeRow(baseDtype, wChunk, o, cols, wRow);
      if (mChunk && mRow) decodeRow(mergedDtype, mChunk, o, cols, mRow);
      return exactRow2(o, sampled, wRow, mRow, delta);
    }, exactRow2 = function(o, sampled, w, m, d) {
      if (simd) simd.updateRow(factors, scale, o, d);
      else updateRow(factors, scale, rank, o, d);
      storedSumRow(baseDtype, w, d, storedRow);
      let squares = 0;
      let away = 0;
      for (let j = 0; j < cols; j++) {
        const wj = w[j];
        const stored = storedRow[j];
        if (wj - wj === 0) squares += wj * wj;
        if (stored === wj) away++;
        if (stored - stored !== 0) {
          if (Number.isNaN(stored)) overflow2.nan++;
          else overflow2.inf++;
          overflow2.first ??= [o, j];
        }
      }
      if (m && tally) compareRow2(o, w, m, d);
      if (sampled) countRounding2(away);
      return squares;
    }, compareInKernel2 = function(o, wAt, mChunk) {
      const t = tally;
      const mAt = mChunk.bytes.byteOffset + (o - mChunk.firstRow) * cols * 2;
      const updateTol = gamma * Math.abs(scale) * factors.leftNorms[o];
      const row = simd.compareRowBf16(wAt, mAt, 2 ** -MANTISSA[tolDtype], TINY[tolDtype], updateTol);
      if (!row) return false;
      t.maxError = Math.max(t.maxError, row.maxError);
      t.mismatchElements += row.mismatches;
      if (row.firstMismatch >= 0) t.firstMismatch ??= [o, row.firstMismatch];
      t.exactRows++;
      t.exactElements += cols;
      return true;
    }, countRounding2 = function(away) {
      rounding.rows++;
      rounding.elements += cols;
      rounding.roundedAway += away;
      rounding.rowFractions.push(cols > 0 ? away / cols : 0);
    }, compareRow2 = function(o, w, m, d) {
      const t = tally;
      const rel = 2 ** -MANTISSA[tolDtype];
      const tiny = TINY[tolDtype];
      const updateTol = gamma * Math.abs(scale) * leftNorms[o];
      const colNorms = factors.rightColNorms;
      let maxError = t.maxError;
      for (let j = 0; j < cols; j++) {
        const mj = m[j];
        const expected = w[j] + d[j];
        let error;
        let bad;
        if (mj - mj === 0 && expected - expected === 0) {
          error = Math.abs(mj - expected);
          const magnitude = Math.max(Math.abs(mj), Math.abs(expected));
          bad = error > Math.max(magnitude * rel, tiny) + updateTol * colNorms[j];
        } else {
          if (mj - mj !== 0) t.nonFinite++;
          const expectedStored = storedSum(mergedDtype, w[j], d[j]);
          bad = !(Object.is(mj, expectedStored) || Number.isNaN(mj) && Number.isNaN(expectedStored));
          error = bad ? Number.POSITIVE_INFINITY : 0;
        }
        if (bad) {
          t.mismatchElements++;
          t.firstMismatch ??= [o, j];
        }
        if (error > maxError) maxError = error;
      }
      t.maxError = maxError;
      t.exactRows++;
      t.exactElements += cols;
    };
    var exactPath = exactPath2, exactRow = exactRow2, compareInKernel = compareInKernel2, countRounding = countRounding2, compareRow = compareRow2;
    if (work.merged) {
      merged = RowReader.open(work.merged, cols, task.chunkBytes, simd?.mergedBuffer ?? void 0);
    }
    const exactList = allExact ? [] : task.exactRows;
    let nextExact = 0;
    const projected = probes.map((x) => project(factors, x, rank, cols));
    const limit = maxFinite(baseDtype);
    let maxColNorm = 0;
    for (const v of factors.rightColNorms) maxColNorm = Math.max(maxColNorm, v);
    const { leftNorms, absDotNorms } = factors;
    const overflowSlack = Math.abs(scale) * maxColNorm;
    const halfLimit = limit / 2;
    scratch2 = takeRowScratch(cols);
    const [wRow, mRowScratch, delta, storedRow] = scratch2.rows;
    const mRow = merged ? mRowScratch : null;
    const roundingRow = { squares: 0, away: 0, inf: 0, nan: 0, firstNonFinite: -1 };
    const probeSums = new Float64Array(probes.length);
    const tally = merged ? new MergedTally() : null;
    const rounding = { rows: 0, elements: 0, roundedAway: 0, rowFractions: [] };
    const overflow2 = { inf: 0, nan: 0, first: null };
    let baseSumSquares = 0;
    for (let first = task.rowStart; first < task.rowEnd; first += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, task.rowEnd - first);
      const wChunk = base.read(first, count);
      const mChunk = merged ? merged.read(first, count) : null;
      if (tally?.bitIdentical && mChunk && (mergedDtype !== baseDtype || !wChunk.bytes.equals(mChunk.bytes))) {
        tally.bitIdentical = false;
      }
      simd?.scan(count);
      const kernelRows = simd?.results;
      const stride = simd?.stride ?? 0;
      if (kernelRows && stride === 1 && !mChunk) {
        const end = first + count;
        let o = first;
        while (o < end) {
          const sampledRow = nextExact < exactList.length ? exactList[nextExact] : end;
          const stop = Math.min(sampledRow, end);
          for (; o < stop; o++) {
            const rowSquares = kernelRows[o - first];
            if (Math.sqrt(rowSquares) + overflowSlack * leftNorms[o] < halfLimit)
              baseSumSquares += rowSquares;
            else baseSumSquares += exactPath2(o, false, wChunk, null);
          }
          if (o < end) {
            nextExact++;
            baseSumSquares += exactPath2(o, true, wChunk, null);
            o++;
          }
        }
        continue;
      }
      for (let o = first; o < first + count; o++) {
        let sampled = allExact;
        if (!sampled && nextExact < exactList.length && exactList[nextExact] === o) {
          sampled = true;
          nextExact++;
        }
        let exact = sampled;
        const at = (o - first) * stride;
        const rowSquares = kernelRows ? kernelRows[at] : sumSquares(baseDtype, wChunk, o, cols);
        if (!exact && !(Math.sqrt(rowSquares) + overflowSlack * leftNorms[o] < halfLimit)) {
          exact = true;
        }
        let probeFailed = false;
        let probeRatio = 0;
        if (!exact && mChunk && tally) {
          let ulpSquares;
          if (fusedProbes) {
            probeSums[0] = kernelRows[at + 1];
            probeSums[1] = kernelRows[at + 2];
            ulpSquares = kernelRows[at + 3];
          } else {
            ulpSquares = probeRow(
              wChunk,
              mChunk,
              baseDtype,
              mergedDtype,
              tolDtype,
              o,
              cols,
              probes,
              probeSums
            );
          }
          if (!Number.isFinite(ulpSquares)) {
            exact = true;
          } else {
            const tolerance = PROBE_SIGMAS * (Math.sqrt(ulpSquares) + gamma * Math.abs(scale) * absDotNorms[o]);
            for (let p = 0; p < probes.length; p++) {
              let predicted = 0;
              for (let k = 0; k < rank; k++) predicted += factors.left[o * rank + k] * projected[p][k];
              const residual = Math.abs(probeSums[p] - scale * predicted);
              const ratio = tolerance > 0 ? residual / tolerance : residual > 0 ? Number.POSITIVE_INFINITY : 0;
              if (!(ratio <= 1)) probeFailed = true;
              probeRatio = Math.max(probeRatio, Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : ratio);
            }
          }
        }
        if (exact) {
          baseSumSquares += exactPath2(o, sampled, wChunk, mChunk);
        } else {
          baseSumSquares += rowSquares;
          if (tally) {
            tally.probeRows++;
            if (probeFailed) tally.probeFailRows++;
            tally.worstProbe = Math.max(tally.worstProbe, probeRatio);
          }
        }
      }
    }
    const updateSumSquares = task.gram ? factors.updateSumSquares : null;
    return {
      rowStart: task.rowStart,
      rowEnd: task.rowEnd,
      baseSumSquares,
      updateSumSquares,
      rounding,
      overflow: overflow2,
      merged: tally ? tally.result() : null
    };
  } finally {
    scratch2?.release();
    base.close();
    merged?.close();
    simd?.close();
  }
}
var scratchRows = [];
var scratchBusy = false;
function takeRowScratch(cols) {
  if (scratchBusy) return { rows: Array.from({ length: 4 }, () => new Float64Array(cols)), release() {
  } };
  scratchBusy = true;
  if (scratchRows.length === 0 || scratchRows[0].length < cols) {
    scratchRows = Array.from({ length: 4 }, () => new Float64Array(cols));
  }
  return {
    rows: scratchRows.map((row) => row.subarray(0, cols)),
    release() {
      scratchBusy = false;
    }
  };
}
function project(factors, x, rank, cols) {
  const y = new Float64Array(rank);
  for (let k = 0; k < rank; k++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += factors.right[k * cols + j] * x[j];
    y[k] = sum;
  }
  return y;
}
function sumSquares(dtype, chunk, o, cols) {
  const offset = (o - chunk.firstRow) * cols;
  const end = offset + cols;
  if (dtype === "BF16" || dtype === "F16") {
    const square = tablesFor(dtype).squareOrInf;
    const u16 = chunk.u16;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = offset;
    for (; i + 3 < end; i += 4) {
      s0 += square[u16[i]];
      s1 += square[u16[i + 1]];
      s2 += square[u16[i + 2]];
      s3 += square[u16[i + 3]];
    }
    for (; i < end; i++) s0 += square[u16[i]];
    return s0 + s1 + s2 + s3;
  }
  const values = dtype === "F32" ? chunk.f32 : chunk.f64;
  let sum = 0;
  for (let i = offset; i < end; i++) {
    const v = values[i];
    sum += v * v;
  }
  return Number.isNaN(sum) ? Number.POSITIVE_INFINITY : sum;
}
function probeRow(wChunk, mChunk, baseDtype, mergedDtype, tolDtype, o, cols, probes, probeSums) {
  const offset = (o - wChunk.firstRow) * cols;
  probeSums.fill(0);
  const half = (baseDtype === "BF16" || baseDtype === "F16") && mergedDtype === baseDtype;
  if (half && probes.length === 2) {
    const tables2 = tablesFor(baseDtype);
    const value = tables2.value;
    const ulpSquare = tables2.ulpSquare;
    const w16 = wChunk.u16;
    const m16 = mChunk.u16;
    const x0 = probes[0];
    const x1 = probes[1];
    let a0 = 0;
    let a1 = 0;
    let us2 = 0;
    for (let j = 0; j < cols; j++) {
      const mb = m16[offset + j];
      const d = value[mb] - value[w16[offset + j]];
      a0 += d * x0[j];
      a1 += d * x1[j];
      us2 += ulpSquare[mb];
    }
    probeSums[0] = a0;
    probeSums[1] = a1;
    return us2;
  }
  const w = new Float64Array(cols);
  const m = new Float64Array(cols);
  decodeRow(baseDtype, wChunk, o, cols, w);
  decodeRow(mergedDtype, mChunk, o, cols, m);
  let us = 0;
  for (let j = 0; j < cols; j++) {
    const mj = m[j];
    const d = mj - w[j];
    for (let p = 0; p < probes.length; p++) probeSums[p] += d * probes[p][j];
    const u = ulpBound(tolDtype, mj);
    us += Number.isFinite(mj) ? u * u : Number.POSITIVE_INFINITY;
  }
  return us;
}

// src/merge/dora-check.ts
async function runDora(task) {
  const { work, factors } = task;
  const { rows, cols, rank, scale } = work;
  const magnitude = factors.magnitude;
  const perColumn = work.dora === "columns";
  if (!magnitude || magnitude.length !== (perColumn ? cols : rows)) {
    throw new Error(
      `DoRA magnitude has ${magnitude?.length ?? 0} values, expected ${perColumn ? cols : rows} (one per ${perColumn ? "column" : "row"})`
    );
  }
  const baseDtype = work.base.dtype;
  const mergedDtype = work.merged?.dtype;
  const tolDtype = mergedDtype ? coarser(baseDtype, mergedDtype) : baseDtype;
  const gamma = updateTolerance(work, tolDtype);
  const base = RowReader.open(work.base, cols, task.chunkBytes);
  let merged = null;
  try {
    merged = work.merged ? RowReader.open(work.merged, cols, task.chunkBytes) : null;
  } catch (error) {
    base.close();
    throw error;
  }
  const rowsPerChunk = Math.min(base.rowsPerChunk, merged?.rowsPerChunk ?? Number.POSITIVE_INFINITY);
  const w = new Float64Array(cols);
  const m = new Float64Array(cols);
  const delta = new Float64Array(cols);
  try {
    let columnFactor = null;
    if (perColumn) {
      const columnSquares = new Float64Array(cols);
      for (let first = 0; first < rows; first += rowsPerChunk) {
        const count = Math.min(rowsPerChunk, rows - first);
        const chunk = base.read(first, count);
        for (let o = first; o < first + count; o++) {
          decodeRow(baseDtype, chunk, o, cols, w);
          updateRow(factors, scale, rank, o, delta);
          for (let j = 0; j < cols; j++) {
            const v = w[j] + delta[j];
            columnSquares[j] += v * v;
          }
        }
      }
      columnFactor = new Float64Array(cols);
      for (let j = 0; j < cols; j++) columnFactor[j] = magnitude[j] / Math.sqrt(columnSquares[j]);
    }
    let baseSumSquares = 0;
    let updateSumSquares = 0;
    let roundedAway = 0;
    const rowFractions = [];
    const overflow2 = { inf: 0, nan: 0, first: null };
    const tally = merged ? {
      bitIdentical: true,
      probeRows: 0,
      probeFailRows: 0,
      worstProbe: 0,
      exactRows: 0,
      exactElements: 0,
      mismatchElements: 0,
      maxError: 0,
      firstMismatch: null,
      nonFinite: 0
    } : null;
    for (let first = 0; first < rows; first += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, rows - first);
      const chunk = base.read(first, count);
      const mChunk = merged ? merged.read(first, count) : null;
      if (tally && mChunk && (mergedDtype !== baseDtype || !chunk.bytes.equals(mChunk.bytes))) {
        tally.bitIdentical = false;
      }
      for (let o = first; o < first + count; o++) {
        decodeRow(baseDtype, chunk, o, cols, w);
        if (mChunk) decodeRow(mergedDtype, mChunk, o, cols, m);
        updateRow(factors, scale, rank, o, delta);
        let rowFactor = 0;
        if (!columnFactor) {
          let squares = 0;
          for (let j = 0; j < cols; j++) {
            const v = w[j] + delta[j];
            squares += v * v;
          }
          rowFactor = magnitude[o] / Math.sqrt(squares);
        }
        const leftNorm = factors.leftNorms[o];
        let away = 0;
        for (let j = 0; j < cols; j++) {
          const wj = w[j];
          const factor = columnFactor ? columnFactor[j] : rowFactor;
          const target = factor * (wj + delta[j]);
          if (Number.isFinite(wj)) baseSumSquares += wj * wj;
          updateSumSquares += (target - wj) * (target - wj);
          const stored = storedValue(baseDtype, target);
          if (stored === wj) away++;
          if (!Number.isFinite(stored)) {
            if (Number.isNaN(stored)) overflow2.nan++;
            else overflow2.inf++;
            overflow2.first ??= [o, j];
          }
          if (tally) {
            const mj = m[j];
            if (!Number.isFinite(mj)) tally.nonFinite++;
            let error;
            let bad;
            if (!Number.isFinite(mj) || !Number.isFinite(target)) {
              const expected = storedValue(mergedDtype, target);
              bad = !(Object.is(mj, expected) || Number.isNaN(mj) && Number.isNaN(expected));
              error = bad ? Number.POSITIVE_INFINITY : 0;
            } else {
              error = Math.abs(mj - target);
              const tolerance = 2 * ulpBound(tolDtype, Math.max(Math.abs(mj), Math.abs(target))) + gamma * Math.abs(factor * scale) * leftNorm * factors.rightColNorms[j];
              bad = error > tolerance;
            }
            if (bad) {
              tally.mismatchElements++;
              tally.firstMismatch ??= [o, j];
            }
            if (error > tally.maxError) tally.maxError = error;
          }
        }
        roundedAway += away;
        rowFractions.push(cols > 0 ? away / cols : 0);
        if (tally) {
          tally.exactRows++;
          tally.exactElements += cols;
        }
      }
    }
    return {
      rowStart: 0,
      rowEnd: rows,
      baseSumSquares,
      updateSumSquares,
      rounding: { rows, elements: rows * cols, roundedAway, rowFractions },
      overflow: overflow2,
      merged: tally
    };
  } finally {
    base.close();
    merged?.close();
  }
}

// src/merge/tasks.ts
async function runMergeTask(payload) {
  const task = payload;
  switch (task.type) {
    case "tile":
      return runTile(task);
    case "dora":
      return runDora(task);
    default:
      throw new Error(`unknown merge task ${String(task.type)}`);
  }
}

// src/pool/product-probe.ts
import { closeSync as closeSync2, openSync as openSync2 } from "node:fs";
var PRODUCT_PROBES = 4;
var CHUNK_ELEMENTS = 1 << 18;
var CORNER_ELEMENTS = 1 << 13;
var CORNER_MARGIN = 64;
var EXACT_ROUNDOFF = 2 ** -40;
var MAX_COLUMNS = 1 << 20;
var MAX_RANK = 1 << 16;
var KEEP_SCRATCH_BYTES = 8 << 20;
var MANTISSA_BITS2 = {
  BF16: 7,
  F16: 10,
  F8_E4M3: 3,
  F8_E4M3FNUZ: 3,
  F8_E5M2: 2,
  F8_E5M2FNUZ: 2,
  F8_E8M0: 0
};
var LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 63;
var scratch = { values: new Float32Array(0), bytes: new Uint8Array(0), probes: new Float64Array(0) };
var ChunkReader = class {
  fds = /* @__PURE__ */ new Map();
  /** Elements [first, first + count) decoded to f32; the view is valid until the next read. */
  read(tensor, first, count) {
    const elementBytes = dtypeBits(tensor.dtype) / 8;
    if (scratch.values.length < count) scratch.values = new Float32Array(count);
    const values = scratch.values.subarray(0, count);
    const byteLength = count * elementBytes;
    const position = tensor.start + first * elementBytes;
    const fd = this.fd(tensor.file);
    if (tensor.dtype === "F32" && LITTLE_ENDIAN) {
      readFullySync(fd, tensor.file, new Uint8Array(values.buffer, values.byteOffset, byteLength), position);
    } else {
      if (scratch.bytes.length < byteLength) scratch.bytes = new Uint8Array(byteLength);
      const bytes = scratch.bytes.subarray(0, byteLength);
      readFullySync(fd, tensor.file, bytes, position);
      decodeToFloat32(tensor.dtype, bytes, values, count);
    }
    return values;
  }
  /** Calls `visit` with runs of whole rows of `rowLength` elements. */
  forEachRows(tensor, rowLength, visit) {
    const rowsPerChunk = Math.max(1, Math.floor(CHUNK_ELEMENTS / rowLength));
    const rows = tensor.numel / rowLength;
    for (let first = 0; first < rows; first += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, rows - first);
      visit(this.read(tensor, first * rowLength, count * rowLength), first, count);
    }
  }
  /** A reused buffer for the probe vectors (grown, never shrunk, within one task). */
  probeScratch(length) {
    if (scratch.probes.length < length) scratch.probes = new Float64Array(length);
    return scratch.probes.subarray(0, length);
  }
  fd(file) {
    let fd = this.fds.get(file);
    if (fd === void 0) {
      try {
        fd = openSync2(file, "r");
      } catch (error) {
        throw ioError(file, error);
      }
      this.fds.set(file, fd);
    }
    return fd;
  }
  close() {
    for (const fd of this.fds.values()) closeSync2(fd);
    this.fds.clear();
  }
};
function probeProducts(modules) {
  const reader = new ChunkReader();
  try {
    return modules.flatMap((module) => {
      const probe = probeProduct(module, reader);
      return probe ? [[module.key, probe]] : [];
    });
  } finally {
    reader.close();
    releaseScratch();
  }
}
function probeProduct(module, reader) {
  const { rank, down, up } = module;
  const n = down.numel / rank;
  if (n > MAX_COLUMNS || rank > MAX_RANK || down.dtype === "F64" || up.dtype === "F64") return null;
  const x = reader.probeScratch(PRODUCT_PROBES * n);
  const orthogonal = module.init === "orthogonal";
  const cornerCols = Math.min(n, Math.max(1, Math.floor(CORNER_ELEMENTS / rank)));
  const cornerRows = Math.min(up.numel / rank, Math.max(1, Math.floor(CORNER_ELEMENTS / rank)));
  if (cornerCols < n || cornerRows < up.numel / rank) {
    uniformProbes(PRODUCT_PROBES, n, module.seed, x, cornerCols);
    const corner = new Sketch(rank, n);
    for (let k = 0; k < rank; k++)
      corner.addRowsOfA(reader.read(down, k * n, cornerCols), k, 1, cornerCols, x);
    corner.addRowsOfB(reader.read(up, 0, cornerRows * rank), cornerRows);
    const coarsest = orthogonal ? Math.max(roundoff(down.dtype, "bf16"), roundoff(up.dtype, "bf16")) : EXACT_ROUNDOFF;
    const probe2 = corner.result(coarsest, orthogonal ? rank : 0);
    if (probe2.energy > CORNER_MARGIN * probe2.noiseFloor) return probe2;
  }
  uniformProbes(PRODUCT_PROBES, n, module.seed, x);
  const full = new Sketch(rank, n);
  const grid = { down: new GridCount(), up: new GridCount() };
  reader.forEachRows(down, n, (values, firstRow, rows) => {
    full.addRowsOfA(values, firstRow, rows, n, x);
    if (orthogonal && down.dtype === "F32") grid.down.add(values, rows * n);
  });
  reader.forEachRows(up, rank, (values, _firstRow, rows) => {
    full.addRowsOfB(values, rows);
    if (orthogonal && up.dtype === "F32") grid.up.add(values, rows * rank);
  });
  const u = orthogonal ? Math.max(roundoff(down.dtype, grid.down.precision()), roundoff(up.dtype, grid.up.precision())) : EXACT_ROUNDOFF;
  const probe = full.result(u, orthogonal ? rank : 0);
  return Number.isFinite(probe.energy) && Number.isFinite(probe.noiseFloor) ? probe : null;
}
var GridCount = class {
  nonZero = 0;
  bf16 = 0;
  f16 = 0;
  add(values, count) {
    const bits = new Uint32Array(values.buffer, values.byteOffset, count);
    let nonZero2 = 0;
    let bf162 = 0;
    let f162 = 0;
    for (let i = 0; i < count; i++) {
      const b = bits[i];
      if ((b & 2147483647) === 0) continue;
      nonZero2++;
      if ((b & 65535) === 0) bf162++;
      if ((b & 8191) === 0) f162++;
    }
    this.nonZero += nonZero2;
    this.bf16 += bf162;
    this.f16 += f162;
  }
  /** The precision most values use: 'bf16', 'f16' or 'f32'. */
  precision() {
    if (this.bf16 * 2 >= this.nonZero) return "bf16";
    if (this.f16 * 2 >= this.nonZero) return "f16";
    return "f32";
  }
};
var Sketch = class {
  constructor(rank, n) {
    this.rank = rank;
    this.n = n;
    this.ax = new Float64Array(PRODUCT_PROBES * rank);
    this.rowSquares = new Float64Array(rank);
    this.colSquares = new Float64Array(rank);
  }
  rank;
  n;
  /** A·x per probe (rank values each, probe-major). */
  ax;
  rowSquares;
  colSquares;
  energy = 0;
  /** Rows firstRow.. of A, `cols` leading elements of each (of n), `cols` apart in `values`. */
  addRowsOfA(values, firstRow, rows, cols, x) {
    const { rank, n, ax, rowSquares } = this;
    for (let r = 0; r < rows; r++) {
      const k = firstRow + r;
      const at = r * cols;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let sq = 0;
      for (let j = 0; j < cols; j++) {
        const a = values[at + j];
        s0 += a * x[j];
        s1 += a * x[n + j];
        s2 += a * x[2 * n + j];
        s3 += a * x[3 * n + j];
        sq += a * a;
      }
      ax[k] = s0;
      ax[rank + k] = s1;
      ax[2 * rank + k] = s2;
      ax[3 * rank + k] = s3;
      rowSquares[k] = sq;
    }
  }
  /** `rows` rows of B (rank values each): one dot with A·x per row and probe. */
  addRowsOfB(values, rows) {
    const { rank, ax, colSquares } = this;
    let energy = 0;
    for (let at = 0; at < rows * rank; at += rank) {
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      let z3 = 0;
      for (let k = 0; k < rank; k++) {
        const b = values[at + k];
        z0 += b * ax[k];
        z1 += b * ax[rank + k];
        z2 += b * ax[2 * rank + k];
        z3 += b * ax[3 * rank + k];
        colSquares[k] = colSquares[k] + b * b;
      }
      energy += z0 * z0 + z1 * z1 + z2 * z2 + z3 * z3;
    }
    this.energy += energy;
  }
  /** `f32Rank`: add the error of an f32 computation of B and A with this inner size (0: none). */
  result(u, f32Rank) {
    let noise = 0;
    for (let k = 0; k < this.rank; k++) noise += this.colSquares[k] * this.rowSquares[k];
    const relative = (2 * u) ** 2 + f32Rank * 2 ** -46;
    return { energy: this.energy, noiseFloor: PRODUCT_PROBES * relative * noise, probes: PRODUCT_PROBES };
  }
};
function roundoff(dtype, f32Precision) {
  if (dtype === "F32")
    return f32Precision === "bf16" ? 2 ** -8 : f32Precision === "f16" ? 2 ** -11 : 2 ** -24;
  const bits = MANTISSA_BITS2[dtype] ?? dtypeBits(dtype);
  return 2 ** -(bits + 1);
}
function releaseScratch() {
  const bytes = scratch.values.byteLength + scratch.bytes.byteLength + scratch.probes.byteLength;
  if (bytes > KEEP_SCRATCH_BYTES) {
    scratch.values = new Float32Array(0);
    scratch.bytes = new Uint8Array(0);
    scratch.probes = new Float64Array(0);
  }
}
function uniformProbes(count, n, seed, into, length = n) {
  const out = into && into.length >= count * n ? into.subarray(0, count * n) : new Float64Array(count * n);
  const scale = 2 * Math.sqrt(3) / 4294967296;
  for (let p = 0; p < count; p++) {
    let state = seed + Math.imul(p + 1, 2654435769) >>> 0 || 2654435769;
    for (let j = p * n; j < p * n + length; j++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[j] = ((state >>> 0) + 0.5) * scale - Math.sqrt(3);
    }
  }
  return out;
}

// src/pool/run-task.ts
async function runTask(task) {
  switch (task.kind) {
    case "scan":
      return scanTensors(task);
    case "product":
      return { products: probeProducts(task.modules) };
    case "merge":
      return runMergeTask(task.payload);
    case "wake":
      return null;
  }
}
async function scanTensors(task) {
  const file = await openSafetensors(task.file);
  try {
    const infos = task.tensors.flatMap((name) => {
      const info = file.header.tensors.get(name);
      return info ? [info] : [];
    });
    const all = await file.scanAll(infos, void 0, { synchronous: !isMainThread });
    const stats = infos.map((info, i) => [info.name, all[i]]);
    return { stats };
  } finally {
    await file.close();
  }
}

// src/pool/worker-entry.ts
function poolTask(task) {
  return runTask(task);
}
export {
  poolTask as default
};
