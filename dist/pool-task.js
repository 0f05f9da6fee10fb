import { createRequire as __bundleCreateRequire } from 'node:module';
import { fileURLToPath as __bundleFileURLToPath } from 'node:url';
import { dirname as __bundleDirname } from 'node:path';
const require = __bundleCreateRequire(import.meta.url);
const __filename = __bundleFileURLToPath(import.meta.url);
const __dirname = __bundleDirname(__filename);

// src/merge/row-reader.ts
import { open as open2 } from "node:fs/promises";

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
  const scratch = new Float32Array(1);
  new Uint32Array(scratch.buffer)[0] = bits << 16;
  return scratch[0];
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

// src/safetensors/json-tokenizer.ts
var MAX_JSON_DEPTH = 127;
var U64_MAX = (1n << 64n) - 1n;
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
    if (b[p] === 46) {
      isInteger = false;
      p++;
      const digits = p;
      while (p < b.length && b[p] >= 48 && b[p] <= 57) p++;
      if (p === digits) this.fail("invalid number", "json.invalid-number", p);
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
        if (value <= U64_MAX) return { kind: "uint", value };
      }
    }
    if (!Number.isFinite(Number(latin1(b, start, p))))
      this.fail("number out of range", "json.number-out-of-range", start);
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
var U64_MAX2 = (1n << 64n) - 1n;
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
      if (tensorNames.has(key)) {
        throw new SafetensorsError(
          "DuplicateTensorName",
          `duplicate tensor name ${JSON.stringify(key)}`,
          file,
          fileOffset(keyIndex),
          "schema.duplicate-tensor"
        );
      }
      tensorNames.add(key);
      entries.push(readEntry(cursor, key, keyIndex));
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
      if (numel > U64_MAX2) throw overflow(file, at, quoted);
    }
    const bits = numel * BigInt(dtypeBits(entry.dtype));
    if (bits > U64_MAX2) throw overflow(file, at, quoted);
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
  if (cursor.peekKind() !== "string") throw new SchemaError("dtype must be a string", at, "dtype.type");
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
var SCAN_KERNEL_BASE64 = "AGFzbQEAAAABLghgBX98fHx/AGABfwF/YAJ/fwF/YAF7AX9gAXsBfGABfwF8YAF8AXxgA39/fwADEhEAAQECAgMDAwMEBQUGBwcHBwUDAQABBzcFBm1lbW9yeQIACHNjYW5fZjMyAA0Jc2Nhbl9iZjE2AA4Ic2Nhbl9mMTYADwhzY2FuX2Y2NAAQCvcPER4AIAAgATkDACAAIAI5AwggACADOQMQIAAgBDYCGAsNACAAIABBH3VBAXZzCw8AIAAgAEEPdUH//wFxcwsMACAAIAEgACABSBsLDAAgACABIAAgAUobCxwAIAD9GwAgAP0bARADIAD9GwIgAP0bAxADEAMLHAAgAP0bACAA/RsBEAQgAP0bAiAA/RsDEAQQBAsRACAA/acBIAD9qAH9tgEQBQsRACAA/acBIAD9qAH9uAEQBgsNACAA/SEAIAD9IQGgCwYAIAC+uwsjACAAQQ10QYDA//8AcSAAQRB0QYCAgIB4cXK+QwAAgHeUuwsHACAAIACiC5YDBAJ/C3sDfwF8IAAgAUECdGohAyAAIAFBAnRBYHFqIQRB/////wf9ESEIIAghCUGAgICAeP0RIQogCiELAkADQCAAIARPDQEgAP0ABAAhBSAA/QAEECEGIAwgBf1fIgcgB/3yAf3wASEMIA0gBSAF/Q0ICQoLDA0ODwgJCgsMDQ4P/V8iByAH/fIB/fABIQ0gDiAG/V8iByAH/fIB/fABIQ4gDyAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhDyAFIAVBH/2sAUEB/a0B/VEhBSAGIAZBH/2sAUEB/a0B/VEhBiAIIAX9tgEhCCAJIAb9tgEhCSAKIAX9uAEhCiALIAb9uAEhCyAAQSBqIQAMAAsLIAggCf22ARAFIREgCiAL/bgBEAYhEiAMIA398AEgDiAP/fAB/fABEAkhEwJAA0AgACADTw0BIAAoAgAhECARIBAQARADIREgEiAQEAEQBCESIBMgEBAKEAygIRMgAEEEaiEADAALCyACIBEQARAKIBIQARAKIBNBABAAC/4CBAJ/CnsDfwF8IAAgAUEBdGohAyAAIAFBAXRBcHFqIQRB//8B/RAhCUGAgAL9ECEKAkADQCAAIARPDQEgAP0ABAAhBSAFQRD9qwEhBiAF/QwAAP//AAD//wAA//8AAP///U4hByALIAb9XyIIIAj98gH98AEhCyAMIAYgBv0NCAkKCwwNDg8ICQoLDA0OD/1fIgggCP3yAf3wASEMIA0gB/1fIgggCP3yAf3wASENIA4gByAH/Q0ICQoLDA0ODwgJCgsMDQ4P/V8iCCAI/fIB/fABIQ4gBSAFQQ/9jAFBAf2NAf1RIQUgCSAF/ZYBIQkgCiAF/ZgBIQogAEEQaiEADAALCyAJEAchECAKEAghESALIAz98AEgDSAO/fAB/fABEAkhEgJAA0AgACADTw0BIAAuAQAhDyAQIA8QAhADIRAgESAPEAIQBCERIBIgD0EQdBAKEAygIRIgAEECaiEADAALCyACIBAQAkEQdBAKIBEQAkEQdBAKIBJBABAAC8UFBQJ/C3sDfwF8AX8gACABQQF0aiEDIAAgAUEBdEFwcWohBEH//wH9ECEKQYCAAv0QIQsCQANAIAAgBE8NASAA/QAEACEFIAkgBf0MAHwAfAB8AHwAfAB8AHwAfP1O/QwAfAB8AHwAfAB8AHwAfAB8/S39UCEJIAVBDf2rAf0MAOD/DwDg/w8A4P8PAOD/D/1OIQYgBUED/a0B/QwA4P8PAOD/DwDg/w8A4P8P/U4hByAG/QwAAIAPAACADwAAgA8AAIAP/U79DAAAAAAAAAAAAAAAAAAAAAD9NyEIIAb9DAAAADgAAAA4AAAAOAAAADggCP0MAACAAAAAgAAAAIAAAACAAP1O/VD9rgEgCP0MAACAOAAAgDgAAIA4AACAOP1O/eUBIQYgB/0MAACADwAAgA8AAIAPAACAD/1O/QwAAAAAAAAAAAAAAAAAAAAA/TchCCAH/QwAAAA4AAAAOAAAADgAAAA4IAj9DAAAgAAAAIAAAACAAAAAgAD9Tv1Q/a4BIAj9DAAAgDgAAIA4AACAOAAAgDj9Tv3lASEHIAwgBv1fIgggCP3yAf3wASEMIA0gBiAG/Q0ICQoLDA0ODwgJCgsMDQ4P/V8iCCAI/fIB/fABIQ0gDiAH/V8iCCAI/fIB/fABIQ4gDyAHIAf9DQgJCgsMDQ4PCAkKCwwNDg/9XyIIIAj98gH98AEhDyAFIAVBD/2MAUEB/Y0B/VEhBSAKIAX9lgEhCiALIAX9mAEhCyAAQRBqIQAMAAsLIAn9UyEUIAoQByERIAsQCCESIAwgDf3wASAOIA/98AH98AEQCSETAkADQCAAIANPDQEgAC4BACEQIBBBgPgBcUGA+AFGBEBBASEUCyARIBAQAhADIREgEiAQEAIQBCESIBMgEBALEAygIRMgAEECaiEADAALCyACIBEQAhALIBIQAhALIBMgFBAAC58CAwJ/CHsEfCAAIAFBA3RqIQMgACABQQN0QWBxaiEERAAAAAAAAPB//RQhByAHIQhEAAAAAAAA8P/9FCEJIAkhCgJAA0AgACAETw0BIAD9AAQAIQUgAP0ABBAhBiAHIAX99AEhByAIIAb99AEhCCAJIAX99QEhCSAKIAb99QEhCiALIAUgBf3yAf3wASELIAwgBiAG/fIB/fABIQwgAEEgaiEADAALCyAHIAj99AEhBSAF/SEAIAX9IQGkIQ4gCSAK/fUBIQUgBf0hACAF/SEBpSEPIAsgDP3wARAJIRACQANAIAAgA08NASAAKwMAIQ0gDiANpCEOIA8gDaUhDyAQIA0gDaKgIRAgAEEIaiEADAALCyACIA4gDyAQQQAQAAs=";

// src/safetensors/simd/kernel.ts
var wasm = globalThis.WebAssembly;
var RESULT_BYTES = 64;
var PAGE_BYTES = 65536;
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
    this.bytes = new Uint8Array(memory.buffer);
    this.results = new Float64Array(memory.buffer, 0, 3);
    this.flags = new Int32Array(memory.buffer, 24, 1);
  }
  memory;
  exports;
  bytes;
  results;
  flags;
  reserve(byteLength) {
    const needed = RESULT_BYTES + byteLength;
    if (needed <= this.memory.buffer.byteLength) return;
    this.memory.grow(Math.ceil((needed - this.memory.buffer.byteLength) / PAGE_BYTES));
    this.bytes = new Uint8Array(this.memory.buffer);
    this.results = new Float64Array(this.memory.buffer, 0, 3);
    this.flags = new Int32Array(this.memory.buffer, 24, 1);
  }
  /** Scan whole elements of `chunk` (its length must be a multiple of the element size). */
  scan(dtype, chunk) {
    this.reserve(chunk.length);
    this.bytes.set(chunk, RESULT_BYTES);
    this.exports[dtype](RESULT_BYTES, chunk.length / ELEMENT_BYTES[dtype], 0);
    const [min, max, sumSquares2] = this.results;
    return { min, max, sumSquares: sumSquares2, allFinite: this.flags[0] === 0 && Number.isFinite(sumSquares2) };
  }
};
var kernel;
function instantiate() {
  if (wasm === void 0) return null;
  const binary = Buffer.from(SCAN_KERNEL_BASE64, "base64");
  if (!wasm.validate(binary)) return null;
  const instance = new wasm.Instance(new wasm.Module(binary));
  const exported = instance.exports;
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
var SimdScanner = class {
  constructor(kernel2, dtype, numel, exact, complex = false) {
    this.kernel = kernel2;
    this.dtype = dtype;
    this.numel = numel;
    this.exact = exact;
    this.complex = complex;
    this.chunkMultiple = exact.chunkMultiple;
    this.elementBytes = ELEMENT_BYTES2[dtype];
  }
  kernel;
  dtype;
  numel;
  exact;
  complex;
  chunkMultiple;
  elementBytes;
  min = Infinity;
  max = -Infinity;
  sumSquares = 0;
  update(chunk) {
    const stats = this.kernel.scan(this.dtype, chunk);
    if (!stats.allFinite) {
      this.exact.update(chunk);
      return;
    }
    this.min = Math.min(this.min, stats.min);
    this.max = Math.max(this.max, stats.max);
    this.sumSquares += stats.sumSquares;
    this.exact.advance(Math.floor(chunk.length / this.elementBytes));
  }
  result() {
    const exact = this.exact.result();
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
  const kernel2 = scanKernel();
  if (kernel2 !== null) {
    switch (dtype) {
      case "F32":
      case "BF16":
      case "F16":
      case "F64":
        return new SimdScanner(kernel2, dtype, numel, createExactScanner(dtype, numel));
      case "C64":
        return new SimdScanner(kernel2, "F32", numel, createExactScanner(dtype, numel), true);
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
    if (bytesRead === 0) {
      throw new SafetensorsError(
        "IoError",
        "unexpected end of file: the file changed or was truncated while reading",
        file,
        position + done,
        "io.truncated"
      );
    }
    done += bytesRead;
  }
}
async function openSafetensors(path) {
  let fh;
  try {
    fh = await open(path, "r");
  } catch (error) {
    throw ioError(path, error);
  }
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
    this.checkOpen();
    this.tensorRange(tensor);
    const scanner = createScanner(tensor.dtype, tensor.numel);
    const multiple = scanner.chunkMultiple * 8;
    const step = Math.max(multiple, Math.floor(chunkBytes / multiple) * multiple);
    const size = Math.min(step, tensor.byteLength);
    const buffers = [new Uint8Array(size), new Uint8Array(size)];
    const readChunk = async (index, done) => {
      const length = Math.min(step, tensor.byteLength - done);
      const target = buffers[index % 2].subarray(0, length);
      await readFully(this.fh, this.path, target, tensor.start + done);
      return target;
    };
    let pending = tensor.byteLength > 0 ? readChunk(0, 0) : null;
    for (let index = 0, done = 0; pending !== null; index++) {
      const chunk = await pending;
      done += chunk.length;
      pending = done < tensor.byteLength ? readChunk(index + 1, done) : null;
      try {
        scanner.update(chunk);
      } catch (error) {
        await pending?.catch(() => {
        });
        throw error;
      }
    }
    return scanner.result();
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
  constructor(handle, location, cols, rowsPerChunk) {
    this.handle = handle;
    this.location = location;
    this.cols = cols;
    this.rowsPerChunk = rowsPerChunk;
    this.rowBytes = cols * BYTES[location.dtype];
    this.buffer = Buffer.allocUnsafeSlow(this.rowBytes * rowsPerChunk);
  }
  handle;
  location;
  cols;
  rowsPerChunk;
  buffer;
  rowBytes;
  static async open(location, cols, chunkBytes) {
    const rowBytes = cols * BYTES[location.dtype];
    const rowsPerChunk = Math.max(1, Math.floor(chunkBytes / Math.max(1, rowBytes)));
    const handle = await open2(location.path, "r");
    return new _RowReader(handle, location, cols, rowsPerChunk);
  }
  /** Rows [firstRow, firstRow + rowCount); rowCount must not exceed rowsPerChunk. */
  async read(firstRow, rowCount) {
    const length = rowCount * this.rowBytes;
    const bytes = this.buffer.subarray(0, length);
    await readFully(this.handle, this.location.path, bytes, this.location.start + firstRow * this.rowBytes);
    const ab = this.buffer.buffer;
    return {
      firstRow,
      rowCount,
      bytes,
      u16: new Uint16Array(ab, 0, length >>> 1),
      f32: new Float32Array(ab, 0, length >>> 2),
      f64: new Float64Array(ab, 0, length >>> 3)
    };
  }
  close() {
    return this.handle.close();
  }
};
async function readSmallTensor(location) {
  const handle = await open2(location.path, "r");
  try {
    const bytes = Buffer.allocUnsafeSlow(location.byteLength);
    await readFully(handle, location.path, bytes, location.start);
    const count = location.dims.reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    if (location.dtype === "F64") {
      return Float64Array.from(new Float64Array(bytes.buffer, 0, count));
    }
    decodeToFloat32(location.dtype, bytes, values, count);
    return Float64Array.from(values);
  } finally {
    await handle.close();
  }
}

// src/merge/factors.ts
var cache = /* @__PURE__ */ new Map();
var CACHE_ENTRIES = 4;
function loadFactors(work) {
  const key = `${work.key}\0${work.down.path}\0${work.down.start}\0${work.up.start}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = buildFactors(work);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
    while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value);
  }
  return entry;
}
async function buildFactors(work) {
  const { rows, cols, rank } = work;
  const down = await readSmallTensor(work.down);
  const up = await readSmallTensor(work.up);
  let left;
  let right;
  if (!work.transposed) {
    left = up;
    right = down;
  } else {
    left = new Float64Array(rows * rank);
    for (let k = 0; k < rank; k++) for (let i = 0; i < rows; i++) left[i * rank + k] = down[k * rows + i];
    right = new Float64Array(rank * cols);
    for (let o = 0; o < cols; o++) for (let k = 0; k < rank; k++) right[k * cols + o] = up[o * rank + k];
  }
  if (left.length !== rows * rank || right.length !== rank * cols) {
    throw new Error(
      `factor sizes ${left.length}, ${right.length} do not fit ${rows}x${rank}, ${rank}x${cols}`
    );
  }
  const rightRowNorms = new Float64Array(rank);
  const rightColNorms = new Float64Array(cols);
  for (let k = 0; k < rank; k++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const v = right[k * cols + j];
      sum += v * v;
      rightColNorms[j] += v * v;
    }
    rightRowNorms[k] = Math.sqrt(sum);
  }
  for (let j = 0; j < cols; j++) rightColNorms[j] = Math.sqrt(rightColNorms[j]);
  const magnitude = work.magnitude ? await readSmallTensor(work.magnitude) : null;
  return { left, right, rightRowNorms, rightColNorms, magnitude };
}
function updateRow(factors, scale, rank, row, delta) {
  const { left, right } = factors;
  const cols = delta.length;
  delta.fill(0);
  for (let k = 0; k < rank; k++) {
    const l = scale * left[row * rank + k];
    if (l === 0) continue;
    const base = k * cols;
    for (let j = 0; j < cols; j++) delta[j] += l * right[base + j];
  }
}
function leftRowNorm(factors, rank, row) {
  let sum = 0;
  for (let k = 0; k < rank; k++) {
    const v = factors.left[row * rank + k];
    sum += v * v;
  }
  return Math.sqrt(sum);
}
function gramUpdateSumSquares(factors, scale, rank, rows, cols) {
  const gl = gram(factors.left, rows, rank, false);
  const gr = gram(factors.right, rank, cols, true);
  let trace = 0;
  for (let i = 0; i < rank * rank; i++) trace += gl[i] * gr[i];
  return scale * scale * Math.max(0, trace);
}
function gram(x, a, b, byRows) {
  const r = byRows ? a : b;
  const n = byRows ? b : a;
  const out = new Float64Array(r * r);
  if (byRows) {
    for (let p = 0; p < r; p++)
      for (let q = p; q < r; q++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += x[p * n + i] * x[q * n + i];
        out[p * r + q] = sum;
        out[q * r + p] = sum;
      }
  } else {
    for (let i = 0; i < n; i++)
      for (let p = 0; p < r; p++) {
        const v = x[i * r + p];
        if (v === 0) continue;
        for (let q = 0; q < r; q++) out[p * r + q] += v * x[i * r + q];
      }
  }
  return out;
}

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
    for (let j = 0; j < n; j++) x[j] = next() < 0.5 ? -1 : 1;
    return x;
  });
}

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
  return unitRoundoff(weightDtype) + (work.rank + 1) * adapter;
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
  const { work } = task;
  const { cols, rank, scale } = work;
  const factors = await loadFactors(work);
  const baseDtype = work.base.dtype;
  const mergedDtype = work.merged?.dtype;
  const tolDtype = mergedDtype ? coarser(baseDtype, mergedDtype) : baseDtype;
  const gamma = updateTolerance(work, tolDtype);
  const base = await RowReader.open(work.base, cols, task.chunkBytes);
  const merged = work.merged ? await RowReader.open(work.merged, cols, task.chunkBytes) : null;
  try {
    let exactRow2 = function(o, sampled, w, m, d) {
      updateRow(factors, scale, rank, o, d);
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
      if (sampled) {
        rounding.rows++;
        rounding.elements += cols;
        rounding.roundedAway += away;
        rounding.rowFractions.push(cols > 0 ? away / cols : 0);
      }
      return squares;
    }, compareRow2 = function(o, w, m, d) {
      const t = tally;
      const rel = 2 ** -MANTISSA[tolDtype];
      const tiny = TINY[tolDtype];
      const updateTol = gamma * Math.abs(scale) * leftRowNorm(factors, rank, o);
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
    var exactRow = exactRow2, compareRow = compareRow2;
    const allExact = task.exactRows === "all";
    const exactList = allExact ? [] : task.exactRows;
    let nextExact = 0;
    const probes = merged && !allExact ? probeVectors(task.probes, cols, task.seed) : [];
    const projected = probes.map((x) => project(factors, x, rank, cols));
    const rowsPerChunk = Math.min(base.rowsPerChunk, merged?.rowsPerChunk ?? Number.POSITIVE_INFINITY);
    const limit = maxFinite(baseDtype);
    let maxColNorm = 0;
    for (const v of factors.rightColNorms) maxColNorm = Math.max(maxColNorm, v);
    const wRow = new Float64Array(cols);
    const mRow = merged ? new Float64Array(cols) : null;
    const delta = new Float64Array(cols);
    const storedRow = new Float64Array(cols);
    const probeSums = new Float64Array(probes.length);
    const tally = merged ? new MergedTally() : null;
    const rounding = { rows: 0, elements: 0, roundedAway: 0, rowFractions: [] };
    const overflow2 = { inf: 0, nan: 0, first: null };
    let baseSumSquares = 0;
    for (let first = task.rowStart; first < task.rowEnd; first += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, task.rowEnd - first);
      const wChunk = await base.read(first, count);
      const mChunk = merged ? await merged.read(first, count) : null;
      if (tally && mChunk && (mergedDtype !== baseDtype || !wChunk.bytes.equals(mChunk.bytes))) {
        tally.bitIdentical = false;
      }
      for (let o = first; o < first + count; o++) {
        let sampled = allExact;
        if (!sampled && nextExact < exactList.length && exactList[nextExact] === o) {
          sampled = true;
          nextExact++;
        }
        let exact = sampled;
        const rowSquares = sumSquares(baseDtype, wChunk, o, cols);
        if (!exact && !(Math.sqrt(rowSquares) + Math.abs(scale) * leftRowNorm(factors, rank, o) * maxColNorm < limit / 2)) {
          exact = true;
        }
        let probeFailed = false;
        let probeRatio = 0;
        if (!exact && mChunk && tally) {
          const ulpSquares = probeRow(
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
          if (!Number.isFinite(ulpSquares)) {
            exact = true;
          } else {
            const tolerance = PROBE_SIGMAS * (Math.sqrt(ulpSquares) + gamma * Math.abs(scale) * absLeftDotNorms(factors, rank, o));
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
          decodeRow(baseDtype, wChunk, o, cols, wRow);
          if (mChunk && mRow) decodeRow(mergedDtype, mChunk, o, cols, mRow);
          baseSumSquares += exactRow2(o, sampled, wRow, mRow, delta);
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
    const updateSumSquares = task.gram ? gramUpdateSumSquares(factors, scale, rank, work.rows, cols) : null;
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
    await base.close();
    await merged?.close();
  }
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
function absLeftDotNorms(factors, rank, o) {
  let sum = 0;
  for (let k = 0; k < rank; k++) sum += Math.abs(factors.left[o * rank + k]) * factors.rightRowNorms[k];
  return sum;
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
  const { work } = task;
  const { rows, cols, rank, scale } = work;
  const factors = await loadFactors(work);
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
  const base = await RowReader.open(work.base, cols, task.chunkBytes);
  const merged = work.merged ? await RowReader.open(work.merged, cols, task.chunkBytes) : null;
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
        const chunk = await base.read(first, count);
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
      const chunk = await base.read(first, count);
      const mChunk = merged ? await merged.read(first, count) : null;
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
        const leftNorm = leftRowNorm(factors, rank, o);
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
    await base.close();
    await merged?.close();
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

// src/pool/run-task.ts
async function runTask(task) {
  switch (task.kind) {
    case "scan":
      return scanTensors(task);
    case "merge":
      return runMergeTask(task.payload);
  }
}
async function scanTensors(task) {
  const file = await openSafetensors(task.file);
  try {
    const stats = [];
    for (const name of task.tensors) {
      const info = file.header.tensors.get(name);
      if (info) stats.push([name, await file.scan(info)]);
    }
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
