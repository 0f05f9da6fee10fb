import { createRequire as __bundleCreateRequire } from 'node:module';
import { fileURLToPath as __bundleFileURLToPath } from 'node:url';
import { dirname as __bundleDirname } from 'node:path';
const require = __bundleCreateRequire(import.meta.url);
const __filename = __bundleFileURLToPath(import.meta.url);
const __dirname = __bundleDirname(__filename);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod2) => function __require3() {
  try {
    return mod2 || (0, cb[__getOwnPropNames(cb)[0]])((mod2 = { exports: {} }).exports, mod2), mod2.exports;
  } catch (e) {
    throw mod2 = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod2, isNodeMode, target) => (target = mod2 != null ? __create(__getProtoOf(mod2)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod2 || !mod2.__esModule ? __defProp(target, "default", { value: mod2, enumerable: true }) : target,
  mod2
));

// src/safetensors/dtypes.ts
function isDtype(name) {
  return DTYPE_BITS.has(name);
}
function isFloatDtype(dtype) {
  return FLOAT_DTYPES.has(dtype);
}
function isDecodableDtype(dtype) {
  return DECODABLE_DTYPES.has(dtype);
}
function dtypeBits(dtype) {
  const bits = DTYPE_BITS.get(dtype);
  if (bits === void 0) throw new TypeError(`unknown dtype ${String(dtype)}`);
  return bits;
}
var DTYPE_BITS, DTYPES, FLOAT_DTYPES, DECODABLE_DTYPES;
var init_dtypes = __esm({
  "src/safetensors/dtypes.ts"() {
    "use strict";
    DTYPE_BITS = /* @__PURE__ */ new Map([
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
    DTYPES = [...DTYPE_BITS.keys()];
    FLOAT_DTYPES = /* @__PURE__ */ new Set([
      "F4",
      "F6_E2M3",
      "F6_E3M2",
      "F8_E5M2",
      "F8_E4M3",
      "F8_E8M0",
      "F8_E4M3FNUZ",
      "F8_E5M2FNUZ",
      "F16",
      "BF16",
      "F32",
      "C64",
      "F64"
    ]);
    DECODABLE_DTYPES = /* @__PURE__ */ new Set([
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
  }
});

// src/safetensors/decode.ts
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
function decodeTable(dtype) {
  let table = tables.get(dtype);
  if (table === void 0) {
    const build2 = TABLE_BUILDERS[dtype];
    if (build2 === void 0) return void 0;
    table = build2();
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
var HOST_LITTLE_ENDIAN, tables, TABLE_BUILDERS;
var init_decode = __esm({
  "src/safetensors/decode.ts"() {
    "use strict";
    init_dtypes();
    HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
    tables = /* @__PURE__ */ new Map();
    TABLE_BUILDERS = {
      F16: () => buildTable(65536, f16),
      BF16: () => buildTable(65536, bf16),
      F8_E4M3: () => buildTable(256, e4m3),
      F8_E5M2: () => buildTable(256, e5m2),
      F8_E4M3FNUZ: () => buildTable(256, e4m3fnuz),
      F8_E5M2FNUZ: () => buildTable(256, e5m2fnuz),
      F8_E8M0: () => buildTable(256, e8m0)
    };
  }
});

// src/safetensors/errors.ts
var SafetensorsError;
var init_errors = __esm({
  "src/safetensors/errors.ts"() {
    "use strict";
    SafetensorsError = class extends Error {
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
  }
});

// src/safetensors/serde-number.ts
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
var U64_MAX, POW10, I32_MAX, isDigit;
var init_serde_number = __esm({
  "src/safetensors/serde-number.ts"() {
    "use strict";
    U64_MAX = (1n << 64n) - 1n;
    POW10 = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));
    I32_MAX = 2147483647;
    isDigit = (s, i) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
  }
});

// src/safetensors/json-tokenizer.ts
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
var MAX_JSON_DEPTH, U64_MAX2, JsonSyntaxError, utf8, JsonCursor;
var init_json_tokenizer = __esm({
  "src/safetensors/json-tokenizer.ts"() {
    "use strict";
    init_serde_number();
    MAX_JSON_DEPTH = 127;
    U64_MAX2 = (1n << 64n) - 1n;
    JsonSyntaxError = class extends Error {
      constructor(message, index, reason) {
        super(message);
        this.index = index;
        this.reason = reason;
      }
      index;
      reason;
    };
    utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    JsonCursor = class {
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
  }
});

// src/safetensors/header.ts
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
  let shape2;
  let offsets;
  const readField = (field) => {
    if (field === "dtype") dtype = readDtype(cursor);
    else if (field === "shape") shape2 = readUintArray(cursor, "shape");
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
  if (shape2 === void 0) throw new SchemaError("missing field `shape`", index, "schema.missing-field");
  if (offsets === void 0)
    throw new SchemaError("missing field `data_offsets`", index, "schema.missing-field");
  return { name, index, dtype, shape: shape2, begin: offsets[0], end: offsets[1] };
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
var MAX_HEADER_SIZE, U64_MAX3, SchemaError, ENTRY_FIELDS;
var init_header = __esm({
  "src/safetensors/header.ts"() {
    "use strict";
    init_dtypes();
    init_errors();
    init_json_tokenizer();
    MAX_HEADER_SIZE = 1e8;
    U64_MAX3 = (1n << 64n) - 1n;
    SchemaError = class extends Error {
      constructor(message, index, reason) {
        super(message);
        this.index = index;
        this.reason = reason;
      }
      index;
      reason;
    };
    ENTRY_FIELDS = ["dtype", "shape", "data_offsets"];
  }
});

// src/safetensors/simd/scan-kernel-wasm.ts
var SCAN_KERNEL_BASE64;
var init_scan_kernel_wasm = __esm({
  "src/safetensors/simd/scan-kernel-wasm.ts"() {
    "use strict";
    SCAN_KERNEL_BASE64 = "AGFzbQEAAAABNAlgBX98fHx/AGABfwF/YAJ/fwF/YAF7AX9gAXsBfGABfwF8YAF8AXxgA39/fwBgAn9/AXwDFxYAAQECAgMDAwMEBQUGAgICAgcIBwcHBQMBAAEHNwUGbWVtb3J5AgAIc2Nhbl9mMzIAEQlzY2FuX2JmMTYAEwhzY2FuX2YxNgAUCHNjYW5fZjY0ABUKthYWHgAgACABOQMAIAAgAjkDCCAAIAM5AxAgACAENgIYCw0AIAAgAEEfdUEBdnMLDwAgACAAQQ91Qf//AXFzCwwAIAAgASAAIAFIGwsMACAAIAEgACABShsLHAAgAP0bACAA/RsBEAMgAP0bAiAA/RsDEAMQAwscACAA/RsAIAD9GwEQBCAA/RsCIAD9GwMQBBAECxEAIAD9pwEgAP2oAf22ARAFCxEAIAD9pwEgAP2oAf24ARAGCw0AIAD9IQAgAP0hAaALBgAgAL67CyMAIABBDXRBgMD//wBxIABBEHRBgICAgHhxcr5DAACAd5S7CwcAIAAgAKILQgEBe0F//REhAgJAA0AgACABTw0BIAIgAP0ABAD9twEhAiAAQRBqIQAMAAsLQYCAgIB4IAJBgICAgHj9Ef1REAVzCzUBAXtB/////wf9ESECAkADQCAAIAFPDQEgAiAA/QAEAP22ASECIABBEGohAAwACwsgAhAFCz4BAXtB//8D/RAhAgJAA0AgACABTw0BIAIgAP0ABAD9lwEhAiAAQRBqIQAMAAsLIAL9qQEgAv2qAf22ARAFCzMBAXtB//8B/RAhAgJAA0AgACABTw0BIAIgAP0ABAD9lgEhAiAAQRBqIQAMAAsLIAIQBwuvAwYCfwV7AX8EewN/AXwgACABQQJ0aiEDIAAgAUECdEFgcWohBCAAIQpBgICAgHj9ESEJAkADQCAAIARPDQEgAP0ABAAhBSAA/QAEECEGIAsgBf1fIgcgB/3yAf3wASELIAwgBSAF/Q0ICQoLDA0ODwgJCgsMDQ4P/V8iByAH/fIB/fABIQwgDSAG/V8iByAH/fIB/fABIQ0gDiAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhDiAIIAUgBv25Af25ASEIIAkgBSAG/bgB/bgBIQkgAEEgaiEADAALC0H/////ByEQQYCAgIB4IREgBCAKSwRAIAhBgICAgHj9Ef1RIQggCBAGQYCAgIB4cyEPIA9BAE4EQCAKIAQQDSEPCyAPEAEhECAJEAYhDyAPQQBIBEAgCiAEEA4hDwsgDxABIRELIAsgDP3wASANIA798AH98AEQCSESAkADQCAAIANPDQEgACgCACEPIBAgDxABEAMhECARIA8QARAEIREgEiAPEAoQDKAhEiAAQQRqIQAMAAsLIAIgEBABEAogERABEAogEkEAEAAL8AEDAX8GewF8IAAgASAAa0FwcWohAgJAA0AgACACTw0BIAD9AAQAIQMgA0EQ/asBIQQgA/0MAAD//wAA//8AAP//AAD///1OIQUgByAE/V8iBiAG/fIBIAX9XyIGIAb98gH98AH98AEhByAIIAQgBP0NCAkKCwwNDg8ICQoLDA0OD/1fIgYgBv3yASAFIAX9DQgJCgsMDQ4PCAkKCwwNDg/9XyIGIAb98gH98AH98AEhCCAAQRBqIQAMAAsLIAcgCP3wARAJIQkCQANAIAAgAU8NASAJIAAvAQBBEHQQChAMoCEJIABBAmohAAwACwsgCQvGBQYDfxF7A38BfAF/AnwgACEDIAAgAUEBdGohBCAAIAFBAXRBQHFqIQVBgIAC/RAhFP0MAAD//wAA//8AAP//AAD//yEHQf//Af0QIQlBgMAA/RAhCgJAA0AgACAFTw0BIAD9AAQAIQ8gAP0ABBAhECAA/QAEICERIAD9AAQwIRIgDyAJ/U4gCv2ZASELIBAgCf1OIAr9mQEhDCARIAn9TiAK/ZkBIQ0gEiAJ/U4gCv2ZASEOIAtBEP2rASIGIAb95gEgCyAH/U4iBiAG/eYB/eQBIAxBEP2rASIGIAb95gEgDCAH/U4iBiAG/eYB/eQB/eQBIA1BEP2rASIGIAb95gEgDSAH/U4iBiAG/eYB/eQBIA5BEP2rASIGIAb95gEgDiAH/U4iBiAG/eYB/eQB/eQB/eQBIQggFSAI/V/98AEhFSAWIAggCP0NCAkKCwwNDg8ICQoLDA0OD/1f/fABIRYgEyAPIBD9mQEgESAS/ZkB/ZkB/ZkBIRMgFCAPIBD9mAEgESAS/ZgB/ZgB/ZgBIRQgAEHAAGohAAwACwtB//8BIRhBgIB+IRkgBSADSwRAIBP9qQEgE/2qAf24ARAGIRcgF0GAgAJIBEAgAyAFEA8hFwsgF8EQAiEYIBQQCCEXIBdBAEgEQCADIAUQECEXCyAXEAIhGQsgFSAW/fABEAkhGgJAA0AgACAETw0BIAAuAQAhFyAYIBcQAhADIRggGSAXEAIQBCEZIBogF0EQdBAKEAygIRogAEECaiEADAALCyAZQYD/AU4gGEH/gH5MciEbIBgQAkEQdBAKIRwgGRACQRB0EAohHSAbRSAaRAAAAAAAAPB/YSAaIAG4RAAAAAAAAPA5omNycQRAIBxEAAAAAAAAAABhIB1EAAAAAAAAAABhcQR8RAAAAAAAAAAABSADIAQQEgshGgsgAiAcIB0gGiAbEAALxQUFAn8LewN/AXwBfyAAIAFBAXRqIQMgACABQQF0QXBxaiEEQf//Af0QIQpBgIAC/RAhCwJAA0AgACAETw0BIAD9AAQAIQUgCSAF/QwAfAB8AHwAfAB8AHwAfAB8/U79DAB8AHwAfAB8AHwAfAB8AHz9Lf1QIQkgBUEN/asB/QwA4P8PAOD/DwDg/w8A4P8P/U4hBiAFQQP9rQH9DADg/w8A4P8PAOD/DwDg/w/9TiEHIAb9DAAAgA8AAIAPAACADwAAgA/9Tv0MAAAAAAAAAAAAAAAAAAAAAP03IQggBv0MAAAAOAAAADgAAAA4AAAAOCAI/QwAAIAAAACAAAAAgAAAAIAA/U79UP2uASAI/QwAAIA4AACAOAAAgDgAAIA4/U795QEhBiAH/QwAAIAPAACADwAAgA8AAIAP/U79DAAAAAAAAAAAAAAAAAAAAAD9NyEIIAf9DAAAADgAAAA4AAAAOAAAADggCP0MAACAAAAAgAAAAIAAAACAAP1O/VD9rgEgCP0MAACAOAAAgDgAAIA4AACAOP1O/eUBIQcgDCAG/V8iCCAI/fIB/fABIQwgDSAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9XyIIIAj98gH98AEhDSAOIAf9XyIIIAj98gH98AEhDiAPIAcgB/0NCAkKCwwNDg8ICQoLDA0OD/1fIgggCP3yAf3wASEPIAUgBUEP/YwBQQH9jQH9USEFIAogBf2WASEKIAsgBf2YASELIABBEGohAAwACwsgCf1TIRQgChAHIREgCxAIIRIgDCAN/fABIA4gD/3wAf3wARAJIRMCQANAIAAgA08NASAALgEAIRAgEEGA+AFxQYD4AUYEQEEBIRQLIBEgEBACEAMhESASIBAQAhAEIRIgEyAQEAsQDKAhEyAAQQJqIQAMAAsLIAIgERACEAsgEhACEAsgEyAUEAALnwIDAn8IewR8IAAgAUEDdGohAyAAIAFBA3RBYHFqIQREAAAAAAAA8H/9FCEHIAchCEQAAAAAAADw//0UIQkgCSEKAkADQCAAIARPDQEgAP0ABAAhBSAA/QAEECEGIAcgBf30ASEHIAggBv30ASEIIAkgBf31ASEJIAogBv31ASEKIAsgBSAF/fIB/fABIQsgDCAGIAb98gH98AEhDCAAQSBqIQAMAAsLIAcgCP30ASEFIAX9IQAgBf0hAaQhDiAJIAr99QEhBSAF/SEAIAX9IQGlIQ8gCyAM/fABEAkhEAJAA0AgACADTw0BIAArAwAhDSAOIA2kIQ4gDyANpSEPIBAgDSANoqAhECAAQQhqIQAMAAsLIAIgDiAPIBBBABAACw==";
  }
});

// src/safetensors/simd/wasm-module.ts
function instantiateBase64(base64) {
  const wasm = globalThis.WebAssembly;
  if (wasm === void 0) return null;
  const binary = Buffer.from(base64, "base64");
  if (!wasm.validate(binary)) return null;
  return new wasm.Instance(new wasm.Module(binary)).exports;
}
var WASM_PAGE_BYTES;
var init_wasm_module = __esm({
  "src/safetensors/simd/wasm-module.ts"() {
    "use strict";
    WASM_PAGE_BYTES = 65536;
  }
});

// src/safetensors/simd/kernel.ts
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
var SCRATCH_START, SCRATCH_BYTES, SLOTS_START, MAX_SLOT_BYTES, EXPORT_NAMES, ELEMENT_BYTES, ScanKernel, kernel;
var init_kernel = __esm({
  "src/safetensors/simd/kernel.ts"() {
    "use strict";
    init_scan_kernel_wasm();
    init_wasm_module();
    SCRATCH_START = 64;
    SCRATCH_BYTES = 1024 * 1024 - 64;
    SLOTS_START = SCRATCH_START + SCRATCH_BYTES;
    MAX_SLOT_BYTES = 256 * 1024 * 1024;
    EXPORT_NAMES = {
      F32: "scan_f32",
      BF16: "scan_bf16",
      F16: "scan_f16",
      F64: "scan_f64"
    };
    ELEMENT_BYTES = { F32: 4, BF16: 2, F16: 2, F64: 8 };
    ScanKernel = class {
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
  }
});

// src/safetensors/simd/simd-scanner.ts
var ELEMENT_BYTES2, NO_NON_FINITE, SimdScanner;
var init_simd_scanner = __esm({
  "src/safetensors/simd/simd-scanner.ts"() {
    "use strict";
    ELEMENT_BYTES2 = { F32: 4, BF16: 2, F16: 2, F64: 8 };
    NO_NON_FINITE = {
      nanCount: 0,
      posInfCount: 0,
      negInfCount: 0,
      firstNonFinite: -1,
      min: Number.NaN,
      max: Number.NaN,
      absMax: Number.NaN,
      sumSquares: Number.NaN
    };
    SimdScanner = class {
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
        const nonFinite2 = exact.nanCount + exact.posInfCount + exact.negInfCount;
        const anyFinite = min <= max;
        return {
          elements: this.numel,
          allZero: nonFinite2 === 0 && (!anyFinite || min === 0 && max === 0),
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
  }
});

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
function littleEndianU16(chunk, n) {
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = chunk[2 * i] | chunk[2 * i + 1] << 8;
  return out;
}
var KERNEL_DTYPES, Float32Scanner, Float64Scanner, HistogramScanner, F4_VALUES, F4Scanner, ByteZeroScanner;
var init_scan = __esm({
  "src/safetensors/scan.ts"() {
    "use strict";
    init_decode();
    init_dtypes();
    init_kernel();
    init_simd_scanner();
    KERNEL_DTYPES = /* @__PURE__ */ new Set(["F32", "BF16", "F16", "F64", "C64"]);
    Float32Scanner = class {
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
        const nonFinite2 = this.nan + this.posInf + this.negInf;
        const anyFinite = this.min <= this.max;
        const allZero = nonFinite2 === 0 && (!anyFinite || this.min === 0 && this.max === 0);
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
    Float64Scanner = class {
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
        const nonFinite2 = this.nan + this.posInf + this.negInf;
        const anyFinite = this.min <= this.max;
        return {
          elements: this.numel,
          allZero: nonFinite2 === 0 && (!anyFinite || this.min === 0 && this.max === 0),
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
    HistogramScanner = class {
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
    F4_VALUES = [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0, -0.5, -1, -1.5, -2, -3, -4, -6];
    F4Scanner = class {
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
    ByteZeroScanner = class {
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
  }
});

// src/safetensors/file.ts
import { readSync } from "node:fs";
import { open } from "node:fs/promises";
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
function assertDecodable(tensor) {
  if (!isDecodableDtype(tensor.dtype)) {
    throw new TypeError(
      `tensor ${JSON.stringify(tensor.name)}: dtype ${tensor.dtype} cannot be decoded to f32`
    );
  }
}
var DEFAULT_CHUNK_BYTES, SCAN_DEPTH, OpenSafetensorsFile;
var init_file = __esm({
  "src/safetensors/file.ts"() {
    "use strict";
    init_decode();
    init_dtypes();
    init_errors();
    init_header();
    init_scan();
    DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
    SCAN_DEPTH = 3;
    OpenSafetensorsFile = class {
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
  }
});

// src/safetensors/safe-path.ts
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
async function resolveInsideRoot(root, p) {
  let realRoot;
  try {
    realRoot = await realpath(root);
  } catch (error) {
    return { ok: false, kind: "bad-root", reason: `root ${root} cannot be resolved: ${errorCode(error)}` };
  }
  const candidate = resolve(root, p);
  let realPath;
  try {
    realPath = await realpath(candidate);
  } catch (error) {
    const code = errorCode(error);
    return code === "ENOENT" ? { ok: false, kind: "missing", reason: `${p} does not exist` } : { ok: false, kind: "unresolvable", reason: `${p} cannot be resolved: ${code}` };
  }
  if (!isInside(realRoot, realPath)) {
    return { ok: false, kind: "outside", reason: `${p} resolves to ${realPath}, outside ${realRoot}` };
  }
  return { ok: true, realPath };
}
function isInside(root, target) {
  const rel = relative(root, target);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
function errorCode(error) {
  return error?.code ?? String(error);
}
var init_safe_path = __esm({
  "src/safetensors/safe-path.ts"() {
    "use strict";
  }
});

// src/safetensors/shard-index.ts
import { open as open2 } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
function badShardName(name) {
  if (name.length === 0) return "empty name";
  if (name.includes("\0")) return "contains NUL";
  if (name.includes("/") || name.includes("\\")) return "contains a path separator";
  if (name.includes("://")) return "is a URL";
  if (name === "." || name === ".." || name.includes("..")) return "contains `..`";
  if (/^[A-Za-z]:/.test(name)) return "is a drive path";
  if (!name.endsWith(".safetensors")) return "does not end in `.safetensors`";
  return null;
}
function parseIndexJson(bytes) {
  const badByte = findInvalidUtf8(bytes);
  if (badByte >= 0) throw new JsonSyntaxError("invalid UTF-8", badByte, "utf8");
  const cursor = new JsonCursor(bytes, {
    maxDepth: SHARD_INDEX_LIMITS.maxDepth,
    maxStringBytes: SHARD_INDEX_LIMITS.maxStringBytes
  });
  const weightMap = /* @__PURE__ */ new Map();
  let totalSize = null;
  const topKeys = /* @__PURE__ */ new Set();
  let sawWeightMap = false;
  if (bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191) {
    throw new JsonSyntaxError("byte order mark before JSON", 0, "json.bom");
  }
  cursor.readObject((key) => {
    if (topKeys.has(key))
      throw new IndexSchemaError(`duplicate top-level key ${JSON.stringify(key)}`, "index.duplicate-key");
    topKeys.add(key);
    if (key === "weight_map") {
      sawWeightMap = true;
      if (cursor.peekKind() !== "object")
        throw new IndexSchemaError("`weight_map` must be an object", "index.schema");
      const shards = /* @__PURE__ */ new Set();
      cursor.readObject((tensor) => {
        if (weightMap.has(tensor)) {
          throw new IndexSchemaError(
            `duplicate tensor ${JSON.stringify(tensor)} in weight_map`,
            "index.duplicate-key"
          );
        }
        if (cursor.peekKind() !== "string") {
          throw new IndexSchemaError(
            `weight_map value of ${JSON.stringify(tensor)} must be a string`,
            "index.schema"
          );
        }
        const shard = cursor.readString();
        shards.add(shard);
        if (shards.size > SHARD_INDEX_LIMITS.maxShards) {
          throw new IndexSchemaError(
            `more than ${SHARD_INDEX_LIMITS.maxShards} shards`,
            "index.too-many-shards"
          );
        }
        weightMap.set(tensor, shard);
      });
    } else if (key === "metadata") {
      if (cursor.peekKind() !== "object")
        throw new IndexSchemaError("`metadata` must be an object", "index.schema");
      let entries = 0;
      const metadataKeys = /* @__PURE__ */ new Set();
      cursor.readObject((name) => {
        if (++entries > SHARD_INDEX_LIMITS.maxMetadataEntries) {
          throw new IndexSchemaError(
            `more than ${SHARD_INDEX_LIMITS.maxMetadataEntries} metadata entries`,
            "index.schema"
          );
        }
        if (metadataKeys.has(name)) {
          throw new IndexSchemaError(`duplicate metadata key ${JSON.stringify(name)}`, "index.duplicate-key");
        }
        metadataKeys.add(name);
        if (name !== "total_size") {
          cursor.skipValue();
          return;
        }
        const kind = cursor.peekKind();
        if (kind === "number") {
          const n = cursor.readNumber();
          if (n.kind !== "uint")
            throw new IndexSchemaError("`total_size` must be a non-negative integer", "index.schema");
          totalSize = n.value;
        } else if (kind === "string") {
          const text = cursor.readString();
          if (!/^\d{1,20}$/.test(text)) {
            throw new IndexSchemaError("`total_size` must be a non-negative integer", "index.schema");
          }
          totalSize = BigInt(text);
        } else {
          throw new IndexSchemaError("`total_size` must be a non-negative integer", "index.schema");
        }
      });
    } else {
      cursor.skipValue();
    }
  });
  cursor.expectEnd();
  if (!sawWeightMap) throw new IndexSchemaError("missing `weight_map`", "index.schema");
  return { weightMap, totalSize };
}
async function readShardIndex(indexPath, root) {
  const problems = [];
  const failed = () => ({
    indexPath,
    weightMap: /* @__PURE__ */ new Map(),
    shards: [],
    totalSize: null,
    problems,
    ok: false
  });
  let bytes;
  try {
    const fh = await open2(indexPath, "r");
    try {
      const { size } = await fh.stat({ bigint: true });
      if (size > BigInt(SHARD_INDEX_LIMITS.maxBytes)) {
        problems.push({
          code: "index.too-large",
          severity: "error",
          message: `index is ${size} bytes, over the ${SHARD_INDEX_LIMITS.maxBytes}-byte limit`
        });
        return failed();
      }
      bytes = new Uint8Array(Number(size));
      await readFully(fh, indexPath, bytes, 0);
    } finally {
      await fh.close();
    }
  } catch (error) {
    const reason = error instanceof SafetensorsError ? error : ioError(indexPath, error);
    problems.push({ code: "index.unreadable", severity: "error", message: reason.message });
    return failed();
  }
  let parsed;
  try {
    parsed = parseIndexJson(bytes);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      problems.push({
        code: "index.invalid-json",
        severity: "error",
        message: `invalid JSON at byte ${error.index}: ${error.message}`
      });
      return failed();
    }
    if (error instanceof IndexSchemaError) {
      problems.push({ code: error.code, severity: "error", message: error.message });
      return failed();
    }
    throw error;
  }
  const { weightMap, totalSize } = parsed;
  const folder = dirname(indexPath);
  const shardNames = [...new Set(weightMap.values())];
  const shards = [];
  for (const name of shardNames) {
    const bad = badShardName(name);
    if (bad !== null) {
      problems.push({
        code: "shard.bad-name",
        severity: "error",
        message: `shard name ${JSON.stringify(name)} ${bad}`,
        shard: name
      });
      shards.push({ name, path: null, header: null });
      continue;
    }
    const resolved = await resolveInsideRoot(root, join(folder, name));
    if (!resolved.ok) {
      problems.push({ code: "shard.unresolvable", severity: "error", message: resolved.reason, shard: name });
      shards.push({ name, path: null, header: null });
      continue;
    }
    try {
      const file = await openSafetensors(resolved.realPath);
      await file.close();
      shards.push({ name, path: resolved.realPath, header: file.header });
    } catch (error) {
      if (!(error instanceof SafetensorsError)) throw error;
      problems.push({
        code: "shard.invalid",
        severity: "error",
        message: `shard ${name}: ${error.code}: ${error.message}`,
        shard: name,
        error
      });
      shards.push({ name, path: resolved.realPath, header: null });
    }
  }
  checkAgreement(weightMap, shards, problems);
  checkNumbering(shardNames, problems);
  if (totalSize !== null && shards.every((s) => s.header !== null)) {
    const actual = shards.reduce((sum, s) => sum + BigInt(s.header.fileSize - s.header.dataStart), 0n);
    if (actual !== totalSize) {
      problems.push({
        code: "index.total-size",
        severity: "warning",
        message: `metadata.total_size is ${totalSize} but the shards hold ${actual} data bytes`
      });
    }
  }
  return {
    indexPath,
    weightMap,
    shards,
    totalSize,
    problems,
    ok: problems.every((p) => p.severity !== "error")
  };
}
function checkAgreement(weightMap, shards, problems) {
  const byName = new Map(shards.map((s) => [s.name, s]));
  for (const [tensor, shardName] of weightMap) {
    const header = byName.get(shardName)?.header;
    if (header && !header.tensors.has(tensor)) {
      problems.push({
        code: "shard.tensor-missing",
        severity: "error",
        message: `weight_map puts ${JSON.stringify(tensor)} in ${shardName}, which has no such tensor`,
        shard: shardName,
        tensor
      });
    }
  }
  const owner = /* @__PURE__ */ new Map();
  for (const shard of shards) {
    if (shard.header === null) continue;
    for (const tensor of shard.header.tensors.keys()) {
      const previous = owner.get(tensor);
      if (previous !== void 0) {
        problems.push({
          code: "shard.tensor-in-two-shards",
          severity: "error",
          message: `tensor ${JSON.stringify(tensor)} is in both ${previous} and ${shard.name}`,
          shard: shard.name,
          tensor
        });
        continue;
      }
      owner.set(tensor, shard.name);
      const listed = weightMap.get(tensor);
      if (listed !== shard.name) {
        problems.push({
          code: "shard.tensor-unlisted",
          severity: "error",
          message: listed === void 0 ? `tensor ${JSON.stringify(tensor)} in ${shard.name} is not in weight_map` : `tensor ${JSON.stringify(tensor)} is in ${shard.name} but weight_map says ${listed}`,
          shard: shard.name,
          tensor
        });
      }
    }
  }
}
function checkNumbering(shardNames, problems) {
  const numbered = shardNames.map((name) => ({ name, match: SHARD_NUMBERING.exec(basename(name)) })).filter((s) => s.match !== null);
  if (numbered.length === 0) return;
  if (numbered.length !== shardNames.length) {
    const plain = shardNames.filter((n) => !SHARD_NUMBERING.test(n));
    problems.push({
      code: "shard.numbering",
      severity: "error",
      message: `some shards are numbered -NNNNN-of-MMMMM and some are not: ${plain.join(", ")}`
    });
  }
  const totals = new Set(numbered.map((s) => s.match[2]));
  if (totals.size > 1) {
    problems.push({
      code: "shard.numbering",
      severity: "error",
      message: `shards disagree on the shard count: ${[...totals].join(", ")}`
    });
    return;
  }
  const total = Number([...totals][0]);
  const seen = new Set(numbered.map((s) => Number(s.match[1])));
  const outOfRange = [...seen].filter((i) => i < 1 || i > total);
  const missing = [];
  for (let i = 1; i <= total && missing.length < 20; i++) if (!seen.has(i)) missing.push(i);
  if (outOfRange.length > 0 || missing.length > 0) {
    problems.push({
      code: "shard.numbering",
      severity: "error",
      message: `shard numbers must be exactly 1..${total}` + (missing.length > 0 ? `; missing ${missing.join(", ")}` : "") + (outOfRange.length > 0 ? `; out of range ${outOfRange.join(", ")}` : "")
    });
  }
}
var SHARD_INDEX_LIMITS, SHARD_NUMBERING, IndexSchemaError;
var init_shard_index = __esm({
  "src/safetensors/shard-index.ts"() {
    "use strict";
    init_errors();
    init_file();
    init_json_tokenizer();
    init_safe_path();
    SHARD_INDEX_LIMITS = {
      maxBytes: 25e7,
      maxDepth: 64,
      maxStringBytes: 1e5,
      maxShards: 1e4,
      maxMetadataEntries: 1e3
    };
    SHARD_NUMBERING = /-(\d{5})-of-(\d{5})\.safetensors$/;
    IndexSchemaError = class extends Error {
      constructor(message, code) {
        super(message);
        this.code = code;
      }
      code;
    };
  }
});

// src/safetensors/sniff.ts
async function sniffFile(path) {
  const fh = await openForReading(path);
  try {
    const { size } = await fh.stat({ bigint: true });
    const head = new Uint8Array(Number(size < BigInt(SNIFF_BYTES) ? size : BigInt(SNIFF_BYTES)));
    await readFully(fh, path, head, 0);
    return sniffBytes(head, size, { safetensorsName: path.endsWith(".safetensors") });
  } catch (error) {
    throw error instanceof SafetensorsError ? error : ioError(path, error);
  } finally {
    await fh.close().catch(() => {
    });
  }
}
function sniffBytes(head, fileSize, options = {}) {
  const size = BigInt(fileSize);
  if (size === 0n) return { kind: "empty" };
  if (size < 8n) return isPickle(head) ? pickle(head) : { kind: "too-small", size: Number(size) };
  if (looksLikeSafetensors(head, size)) return { kind: "safetensors" };
  const lfs = parseLfsPointer(head);
  if (lfs !== null) return lfs;
  const prefix = Buffer.from(head.buffer, head.byteOffset, 8).readBigUInt64LE(0);
  if (options.safetensorsName && prefix <= BigInt(MAX_HEADER_SIZE)) return { kind: "unknown" };
  if (isPickle(head)) return pickle(head);
  if (head[0] === 80 && head[1] === 75 && head[2] === 3 && head[3] === 4) return { kind: "zip" };
  return { kind: "unknown" };
}
function isPickle(head) {
  return head.length >= 2 && head[0] === 128 && head[1] >= 2 && head[1] <= 5;
}
function pickle(head) {
  return { kind: "pickle", protocol: head[1] };
}
function looksLikeSafetensors(head, size) {
  if (head.length < 8) return false;
  const n = Buffer.from(head.buffer, head.byteOffset, 8).readBigUInt64LE(0);
  if (n < 2n || n > BigInt(MAX_HEADER_SIZE) || 8n + n > size) return false;
  const end = Math.min(head.length, 8 + Number(n));
  for (let i = 8; i < end; i++) {
    const c = head[i];
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 123;
  }
  return end < 8 + Number(n);
}
function parseLfsPointer(head) {
  const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString("latin1");
  if (!text.startsWith(LFS_PREFIX)) return null;
  const result = { kind: "lfs-pointer" };
  for (const line of text.split("\n")) {
    const oid = /^oid ([a-z0-9]+:[0-9a-f]+)$/.exec(line);
    if (oid) result.oid = oid[1];
    const size = /^size (\d{1,16})$/.exec(line);
    if (size) result.size = Number(size[1]);
  }
  return result;
}
var SNIFF_BYTES, LFS_PREFIX;
var init_sniff = __esm({
  "src/safetensors/sniff.ts"() {
    "use strict";
    init_errors();
    init_file();
    init_header();
    SNIFF_BYTES = 1024;
    LFS_PREFIX = "version https://git-lfs.github.com/spec/v1";
  }
});

// src/safetensors/index.ts
var init_safetensors = __esm({
  "src/safetensors/index.ts"() {
    "use strict";
    init_decode();
    init_dtypes();
    init_errors();
    init_file();
    init_header();
    init_safe_path();
    init_scan();
    init_shard_index();
    init_sniff();
  }
});

// src/adapter/python-regex.ts
import { Script } from "node:vm";
function compilePythonRegex(pattern, anchor) {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new PythonRegexError(`pattern is ${pattern.length} characters long (limit ${MAX_PATTERN_LENGTH})`);
  }
  const { body, flags } = translate(pattern);
  if (hasNestedRepetition(body)) {
    throw new PythonRegexError(
      `pattern "${pattern}" repeats a group that itself repeats, which can take exponential time; rewrite it without nesting`
    );
  }
  const source = anchor === "fullmatch" ? `^(?:${body})$` : `^(?:.*\\.)?(?:${body})$`;
  try {
    const regex = new RegExp(source, flags);
    if (hasRepeatedAlternation(body)) risky.add(regex);
    return regex;
  } catch (error) {
    throw new PythonRegexError(
      `pattern "${pattern}" is not a valid regular expression: ${error.message}`
    );
  }
}
function matchModuleName(regex, name) {
  if (name.length > MAX_SUBJECT_LENGTH) return false;
  if (!risky.has(regex)) return regex.test(name);
  if (timedOut.has(regex)) return null;
  riskyScript ??= new Script("re.test(name)");
  try {
    return riskyScript.runInNewContext({ re: regex, name }, { timeout: RISKY_TIMEOUT_MS }) === true;
  } catch {
    timedOut.add(regex);
    return null;
  }
}
function testModuleName(regex, name) {
  return matchModuleName(regex, name) === true;
}
function translate(pattern) {
  let out = "";
  let flags = "";
  let inClass = false;
  let i = 0;
  const leading = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (leading) {
    for (const flag of leading[1]) {
      if (flag === "x") throw new PythonRegexError("verbose patterns ((?x)) are not supported");
      if (flag === "L") throw new PythonRegexError("locale patterns ((?L)) are not supported");
      if (!IGNORED_FLAGS.has(flag) && !flags.includes(flag)) flags += flag;
    }
    i = leading[0].length;
  }
  const groups = [];
  let folded = false;
  const letter = (ch) => ch.toLowerCase() !== ch.toUpperCase();
  while (i < pattern.length) {
    const c = pattern[i];
    if (folded && !inClass && c !== "\\" && letter(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
      i++;
      continue;
    }
    if (folded && inClass && letter(c)) {
      if (pattern[i + 1] === "-" || pattern[i - 1] === "-") {
        throw new PythonRegexError(`a letter range inside (?i:...) in "${pattern}" is not supported`);
      }
      out += c.toLowerCase() + c.toUpperCase();
      i++;
      continue;
    }
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === void 0) throw new PythonRegexError(`pattern "${pattern}" ends with a lone backslash`);
      if (!inClass && next === "Z") out += "(?![\\s\\S])";
      else if (!inClass && next === "A") out += "^";
      else out += c + next;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (pattern[i + 1] === "^") {
        out += "^";
        i++;
      }
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      i++;
      continue;
    }
    if (c === "(" && pattern[i + 1] === "?") {
      const rest = pattern.slice(i + 2);
      const named = /^P<(\w+)>/.exec(rest);
      if (named) {
        groups.push(folded);
        out += `(?<${named[1]}>`;
        i += 2 + named[0].length;
        continue;
      }
      const backref = /^P=(\w+)\)/.exec(rest);
      if (backref) {
        out += `\\k<${backref[1]}>`;
        i += 2 + backref[0].length;
        continue;
      }
      if (rest.startsWith("#")) {
        const end = pattern.indexOf(")", i);
        if (end < 0) throw new PythonRegexError(`pattern "${pattern}" has an unterminated comment`);
        i = end + 1;
        continue;
      }
      if (rest.startsWith(">")) throw new PythonRegexError("atomic groups ((?>...)) are not supported");
      const scoped = /^([aiLmsux]*)(?:-([imsx]+))?:/.exec(rest);
      if (scoped && (scoped[1] !== "" || scoped[2] !== void 0)) {
        const on = scoped[1];
        const off = scoped[2] ?? "";
        if (on.includes("x") || on.includes("L") || off.includes("x") || off.includes("i") && flags.includes("i")) {
          throw new PythonRegexError(
            `the scoped flags (?${rest.slice(0, scoped[0].length)} in "${pattern}" are not supported`
          );
        }
        groups.push(folded);
        folded = folded || on.includes("i") && !flags.includes("i");
        out += "(?:";
        i += 2 + scoped[0].length;
        continue;
      }
      if (/^[aiLmsux-]+\)/.test(rest)) {
        throw new PythonRegexError(
          `global flags must open the pattern, but "${pattern}" sets them in the middle (Python 3.11+ rejects this)`
        );
      }
    }
    if (c === "(") groups.push(folded);
    if (c === ")") folded = groups.pop() ?? false;
    if ((c === "*" || c === "+" || c === "?" || c === "}") && pattern[i + 1] === "+") {
      throw new PythonRegexError("possessive quantifiers (*+, ++, ?+) are not supported");
    }
    out += c;
    i++;
  }
  return { body: out, flags };
}
function hasNestedRepetition(body) {
  const stack = [];
  const starts = [];
  let current = false;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      continue;
    }
    if (c === "(") {
      stack.push(current);
      starts.push(i);
      current = false;
      continue;
    }
    const unbounded = isUnboundedQuantifier(body, i);
    if (c === ")") {
      const inner = current;
      current = stack.pop() ?? false;
      const start = starts.pop() ?? 0;
      if (isUnboundedQuantifier(body, i + 1)) {
        if (inner && !dotDelimited(body.slice(start + 1, i))) return true;
        current = true;
      } else if (inner) current = true;
      continue;
    }
    if (unbounded) current = true;
  }
  return false;
}
function isUnboundedQuantifier(body, i) {
  const c = body[i];
  if (c === "*" || c === "+") return true;
  if (c === "{") return /^\{\d*,\}/.test(body.slice(i));
  return false;
}
function dotDelimited(inner) {
  if (!inner.endsWith("\\.") || inner.includes("|")) return false;
  let inClass = false;
  let negated = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "\\") {
      const next = inner[i + 1];
      if (next === "W" || next === "S" || next === "D") return false;
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      else if (c === "." && !negated) return false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      negated = inner[i + 1] === "^";
      continue;
    }
    if (c === "." || c === "(") return false;
  }
  return true;
}
function hasRepeatedAlternation(body) {
  const alternation = [];
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") alternation.push(false);
    else if (c === "|" && alternation.length > 0) alternation[alternation.length - 1] = true;
    else if (c === ")") {
      if ((alternation.pop() ?? false) && isUnboundedQuantifier(body, i + 1)) return true;
    }
  }
  return false;
}
var PythonRegexError, MAX_PATTERN_LENGTH, MAX_SUBJECT_LENGTH, IGNORED_FLAGS, risky, timedOut, RISKY_TIMEOUT_MS, riskyScript;
var init_python_regex = __esm({
  "src/adapter/python-regex.ts"() {
    "use strict";
    PythonRegexError = class extends Error {
      name = "PythonRegexError";
    };
    MAX_PATTERN_LENGTH = 2e3;
    MAX_SUBJECT_LENGTH = 1e3;
    IGNORED_FLAGS = /* @__PURE__ */ new Set(["a", "u"]);
    risky = /* @__PURE__ */ new WeakSet();
    timedOut = /* @__PURE__ */ new WeakSet();
    RISKY_TIMEOUT_MS = 50;
    riskyScript = null;
  }
});

// src/adapter/config.ts
function parseAdapterConfig(text) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { config: null, errors: [`not valid JSON: ${error.message}`] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { config: null, errors: ["the top level is not a JSON object"] };
  }
  return readAdapterConfig(raw, "adapter_config");
}
function readAdapterConfig(obj, kind) {
  const errors = [];
  const field = new FieldReader(obj, errors);
  const has = (name) => Object.hasOwn(obj, name);
  let peftType = "";
  if (!has("peft_type") && kind === "lora_config_kwargs") {
    peftType = "LORA";
  } else if (!has("peft_type")) {
    errors.push(
      "lora_parameters" in obj ? "this is an MLX-LM adapter config (lora_parameters), not a PEFT one: there is no peft_type" : 'peft_type is missing; PEFT needs it to know the method (use "LORA")'
    );
  } else if (typeof obj.peft_type !== "string") {
    errors.push(`peft_type must be a string such as "LORA", not ${describe(obj.peft_type)}`);
  } else if (!LORA_PEFT_TYPES.includes(obj.peft_type)) {
    errors.push(`peft_type is "${obj.peft_type}", not a LoRA type (LORA or ADALORA)`);
  } else {
    peftType = obj.peft_type;
  }
  const taskType = field.nullableEnum("task_type", TASK_TYPES);
  const r = field.positiveInteger("r", 8);
  let loraAlpha = 8;
  if (!has("lora_alpha")) {
    if (kind === "adapter_config") errors.push("lora_alpha is missing; set it to the alpha used in training");
  } else if (typeof obj.lora_alpha !== "number" || !Number.isFinite(obj.lora_alpha)) {
    errors.push(`lora_alpha must be a number, not ${describe(obj.lora_alpha)}`);
  } else loraAlpha = obj.lora_alpha;
  const bias = field.enumOf("bias", ["none", "all", "lora_only"], "none");
  const useRslora = field.boolean("use_rslora");
  const useDora = field.boolean("use_dora");
  const fanInFanOut = field.boolean("fan_in_fan_out");
  const loraBias = field.boolean("lora_bias");
  const targetModules = field.patternOrList("target_modules");
  const excludeModules = field.patternOrList("exclude_modules");
  const modulesToSave = field.stringList("modules_to_save");
  const layersToTransform = field.layers();
  const layersPattern = field.stringOrList("layers_pattern");
  if (layersToTransform && typeof targetModules === "string") {
    errors.push("layers_to_transform cannot be used with a regex string target_modules; use a list");
  }
  const adalora = peftType === "ADALORA";
  const rankPattern = field.patternMap(
    "rank_pattern",
    (v) => typeof v === "number" && Number.isInteger(v) && v > 0 || adalora && Array.isArray(v) && v.every((x) => typeof x === "boolean")
  );
  const alphaPattern = field.patternMap("alpha_pattern", (v) => typeof v === "number" && Number.isFinite(v));
  if (errors.length > 0) return { config: null, errors };
  return {
    config: {
      raw: obj,
      peftType,
      taskType,
      r,
      loraAlpha,
      useRslora,
      useDora,
      fanInFanOut,
      bias,
      loraBias,
      targetModules,
      excludeModules,
      modulesToSave,
      layersToTransform,
      layersPattern,
      rankPattern,
      alphaPattern,
      initLoraWeights: obj.init_lora_weights ?? true,
      trainableTokenIndices: obj.trainable_token_indices ?? null
    },
    errors: []
  };
}
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string")
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
var CONFIG_NAME, LORA_PEFT_TYPES, TASK_TYPES, MAX_CONFIG_BYTES, FieldReader;
var init_config = __esm({
  "src/adapter/config.ts"() {
    "use strict";
    init_python_regex();
    CONFIG_NAME = "adapter_config.json";
    LORA_PEFT_TYPES = ["LORA", "ADALORA"];
    TASK_TYPES = [
      "SEQ_CLS",
      "SEQ_2_SEQ_LM",
      "CAUSAL_LM",
      "TOKEN_CLS",
      "QUESTION_ANS",
      "FEATURE_EXTRACTION"
    ];
    MAX_CONFIG_BYTES = 4 * 1024 * 1024;
    FieldReader = class {
      constructor(obj, errors) {
        this.obj = obj;
        this.errors = errors;
      }
      obj;
      errors;
      get(name) {
        return Object.hasOwn(this.obj, name) ? this.obj[name] : void 0;
      }
      positiveInteger(name, fallback) {
        const v = this.get(name);
        if (v === void 0) return fallback;
        if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
        this.errors.push(`${name} must be a positive integer, not ${describe(v)}`);
        return fallback;
      }
      boolean(name) {
        const v = this.get(name);
        if (v === void 0 || v === null) return false;
        if (typeof v === "boolean") return v;
        this.errors.push(`${name} must be true or false, not ${describe(v)}`);
        return false;
      }
      enumOf(name, values, fallback) {
        const v = this.get(name);
        if (v === void 0 || v === null) return fallback;
        if (typeof v === "string" && values.includes(v)) return v;
        this.errors.push(`${name} must be one of ${values.map((x) => `"${x}"`).join(", ")}, not ${describe(v)}`);
        return fallback;
      }
      nullableEnum(name, values) {
        const v = this.get(name);
        if (v === void 0 || v === null) return null;
        if (typeof v === "string" && values.includes(v)) return v;
        this.errors.push(`${name} must be null or one of ${values.join(", ")}, not ${describe(v)}`);
        return null;
      }
      stringList(name) {
        const v = this.get(name);
        if (v === void 0 || v === null) return null;
        if (Array.isArray(v) && v.every((x) => typeof x === "string" && x !== "")) return v;
        this.errors.push(`${name} must be null or a list of module names, not ${describe(v)}`);
        return null;
      }
      stringOrList(name) {
        const v = this.get(name);
        if (v === void 0 || v === null) return null;
        if (typeof v === "string" && v !== "") return [v];
        return this.stringList(name);
      }
      patternOrList(name) {
        const v = this.get(name);
        if (v === void 0 || v === null) return null;
        if (typeof v === "string") {
          if (v.toLowerCase() === "all-linear") return v;
          try {
            compilePythonRegex(v, "fullmatch");
          } catch (error) {
            this.errors.push(`${name}: ${error.message}`);
          }
          return v;
        }
        return this.stringList(name);
      }
      layers() {
        const v = this.get("layers_to_transform");
        if (v === void 0 || v === null) return null;
        const isIndex = (x) => typeof x === "number" && Number.isInteger(x) && x >= 0;
        if (isIndex(v)) return [v];
        if (Array.isArray(v) && v.every(isIndex)) return v;
        this.errors.push(`layers_to_transform must be a layer index or a list of indices, not ${describe(v)}`);
        return null;
      }
      patternMap(name, valid) {
        const v = this.get(name);
        const out = /* @__PURE__ */ new Map();
        if (v === void 0 || v === null) return out;
        if (typeof v !== "object" || Array.isArray(v)) {
          this.errors.push(`${name} must be an object mapping module patterns to numbers, not ${describe(v)}`);
          return out;
        }
        for (const [key, value] of Object.entries(v)) {
          if (!valid(value)) {
            this.errors.push(
              `${name}["${key}"] must be a ${name === "rank_pattern" ? "positive integer" : "number"}, not ${describe(value)}`
            );
            continue;
          }
          try {
            compilePythonRegex(key, "suffix");
          } catch (error) {
            if (error instanceof PythonRegexError) this.errors.push(`${name}: ${error.message}`);
            else throw error;
            continue;
          }
          if (typeof value === "number") out.set(key, value);
        }
        return out;
      }
    };
  }
});

// src/adapter/diffusers-metadata.ts
function parseLoraAdapterMetadata(text) {
  const none = (error) => ({
    components: /* @__PURE__ */ new Map(),
    declared: null,
    errors: [error]
  });
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CONFIG_BYTES)
    return none(`the value is ${bytes} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return none(`not valid JSON: ${error.message}`);
  }
  if (raw === null) return { components: /* @__PURE__ */ new Map(), declared: null, errors: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return none(
      `the top level is ${Array.isArray(raw) ? "a list" : `a ${typeof raw}`}, not a JSON object of LoraConfig fields`
    );
  }
  const groups = /* @__PURE__ */ new Map();
  for (const [name, value] of Object.entries(raw)) {
    const dot = name.indexOf(".");
    const component = dot > 0 ? name.slice(0, dot) : "";
    const field = dot > 0 ? name.slice(dot + 1) : name;
    let group = groups.get(component);
    if (!group) {
      group = /* @__PURE__ */ Object.create(null);
      groups.set(component, group);
    }
    group[field] = value;
  }
  const components = /* @__PURE__ */ new Map();
  const errors = [];
  for (const [component, fields] of groups) {
    const parsed = readAdapterConfig(fields, "lora_config_kwargs");
    if (parsed.config) components.set(component, parsed.config);
    for (const error of parsed.errors) errors.push(component === "" ? error : `${component}.${error}`);
  }
  return { components, declared: new Set(groups.keys()), errors };
}
function readEmbeddedConfig(weights) {
  for (const weightsFile of weights) {
    const text = weightsFile.header?.metadata?.get(LORA_ADAPTER_METADATA_KEY);
    if (text === void 0 || text === "") continue;
    const parsed = parseLoraAdapterMetadata(text);
    if (parsed.declared === null && parsed.errors.length === 0) continue;
    return {
      file: weightsFile.file,
      components: parsed.components,
      declared: parsed.declared,
      errors: parsed.errors
    };
  }
  return void 0;
}
var LORA_ADAPTER_METADATA_KEY;
var init_diffusers_metadata = __esm({
  "src/adapter/diffusers-metadata.ts"() {
    "use strict";
    init_config();
    LORA_ADAPTER_METADATA_KEY = "lora_adapter_metadata";
  }
});

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code = advance();
        let next;
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code = advance();
          if (code === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code = advance())) {
                if (code === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code = advance())) {
              if (code === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob2 = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob2 = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob2 = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob2) glob2 = utils.removeBackslashes(glob2);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob: glob2,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants2 = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants2;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants2.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants2.globChars(opts.windows);
      const EXTGLOB_CHARS = constants2.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num2 = 0) => {
        state.consumed += value2;
        state.index += num2;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open6 = tokens[token.tokensIndex];
          open6.type = "text";
          open6.value = literal;
          open6.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open6.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix2 = POSIX_REGEX_SOURCE[rest2];
                if (posix2) {
                  prev.value = pre + posix2;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open6 = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open6);
          push(open6);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants2.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants2 = require_constants();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch5 = (glob2, options, returnState = false) => {
      if (Array.isArray(glob2)) {
        const fns = glob2.map((input) => picomatch5(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob2) && glob2.tokens && glob2.input;
      if (glob2 === "" || typeof glob2 !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix2 = opts.windows;
      const regex = isState ? picomatch5.compileRe(glob2, options) : picomatch5.makeRe(glob2, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch5(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch5.test(input, regex, options, { glob: glob2, posix: posix2 });
        const result = { glob: glob2, state, regex, posix: posix2, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch5.test = (input, regex, options, { glob: glob2, posix: posix2 } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix2 ? utils.toPosixSlashes : null);
      let match = input === glob2;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob2;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch5.matchBase(input, regex, options, posix2);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch5.matchBase = (input, glob2, options, posix2 = options && options.windows) => {
      const regex = glob2 instanceof RegExp ? glob2 : picomatch5.makeRe(glob2, options);
      return regex.test(utils.basename(input, { windows: posix2 }));
    };
    picomatch5.isMatch = (str, patterns, options) => picomatch5(patterns, options)(str);
    picomatch5.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch5.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch5.scan = (input, options) => scan(input, options);
    picomatch5.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch5.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch5.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch5.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch5.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch5.constants = constants2;
    module.exports = picomatch5;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch5(glob2, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob2, options, returnState);
    }
    Object.assign(picomatch5, pico);
    module.exports = picomatch5;
  }
});

// node_modules/fdir/dist/index.mjs
import { createRequire } from "module";
import { basename as basename2, dirname as dirname2, normalize, relative as relative2, resolve as resolve2, sep as sep2 } from "path";
import * as nativeFs from "fs";
function cleanPath(path) {
  let normalized = normalize(path);
  if (normalized.length > 1 && normalized[normalized.length - 1] === sep2) normalized = normalized.substring(0, normalized.length - 1);
  return normalized;
}
function convertSlashes(path, separator) {
  return path.replace(SLASHES_REGEX, separator);
}
function isRootDirectory(path) {
  return path === "/" || WINDOWS_ROOT_DIR_REGEX.test(path);
}
function normalizePath(path, options) {
  const { resolvePaths, normalizePath: normalizePath$1, pathSeparator } = options;
  const pathNeedsCleaning = process.platform === "win32" && path.includes("/") || path.startsWith(".");
  if (resolvePaths) path = resolve2(path);
  if (normalizePath$1 || pathNeedsCleaning) path = cleanPath(path);
  if (path === ".") return "";
  const needsSeperator = path[path.length - 1] !== pathSeparator;
  return convertSlashes(needsSeperator ? path + pathSeparator : path, pathSeparator);
}
function joinPathWithBasePath(filename, directoryPath) {
  return directoryPath + filename;
}
function joinPathWithRelativePath(root, options) {
  return function(filename, directoryPath) {
    const sameRoot = directoryPath.startsWith(root);
    if (sameRoot) return directoryPath.slice(root.length) + filename;
    else return convertSlashes(relative2(root, directoryPath), options.pathSeparator) + options.pathSeparator + filename;
  };
}
function joinPath(filename) {
  return filename;
}
function joinDirectoryPath(filename, directoryPath, separator) {
  return directoryPath + filename + separator;
}
function build$7(root, options) {
  const { relativePaths, includeBasePath } = options;
  return relativePaths && root ? joinPathWithRelativePath(root, options) : includeBasePath ? joinPathWithBasePath : joinPath;
}
function pushDirectoryWithRelativePath(root) {
  return function(directoryPath, paths) {
    paths.push(directoryPath.substring(root.length) || ".");
  };
}
function pushDirectoryFilterWithRelativePath(root) {
  return function(directoryPath, paths, filters) {
    const relativePath = directoryPath.substring(root.length) || ".";
    if (filters.every((filter) => filter(relativePath, true))) paths.push(relativePath);
  };
}
function build$6(root, options) {
  const { includeDirs, filters, relativePaths } = options;
  if (!includeDirs) return empty$2;
  if (relativePaths) return filters && filters.length ? pushDirectoryFilterWithRelativePath(root) : pushDirectoryWithRelativePath(root);
  return filters && filters.length ? pushDirectoryFilter : pushDirectory;
}
function build$5(options) {
  const { excludeFiles, filters, onlyCounts } = options;
  if (excludeFiles) return empty$1;
  if (filters && filters.length) return onlyCounts ? pushFileFilterAndCount : pushFileFilter;
  else if (onlyCounts) return pushFileCount;
  else return pushFile;
}
function build$4(options) {
  return options.group ? getArrayGroup : getArray;
}
function build$3(options) {
  return options.group ? groupFiles : empty;
}
function build$2(options, isSynchronous) {
  if (!options.resolveSymlinks || options.excludeSymlinks) return null;
  return isSynchronous ? resolveSymlinks : resolveSymlinksAsync;
}
function isRecursive(path, resolved, state) {
  if (state.options.useRealPaths) return isRecursiveUsingRealPaths(resolved, state);
  let parent = dirname2(path);
  let depth = 1;
  while (parent !== state.root && depth < 2) {
    const resolvedPath = state.symlinks.get(parent);
    const isSameRoot = !!resolvedPath && (resolvedPath === resolved || resolvedPath.startsWith(resolved) || resolved.startsWith(resolvedPath));
    if (isSameRoot) depth++;
    else parent = dirname2(parent);
  }
  state.symlinks.set(path, resolved);
  return depth > 1;
}
function isRecursiveUsingRealPaths(resolved, state) {
  return state.visited.includes(resolved + state.options.pathSeparator);
}
function report(error, callback$1, output, suppressErrors) {
  if (error && !suppressErrors) callback$1(error, output);
  else callback$1(null, output);
}
function build$1(options, isSynchronous) {
  const { onlyCounts, group, maxFiles } = options;
  if (onlyCounts) return isSynchronous ? onlyCountsSync : onlyCountsAsync;
  else if (group) return isSynchronous ? groupsSync : groupsAsync;
  else if (maxFiles) return isSynchronous ? limitFilesSync : limitFilesAsync;
  else return isSynchronous ? defaultSync : defaultAsync;
}
function build(isSynchronous) {
  return isSynchronous ? walkSync : walkAsync;
}
function promise(root, options) {
  return new Promise((resolve$1, reject) => {
    callback(root, options, (err, output) => {
      if (err) return reject(err);
      resolve$1(output);
    });
  });
}
function callback(root, options, callback$1) {
  let walker = new Walker(root, options, callback$1);
  walker.start();
}
function sync(root, options) {
  const walker = new Walker(root, options);
  return walker.start();
}
var __require2, SLASHES_REGEX, WINDOWS_ROOT_DIR_REGEX, pushDirectory, pushDirectoryFilter, empty$2, pushFileFilterAndCount, pushFileFilter, pushFileCount, pushFile, empty$1, getArray, getArrayGroup, groupFiles, empty, resolveSymlinksAsync, resolveSymlinks, onlyCountsSync, groupsSync, defaultSync, limitFilesSync, onlyCountsAsync, defaultAsync, limitFilesAsync, groupsAsync, readdirOpts, walkAsync, walkSync, Queue, Counter, Aborter, Walker, APIBuilder, pm, Builder;
var init_dist = __esm({
  "node_modules/fdir/dist/index.mjs"() {
    __require2 = /* @__PURE__ */ createRequire(import.meta.url);
    SLASHES_REGEX = /[\\/]/g;
    WINDOWS_ROOT_DIR_REGEX = /^[a-z]:[\\/]$/i;
    pushDirectory = (directoryPath, paths) => {
      paths.push(directoryPath || ".");
    };
    pushDirectoryFilter = (directoryPath, paths, filters) => {
      const path = directoryPath || ".";
      if (filters.every((filter) => filter(path, true))) paths.push(path);
    };
    empty$2 = () => {
    };
    pushFileFilterAndCount = (filename, _paths, counts, filters) => {
      if (filters.every((filter) => filter(filename, false))) counts.files++;
    };
    pushFileFilter = (filename, paths, _counts, filters) => {
      if (filters.every((filter) => filter(filename, false))) paths.push(filename);
    };
    pushFileCount = (_filename, _paths, counts, _filters) => {
      counts.files++;
    };
    pushFile = (filename, paths) => {
      paths.push(filename);
    };
    empty$1 = () => {
    };
    getArray = (paths) => {
      return paths;
    };
    getArrayGroup = () => {
      return [""].slice(0, 0);
    };
    groupFiles = (groups, directory, files) => {
      groups.push({
        directory,
        files,
        dir: directory
      });
    };
    empty = () => {
    };
    resolveSymlinksAsync = function(path, state, callback$1) {
      const { queue, fs, options: { suppressErrors } } = state;
      queue.enqueue();
      fs.realpath(path, (error, resolvedPath) => {
        if (error) return queue.dequeue(suppressErrors ? null : error, state);
        fs.stat(resolvedPath, (error$1, stat8) => {
          if (error$1) return queue.dequeue(suppressErrors ? null : error$1, state);
          if (stat8.isDirectory() && isRecursive(path, resolvedPath, state)) return queue.dequeue(null, state);
          callback$1(stat8, resolvedPath);
          queue.dequeue(null, state);
        });
      });
    };
    resolveSymlinks = function(path, state, callback$1) {
      const { queue, fs, options: { suppressErrors } } = state;
      queue.enqueue();
      try {
        const resolvedPath = fs.realpathSync(path);
        const stat8 = fs.statSync(resolvedPath);
        if (stat8.isDirectory() && isRecursive(path, resolvedPath, state)) return;
        callback$1(stat8, resolvedPath);
      } catch (e) {
        if (!suppressErrors) throw e;
      }
    };
    onlyCountsSync = (state) => {
      return state.counts;
    };
    groupsSync = (state) => {
      return state.groups;
    };
    defaultSync = (state) => {
      return state.paths;
    };
    limitFilesSync = (state) => {
      return state.paths.slice(0, state.options.maxFiles);
    };
    onlyCountsAsync = (state, error, callback$1) => {
      report(error, callback$1, state.counts, state.options.suppressErrors);
      return null;
    };
    defaultAsync = (state, error, callback$1) => {
      report(error, callback$1, state.paths, state.options.suppressErrors);
      return null;
    };
    limitFilesAsync = (state, error, callback$1) => {
      report(error, callback$1, state.paths.slice(0, state.options.maxFiles), state.options.suppressErrors);
      return null;
    };
    groupsAsync = (state, error, callback$1) => {
      report(error, callback$1, state.groups, state.options.suppressErrors);
      return null;
    };
    readdirOpts = { withFileTypes: true };
    walkAsync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
      state.queue.enqueue();
      if (currentDepth < 0) return state.queue.dequeue(null, state);
      const { fs } = state;
      state.visited.push(crawlPath);
      state.counts.directories++;
      fs.readdir(crawlPath || ".", readdirOpts, (error, entries = []) => {
        callback$1(entries, directoryPath, currentDepth);
        state.queue.dequeue(state.options.suppressErrors ? null : error, state);
      });
    };
    walkSync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
      const { fs } = state;
      if (currentDepth < 0) return;
      state.visited.push(crawlPath);
      state.counts.directories++;
      let entries = [];
      try {
        entries = fs.readdirSync(crawlPath || ".", readdirOpts);
      } catch (e) {
        if (!state.options.suppressErrors) throw e;
      }
      callback$1(entries, directoryPath, currentDepth);
    };
    Queue = class {
      count = 0;
      constructor(onQueueEmpty) {
        this.onQueueEmpty = onQueueEmpty;
      }
      enqueue() {
        this.count++;
        return this.count;
      }
      dequeue(error, output) {
        if (this.onQueueEmpty && (--this.count <= 0 || error)) {
          this.onQueueEmpty(error, output);
          if (error) {
            output.controller.abort();
            this.onQueueEmpty = void 0;
          }
        }
      }
    };
    Counter = class {
      _files = 0;
      _directories = 0;
      set files(num2) {
        this._files = num2;
      }
      get files() {
        return this._files;
      }
      set directories(num2) {
        this._directories = num2;
      }
      get directories() {
        return this._directories;
      }
      /**
      * @deprecated use `directories` instead
      */
      /* c8 ignore next 3 */
      get dirs() {
        return this._directories;
      }
    };
    Aborter = class {
      aborted = false;
      abort() {
        this.aborted = true;
      }
    };
    Walker = class {
      root;
      isSynchronous;
      state;
      joinPath;
      pushDirectory;
      pushFile;
      getArray;
      groupFiles;
      resolveSymlink;
      walkDirectory;
      callbackInvoker;
      constructor(root, options, callback$1) {
        this.isSynchronous = !callback$1;
        this.callbackInvoker = build$1(options, this.isSynchronous);
        this.root = normalizePath(root, options);
        this.state = {
          root: isRootDirectory(this.root) ? this.root : this.root.slice(0, -1),
          paths: [""].slice(0, 0),
          groups: [],
          counts: new Counter(),
          options,
          queue: new Queue((error, state) => this.callbackInvoker(state, error, callback$1)),
          symlinks: /* @__PURE__ */ new Map(),
          visited: [""].slice(0, 0),
          controller: new Aborter(),
          fs: options.fs || nativeFs
        };
        this.joinPath = build$7(this.root, options);
        this.pushDirectory = build$6(this.root, options);
        this.pushFile = build$5(options);
        this.getArray = build$4(options);
        this.groupFiles = build$3(options);
        this.resolveSymlink = build$2(options, this.isSynchronous);
        this.walkDirectory = build(this.isSynchronous);
      }
      start() {
        this.pushDirectory(this.root, this.state.paths, this.state.options.filters);
        this.walkDirectory(this.state, this.root, this.root, this.state.options.maxDepth, this.walk);
        return this.isSynchronous ? this.callbackInvoker(this.state, null) : null;
      }
      walk = (entries, directoryPath, depth) => {
        const { paths, options: { filters, resolveSymlinks: resolveSymlinks$1, excludeSymlinks, exclude, maxFiles, signal, useRealPaths, pathSeparator }, controller } = this.state;
        if (controller.aborted || signal && signal.aborted || maxFiles && paths.length > maxFiles) return;
        const files = this.getArray(this.state.paths);
        for (let i = 0; i < entries.length; ++i) {
          const entry = entries[i];
          if (entry.isFile() || entry.isSymbolicLink() && !resolveSymlinks$1 && !excludeSymlinks) {
            const filename = this.joinPath(entry.name, directoryPath);
            this.pushFile(filename, files, this.state.counts, filters);
          } else if (entry.isDirectory()) {
            let path = joinDirectoryPath(entry.name, directoryPath, this.state.options.pathSeparator);
            if (exclude && exclude(entry.name, path)) continue;
            this.pushDirectory(path, paths, filters);
            this.walkDirectory(this.state, path, path, depth - 1, this.walk);
          } else if (this.resolveSymlink && entry.isSymbolicLink()) {
            let path = joinPathWithBasePath(entry.name, directoryPath);
            this.resolveSymlink(path, this.state, (stat8, resolvedPath) => {
              if (stat8.isDirectory()) {
                resolvedPath = normalizePath(resolvedPath, this.state.options);
                if (exclude && exclude(entry.name, useRealPaths ? resolvedPath : path + pathSeparator)) return;
                this.walkDirectory(this.state, resolvedPath, useRealPaths ? resolvedPath : path + pathSeparator, depth - 1, this.walk);
              } else {
                resolvedPath = useRealPaths ? resolvedPath : path;
                const filename = basename2(resolvedPath);
                const directoryPath$1 = normalizePath(dirname2(resolvedPath), this.state.options);
                resolvedPath = this.joinPath(filename, directoryPath$1);
                this.pushFile(resolvedPath, files, this.state.counts, filters);
              }
            });
          }
        }
        this.groupFiles(this.state.groups, directoryPath, files);
      };
    };
    APIBuilder = class {
      constructor(root, options) {
        this.root = root;
        this.options = options;
      }
      withPromise() {
        return promise(this.root, this.options);
      }
      withCallback(cb) {
        callback(this.root, this.options, cb);
      }
      sync() {
        return sync(this.root, this.options);
      }
    };
    pm = null;
    try {
      __require2.resolve("picomatch");
      pm = __require2("picomatch");
    } catch {
    }
    Builder = class {
      globCache = {};
      options = {
        maxDepth: Infinity,
        suppressErrors: true,
        pathSeparator: sep2,
        filters: []
      };
      globFunction;
      constructor(options) {
        this.options = {
          ...this.options,
          ...options
        };
        this.globFunction = this.options.globFunction;
      }
      group() {
        this.options.group = true;
        return this;
      }
      withPathSeparator(separator) {
        this.options.pathSeparator = separator;
        return this;
      }
      withBasePath() {
        this.options.includeBasePath = true;
        return this;
      }
      withRelativePaths() {
        this.options.relativePaths = true;
        return this;
      }
      withDirs() {
        this.options.includeDirs = true;
        return this;
      }
      withMaxDepth(depth) {
        this.options.maxDepth = depth;
        return this;
      }
      withMaxFiles(limit) {
        this.options.maxFiles = limit;
        return this;
      }
      withFullPaths() {
        this.options.resolvePaths = true;
        this.options.includeBasePath = true;
        return this;
      }
      withErrors() {
        this.options.suppressErrors = false;
        return this;
      }
      withSymlinks({ resolvePaths = true } = {}) {
        this.options.resolveSymlinks = true;
        this.options.useRealPaths = resolvePaths;
        return this.withFullPaths();
      }
      withAbortSignal(signal) {
        this.options.signal = signal;
        return this;
      }
      normalize() {
        this.options.normalizePath = true;
        return this;
      }
      filter(predicate) {
        this.options.filters.push(predicate);
        return this;
      }
      onlyDirs() {
        this.options.excludeFiles = true;
        this.options.includeDirs = true;
        return this;
      }
      exclude(predicate) {
        this.options.exclude = predicate;
        return this;
      }
      onlyCounts() {
        this.options.onlyCounts = true;
        return this;
      }
      crawl(root) {
        return new APIBuilder(root || ".", this.options);
      }
      withGlobFunction(fn) {
        this.globFunction = fn;
        return this;
      }
      /**
      * @deprecated Pass options using the constructor instead:
      * ```ts
      * new fdir(options).crawl("/path/to/root");
      * ```
      * This method will be removed in v7.0
      */
      /* c8 ignore next 4 */
      crawlWithOptions(root, options) {
        this.options = {
          ...this.options,
          ...options
        };
        return new APIBuilder(root || ".", this.options);
      }
      glob(...patterns) {
        if (this.globFunction) return this.globWithOptions(patterns);
        return this.globWithOptions(patterns, ...[{ dot: true }]);
      }
      globWithOptions(patterns, ...options) {
        const globFn = this.globFunction || pm;
        if (!globFn) throw new Error("Please specify a glob function to use glob matching.");
        var isMatch = this.globCache[patterns.join("\0")];
        if (!isMatch) {
          isMatch = globFn(patterns, ...options);
          this.globCache[patterns.join("\0")] = isMatch;
        }
        this.options.filters.push((path) => isMatch(path));
        return this;
      }
    };
  }
});

// node_modules/tinyglobby/dist/index.mjs
import { readdir, readdirSync, realpath as realpath2, realpathSync, stat, statSync } from "fs";
import { isAbsolute as isAbsolute2, posix, resolve as resolve3 } from "path";
import { fileURLToPath } from "url";
function getPartialMatcher(patterns, options = {}) {
  const patternsCount = patterns.length;
  const patternsParts = Array(patternsCount);
  const matchers = Array(patternsCount);
  let i, j;
  for (i = 0; i < patternsCount; i++) {
    const parts = splitPattern(patterns[i]);
    patternsParts[i] = parts;
    const partsCount = parts.length;
    const partMatchers = Array(partsCount);
    for (j = 0; j < partsCount; j++) partMatchers[j] = (0, import_picomatch.default)(parts[j], options);
    matchers[i] = partMatchers;
  }
  return (input) => {
    const inputParts = input.split("/");
    if (inputParts[0] === ".." && ONLY_PARENT_DIRECTORIES.test(input)) return true;
    for (i = 0; i < patternsCount; i++) {
      const patternParts = patternsParts[i];
      const matcher = matchers[i];
      const inputPatternCount = inputParts.length;
      const minParts = Math.min(inputPatternCount, patternParts.length);
      j = 0;
      while (j < minParts) {
        const part = patternParts[j];
        if (part.includes("/")) return true;
        if (!matcher[j](inputParts[j])) break;
        if (!options.noglobstar && part === "**") return true;
        j++;
      }
      if (j === inputPatternCount) return true;
    }
    return false;
  };
}
function buildFormat(cwd, root, absolute) {
  if (cwd === root || root.startsWith(`${cwd}/`)) {
    if (absolute) {
      const start = cwd.length + +!isRoot(cwd);
      return (p, isDir) => p.slice(start, isDir ? -1 : void 0) || ".";
    }
    const prefix = root.slice(cwd.length + 1);
    if (prefix) return (p, isDir) => {
      if (p === ".") return prefix;
      const result = `${prefix}/${p}`;
      return isDir ? result.slice(0, -1) : result;
    };
    return (p, isDir) => isDir && p !== "." ? p.slice(0, -1) : p;
  }
  if (absolute) return (p) => posix.relative(cwd, p) || ".";
  return (p) => posix.relative(cwd, `${root}/${p}`) || ".";
}
function buildRelative(cwd, root) {
  if (root.startsWith(`${cwd}/`)) {
    const prefix = root.slice(cwd.length + 1);
    return (p) => `${prefix}/${p}`;
  }
  return (p) => {
    const result = posix.relative(cwd, `${root}/${p}`);
    return p[p.length - 1] === "/" && result !== "" ? `${result}/` : result || ".";
  };
}
function ensureNonDriveRelativePath(path) {
  return path.replace(DRIVE_RELATIVE_PATH, (match) => `${match}/`);
}
function splitPattern(path) {
  var _result$parts;
  const result = import_picomatch.default.scan(path, splitPatternOptions);
  return ((_result$parts = result.parts) === null || _result$parts === void 0 ? void 0 : _result$parts.length) ? result.parts : [path];
}
function isDynamicPattern(pattern, options) {
  if ((options === null || options === void 0 ? void 0 : options.caseSensitiveMatch) === false) return true;
  const scan = import_picomatch.default.scan(pattern);
  return scan.isGlob || scan.negated;
}
function log(...tasks) {
  console.log(`[tinyglobby ${(/* @__PURE__ */ new Date()).toLocaleTimeString("es")}]`, ...tasks);
}
function ensureStringArray(value) {
  return typeof value === "string" ? [value] : value !== null && value !== void 0 ? value : [];
}
function normalizePattern(pattern, opts, props, isIgnore) {
  var _PARENT_DIRECTORY$exe;
  const cwd = opts.cwd;
  let result = pattern;
  if (pattern[pattern.length - 1] === "/") result = pattern.slice(0, -1);
  if (result[result.length - 1] !== "*" && opts.expandDirectories) result += "/**";
  const escapedCwd = escapePath(cwd);
  result = isAbsolute2(result.replace(ESCAPING_BACKSLASHES, "")) ? posix.relative(escapedCwd, result) : posix.normalize(result);
  const parentDir = (_PARENT_DIRECTORY$exe = PARENT_DIRECTORY.exec(result)) === null || _PARENT_DIRECTORY$exe === void 0 ? void 0 : _PARENT_DIRECTORY$exe[0];
  const parts = splitPattern(result);
  if (parentDir) {
    const n = (parentDir.length + 1) / 3;
    let i = 0;
    const cwdParts = escapedCwd.split("/");
    while (i < n && parts[i + n] === cwdParts[cwdParts.length + i - n]) {
      result = result.slice(0, (n - i - 1) * 3) + result.slice((n - i) * 3 + parts[i + n].length + 1) || ".";
      i++;
    }
    const potentialRoot = posix.join(cwd, parentDir.slice(i * 3));
    if (potentialRoot[0] !== "." && props.root.length > potentialRoot.length) {
      props.root = ensureNonDriveRelativePath(potentialRoot);
      props.depthOffset = -n + i;
    }
  }
  if (!isIgnore && props.depthOffset >= 0) {
    var _props$commonPath;
    (_props$commonPath = props.commonPath) !== null && _props$commonPath !== void 0 || (props.commonPath = parts);
    const newCommonPath = [];
    const length = Math.min(props.commonPath.length, parts.length);
    for (let i = 0; i < length; i++) {
      const part = parts[i];
      if (part === "**" && !parts[i + 1]) {
        newCommonPath.pop();
        break;
      }
      if (i === parts.length - 1 || part !== props.commonPath[i] || isDynamicPattern(part)) break;
      newCommonPath.push(part);
    }
    props.depthOffset = newCommonPath.length;
    props.commonPath = newCommonPath;
    props.root = ensureNonDriveRelativePath(newCommonPath.length > 0 ? posix.join(cwd, ...newCommonPath) : cwd);
  }
  return result;
}
function processPatterns(options, patterns, props) {
  const matchPatterns = [];
  const ignorePatterns = [];
  for (const pattern of options.ignore) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") ignorePatterns.push(normalizePattern(pattern, options, props, true));
  }
  for (const pattern of patterns) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") matchPatterns.push(normalizePattern(pattern, options, props, false));
    else if (pattern[1] !== "!" || pattern[2] === "(") ignorePatterns.push(normalizePattern(pattern.slice(1), options, props, true));
  }
  return {
    match: matchPatterns,
    ignore: ignorePatterns
  };
}
function buildCrawler(options, patterns) {
  const cwd = options.cwd;
  const props = {
    root: cwd,
    depthOffset: 0
  };
  const processed = processPatterns(options, patterns, props);
  if (options.debug) log("internal processing patterns:", processed);
  const { absolute, caseSensitiveMatch, debug, dot, followSymbolicLinks, onlyDirectories } = options;
  const root = props.root.replace(BACKSLASHES, "");
  const matchOptions = {
    dot,
    nobrace: options.braceExpansion === false,
    nocase: !caseSensitiveMatch,
    noextglob: options.extglob === false,
    noglobstar: options.globstar === false,
    posix: true
  };
  const matcher = (0, import_picomatch.default)(processed.match, matchOptions);
  const ignore = (0, import_picomatch.default)(processed.ignore, matchOptions);
  const partialMatcher = getPartialMatcher(processed.match, matchOptions);
  const format = buildFormat(cwd, root, absolute);
  const excludeFormatter = absolute ? format : buildFormat(cwd, root, true);
  const excludePredicate = (_, p) => {
    const relativePath = excludeFormatter(p, true);
    return relativePath !== "." && !partialMatcher(relativePath) || ignore(relativePath);
  };
  let maxDepth;
  if (options.deep !== void 0) maxDepth = Math.round(options.deep - props.depthOffset);
  const crawler = new Builder({
    filters: [debug ? (p, isDirectory2) => {
      const path = format(p, isDirectory2);
      const matches = matcher(path) && !ignore(path);
      if (matches) log(`matched ${path}`);
      return matches;
    } : (p, isDirectory2) => {
      const path = format(p, isDirectory2);
      return matcher(path) && !ignore(path);
    }],
    exclude: debug ? (_, p) => {
      const skipped = excludePredicate(_, p);
      log(`${skipped ? "skipped" : "crawling"} ${p}`);
      return skipped;
    } : excludePredicate,
    fs: options.fs,
    pathSeparator: "/",
    relativePaths: !absolute,
    resolvePaths: absolute,
    includeBasePath: absolute,
    resolveSymlinks: followSymbolicLinks,
    excludeSymlinks: !followSymbolicLinks,
    excludeFiles: onlyDirectories,
    includeDirs: onlyDirectories || !options.onlyFiles,
    maxDepth,
    signal: options.signal
  }).crawl(root);
  if (options.debug) log("internal properties:", {
    ...props,
    root
  });
  return [crawler, cwd !== root && !absolute && buildRelative(cwd, root)];
}
function formatPaths(paths, mapper) {
  if (mapper) for (let i = paths.length - 1; i >= 0; i--) paths[i] = mapper(paths[i]);
  return paths;
}
function getOptions(options) {
  const opts = Object.assign({}, options);
  for (const key in defaultOptions) if (opts[key] === void 0) Object.assign(opts, { [key]: defaultOptions[key] });
  opts.cwd = (opts.cwd instanceof URL ? fileURLToPath(opts.cwd) : resolve3(opts.cwd || process.cwd())).replace(BACKSLASHES, "/");
  opts.ignore = ensureStringArray(opts.ignore);
  opts.fs && (opts.fs = {
    readdir: opts.fs.readdir || readdir,
    readdirSync: opts.fs.readdirSync || readdirSync,
    realpath: opts.fs.realpath || realpath2,
    realpathSync: opts.fs.realpathSync || realpathSync,
    stat: opts.fs.stat || stat,
    statSync: opts.fs.statSync || statSync
  });
  if (opts.debug) log("globbing with options:", opts);
  return opts;
}
function getCrawler(globInput, inputOptions = {}) {
  var _ref;
  if (globInput && (inputOptions === null || inputOptions === void 0 ? void 0 : inputOptions.patterns)) throw new Error("Cannot pass patterns as both an argument and an option");
  const isModern = isReadonlyArray(globInput) || typeof globInput === "string";
  const patterns = ensureStringArray((_ref = isModern ? globInput : globInput.patterns) !== null && _ref !== void 0 ? _ref : "**/*");
  const options = getOptions(isModern ? inputOptions : globInput);
  return patterns.length > 0 ? buildCrawler(options, patterns) : [];
}
async function glob(globInput, options) {
  const [crawler, relative6] = getCrawler(globInput, options);
  return crawler ? formatPaths(await crawler.withPromise(), relative6) : [];
}
var import_picomatch, isReadonlyArray, BACKSLASHES, DRIVE_RELATIVE_PATH, isWin, ONLY_PARENT_DIRECTORIES, WIN32_ROOT_DIR, isRoot, splitPatternOptions, POSIX_UNESCAPED_GLOB_SYMBOLS, WIN32_UNESCAPED_GLOB_SYMBOLS, escapePosixPath, escapeWin32Path, escapePath, PARENT_DIRECTORY, ESCAPING_BACKSLASHES, defaultOptions;
var init_dist2 = __esm({
  "node_modules/tinyglobby/dist/index.mjs"() {
    init_dist();
    import_picomatch = __toESM(require_picomatch2(), 1);
    isReadonlyArray = Array.isArray;
    BACKSLASHES = /\\/g;
    DRIVE_RELATIVE_PATH = /^[A-Za-z]:$/;
    isWin = process.platform === "win32";
    ONLY_PARENT_DIRECTORIES = /^(\/?\.\.)+$/;
    WIN32_ROOT_DIR = /^[A-Z]:\/$/i;
    isRoot = isWin ? (p) => WIN32_ROOT_DIR.test(p) : (p) => p === "/";
    splitPatternOptions = { parts: true };
    POSIX_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}*?|]|^!|[!+@](?=\()|\\(?![()[\]{}!*+?@|]))/g;
    WIN32_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}]|^!|[!+@](?=\())/g;
    escapePosixPath = (path) => path.replace(POSIX_UNESCAPED_GLOB_SYMBOLS, "\\$&");
    escapeWin32Path = (path) => path.replace(WIN32_UNESCAPED_GLOB_SYMBOLS, "\\$&");
    escapePath = isWin ? escapeWin32Path : escapePosixPath;
    PARENT_DIRECTORY = /^(\/?\.\.)+/;
    ESCAPING_BACKSLASHES = /\\(?=[()[\]{}!*+?@|])/g;
    defaultOptions = {
      caseSensitiveMatch: true,
      debug: !!process.env.TINYGLOBBY_DEBUG,
      expandDirectories: true,
      followSymbolicLinks: true,
      onlyFiles: true
    };
  }
});

// src/adapter/walk.ts
import { readdir as readdir2, stat as stat2 } from "node:fs/promises";
import { join as join2 } from "node:path";
async function walkFolder(dir, root, skip) {
  const out = [];
  const visit = async (folder, depth) => {
    if (depth > MAX_DEPTH) return;
    let entries;
    try {
      entries = await readdir2(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const path = join2(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !skip(path, true)) await visit(path, depth + 1);
      } else if (entry.isSymbolicLink()) {
        const linksFolder = await isDirectory(path);
        if (skip(path, linksFolder)) continue;
        const resolved = await resolveInsideRoot(root, path);
        if (!resolved.ok) out.push({ path, refusal: { kind: resolved.kind, reason: resolved.reason } });
        else if (!linksFolder) out.push({ path, refusal: null });
      } else if (entry.isFile()) {
        if (!skip(path, false)) out.push({ path, refusal: null });
      }
    }
  };
  await visit(dir, 0);
  return out;
}
async function isDirectory(path) {
  try {
    return (await stat2(path)).isDirectory();
  } catch {
    return false;
  }
}
var SKIPPED_FOLDERS, MAX_DEPTH;
var init_walk = __esm({
  "src/adapter/walk.ts"() {
    "use strict";
    init_safetensors();
    SKIPPED_FOLDERS = /* @__PURE__ */ new Set([".git", "node_modules"]);
    MAX_DEPTH = 64;
  }
});

// src/adapter/discover.ts
import { lstat, readdir as readdir3, realpath as realpath3, stat as stat3 } from "node:fs/promises";
import { basename as basename3, dirname as dirname3, join as join3, relative as relative3, resolve as resolve4, sep as sep3 } from "node:path";
function toRelative(cwd, abs) {
  const rel = relative3(cwd, abs);
  return (rel === "" ? "." : rel).split(sep3).join("/");
}
function kindOf(path) {
  const name = basename3(path);
  if (name === CONFIG_NAME) return "config";
  if (name.endsWith(".safetensors.index.json")) return "index";
  if (name.endsWith(".safetensors")) return "safetensors";
  if (PICKLE_EXTENSIONS.some((ext) => name.endsWith(ext))) return "pickle";
  return null;
}
function isWalkCandidate(path) {
  const kind = kindOf(path);
  return kind !== null && !(kind === "pickle" && NOT_ADAPTER_PICKLES.test(basename3(path)));
}
async function discoverAdapters(options) {
  const cwd = resolve4(options.cwd);
  const notices = [];
  const excluded = options.exclude?.length ? (0, import_picomatch2.default)([...options.exclude], { dot: true }) : () => false;
  const isExcluded2 = (abs) => {
    const rel = toRelative(cwd, abs);
    return excluded(rel) || excluded(`${rel}/`);
  };
  const rootFor = (abs, isDir) => isInside(cwd, abs) ? cwd : isDir ? abs : dirname3(abs);
  const found = /* @__PURE__ */ new Map();
  const add = async (path, root, known) => {
    if (found.has(path) || isExcluded2(path)) return;
    let refusal = known ?? null;
    if (known === void 0) {
      const resolved = await resolveInsideRoot(root, relative3(root, path) || ".");
      if (!resolved.ok) refusal = { kind: resolved.kind, reason: resolved.reason };
    }
    found.set(path, { path, root, refusal });
  };
  const walk = async (dir) => {
    const root = rootFor(dir, true);
    const entries = await walkFolder(
      dir,
      root,
      (p, isDir) => isExcluded2(p) || !isDir && !isWalkCandidate(p)
    );
    for (const entry of entries) await add(entry.path, root, entry.refusal);
  };
  const inputs = options.paths.length > 0 ? options.paths : ["."];
  for (const input of inputs) {
    const abs = resolve4(cwd, input);
    const info = await lstat(abs).catch(() => null);
    if (info) {
      const isDir = info.isDirectory() || info.isSymbolicLink() && (await stat3(abs).catch(() => null))?.isDirectory();
      if (isDir) await walk(abs);
      else if (kindOf(abs) !== null) await add(abs, rootFor(abs, false));
      else notices.push(`${input}: not an adapter file (${CANDIDATE_NAMES}), skipped`);
      continue;
    }
    if (!import_picomatch2.default.scan(input).isGlob) {
      throw new LintInputError(`${input}: no such file or folder`);
    }
    const matches = await glob([input], {
      cwd,
      absolute: true,
      dot: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      ignore: [...SKIPPED_FOLDERS].map((f) => `**/${f}/**`)
    });
    if (matches.length === 0) throw new LintInputError(`${input}: no files match this pattern`);
    for (const match of matches.sort()) {
      const path = match.endsWith("/") ? match.slice(0, -1) : match;
      const isDir = (await stat3(path).catch(() => null))?.isDirectory() ?? false;
      if (isDir) await walk(path);
      else if (isWalkCandidate(path)) await add(path, rootFor(path, false));
    }
  }
  for (const file of [...found.values()]) {
    const name = basename3(file.path);
    const dir = dirname3(file.path);
    if (name === CONFIG_NAME) {
      const siblings = await readdir3(dir).catch(() => []);
      for (const sibling of siblings.sort()) {
        const path = join3(dir, sibling);
        if (isWalkCandidate(path)) await add(path, file.root);
      }
    } else if (PEFT_WEIGHTS.includes(name) || name === PEFT_INDEX) {
      const config = join3(dir, CONFIG_NAME);
      if (await lstat(config).catch(() => null)) await add(config, file.root);
    }
  }
  return { plans: await groupIntoAdapters(cwd, [...found.values()]), notices };
}
async function groupIntoAdapters(cwd, files) {
  const byFolder = /* @__PURE__ */ new Map();
  for (const file of files) {
    const dir = dirname3(file.path);
    byFolder.set(dir, [...byFolder.get(dir) ?? [], file]);
  }
  const plans = [];
  for (const [dir, group] of byFolder) {
    const named = (name) => group.find((f) => basename3(f.path) === name);
    const config = named(CONFIG_NAME) ?? null;
    const claimed = /* @__PURE__ */ new Set();
    if (config) claimed.add(config);
    const indexes = /* @__PURE__ */ new Map();
    for (const file of group.filter((f) => kindOf(f.path) === "index")) {
      const parsed = file.refusal ? null : await readShardIndex(file.path, file.root);
      indexes.set(file, parsed);
      for (const shard of parsed?.shards ?? []) {
        const owned = group.find((f) => basename3(f.path) === shard.name);
        if (owned) claimed.add(owned);
      }
    }
    const shardsOf = (index) => (indexes.get(index)?.shards ?? []).flatMap((s) => {
      const file = group.find((f) => basename3(f.path) === s.name);
      return file ? [file] : [];
    });
    if (config) {
      const main2 = named(PEFT_WEIGHTS[0]) ?? null;
      const mainIndex = main2 ? null : named(PEFT_INDEX) ?? null;
      const mainBin = main2 || mainIndex ? null : named(PEFT_WEIGHTS[1]) ?? null;
      let weights;
      let index = null;
      let misnamed = false;
      if (main2 || mainBin) {
        weights = [main2 ?? mainBin];
      } else if (mainIndex) {
        index = { file: mainIndex, parsed: indexes.get(mainIndex) ?? null };
        weights = shardsOf(mainIndex);
        claimed.add(mainIndex);
      } else {
        misnamed = true;
        weights = group.filter(
          (f) => !claimed.has(f) && (kindOf(f.path) === "safetensors" || kindOf(f.path) === "pickle")
        );
      }
      for (const w of weights) claimed.add(w);
      plans.push(makePlan(cwd, toRelative(cwd, dir), config.root, config, weights, index, misnamed));
    }
    for (const [file, parsed] of indexes) {
      if (claimed.has(file)) continue;
      claimed.add(file);
      plans.push(
        makePlan(cwd, toRelative(cwd, file.path), file.root, null, shardsOf(file), { file, parsed }, false)
      );
    }
    for (const file of group) {
      if (claimed.has(file)) continue;
      plans.push(makePlan(cwd, toRelative(cwd, file.path), file.root, null, [file], null, false));
    }
  }
  plans.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return foldSymlinkTargets(plans);
}
async function foldSymlinkTargets(plans) {
  if (!plans.some((plan) => !plan.config && !plan.index)) return plans;
  const real = async (file) => file.refusal ? null : await realpath3(file.path).catch(() => null);
  const linkedBy = /* @__PURE__ */ new Map();
  for (const plan of plans) {
    if (!plan.config && !plan.index) continue;
    for (const weights of plan.weights) {
      const target = await real(weights);
      if (target) linkedBy.set(target, [...linkedBy.get(target) ?? [], plan]);
    }
  }
  const targets = /* @__PURE__ */ new Map();
  const kept = [];
  for (const plan of plans) {
    const only = !plan.config && !plan.index && plan.weights.length === 1 ? plan.weights[0] : null;
    const owners = only ? linkedBy.get(await real(only) ?? "") : void 0;
    if (!owners || owners.includes(plan)) {
      kept.push(plan);
      continue;
    }
    for (const owner of owners) targets.set(owner, [...targets.get(owner) ?? [], ...plan.owns]);
  }
  return kept.map((plan) => {
    const extra = targets.get(plan);
    return extra ? { ...plan, owns: [...plan.owns, ...extra] } : plan;
  });
}
function makePlan(cwd, path, root, config, weights, index, misnamed) {
  const owns = [config, index?.file, ...weights].filter((f) => f !== null && f !== void 0).map((f) => toRelative(cwd, f.path));
  return { path, root, config, weights, index, misnamed, owns };
}
var import_picomatch2, PEFT_WEIGHTS, PEFT_INDEX, PICKLE_EXTENSIONS, NOT_ADAPTER_PICKLES, LintInputError, CANDIDATE_NAMES;
var init_discover = __esm({
  "src/adapter/discover.ts"() {
    "use strict";
    import_picomatch2 = __toESM(require_picomatch2(), 1);
    init_dist2();
    init_safetensors();
    init_config();
    init_walk();
    PEFT_WEIGHTS = ["adapter_model.safetensors", "adapter_model.bin"];
    PEFT_INDEX = "adapter_model.safetensors.index.json";
    PICKLE_EXTENSIONS = [".bin", ".pt", ".pth", ".ckpt"];
    NOT_ADAPTER_PICKLES = /^(training_args\.bin|optimizer\.(pt|bin)|scheduler\.pt|scaler\.pt|rng_state.*\.pth|pytorch_model.*\.bin|mp_rank_\d+_model_states\.pt|(bf16_)?zero_pp_rank_\d+_mp_rank_\d+_optim_states\.pt)$/;
    LintInputError = class extends Error {
      name = "LintInputError";
    };
    CANDIDATE_NAMES = `${CONFIG_NAME}, *.safetensors, *.safetensors.index.json, *.bin, *.pt, *.pth, *.ckpt`;
  }
});

// src/inline-code.ts
function inlineCode(text) {
  let longest = 0;
  for (const run2 of text.match(/`+/g) ?? []) longest = Math.max(longest, run2.length);
  const fence = "`".repeat(longest + 1);
  const spacedEnds = text.length >= 2 && text.startsWith(" ") && text.endsWith(" ") && /[^ ]/.test(text);
  const pad = text.startsWith("`") || text.endsWith("`") || spacedEnds ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
var init_inline_code = __esm({
  "src/inline-code.ts"() {
    "use strict";
  }
});

// src/adapter/peft-key.ts
function isLoraPart(segment) {
  return LORA_PART_SET.has(segment);
}
function parsePeftKey(key) {
  let segs = key.split(".");
  const wrappers = [];
  const adapterNames = [];
  if (segs[0] === "module" && segs[1] === "base_model") {
    wrappers.push("module");
    segs = segs.slice(1);
  }
  let prefixCount = 0;
  for (; ; ) {
    while (segs.length > 0 && ANYWHERE_WRAPPERS.has(segs[0])) {
      wrappers.push(segs[0]);
      segs = segs.slice(1);
    }
    if (segs[0] === "base_model" && segs[1] === "model" && segs.length > 2) {
      prefixCount++;
      segs = segs.slice(2);
      continue;
    }
    break;
  }
  const kept = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (ANYWHERE_WRAPPERS.has(seg)) {
      wrappers.push(seg);
    } else if (seg === "modules_to_save" && i + 2 < segs.length) {
      wrappers.push("modules_to_save");
      adapterNames.push(segs[i + 1]);
      i++;
    } else if (seg === "original_module" && i + 1 < segs.length) {
      wrappers.push("original_module");
    } else {
      kept.push(seg);
    }
  }
  let partIndex = -1;
  for (let i = kept.length - 1; i >= 1; i--) {
    if (LORA_PART_SET.has(kept[i])) {
      partIndex = i;
      break;
    }
  }
  if (partIndex >= 0) {
    const part = kept[partIndex];
    const modulePath = [];
    for (const seg of kept.slice(0, partIndex)) {
      if (seg === "base_layer") wrappers.push("base_layer");
      else modulePath.push(seg);
    }
    const tail = kept.slice(partIndex + 1);
    let suffix = "";
    const last = tail[tail.length - 1];
    const takesWeight = part === "lora_A" || part === "lora_B" || part === "lora_E" || part === "lora_magnitude_vector";
    if (last === "weight" && takesWeight) suffix = "weight";
    else if (last === "bias" && part === "lora_B") suffix = "bias";
    const names = suffix ? tail.slice(0, -1) : tail;
    adapterNames.push(...names);
    return { key, prefixCount, wrappers, module: modulePath.join("."), part, adapterNames, suffix };
  }
  const baseLayer = kept.indexOf("base_layer");
  if (baseLayer > 0) {
    wrappers.push("base_layer");
    return {
      key,
      prefixCount,
      wrappers,
      module: kept.slice(0, baseLayer).join("."),
      part: null,
      adapterNames,
      suffix: kept.slice(baseLayer).join(".")
    };
  }
  const tokens = kept.indexOf(TRAINABLE_TOKENS[0]);
  if (tokens > 0 && kept[tokens + 1] === TRAINABLE_TOKENS[1]) {
    adapterNames.push(...kept.slice(tokens + 2));
    return {
      key,
      prefixCount,
      wrappers,
      module: kept.slice(0, tokens).join("."),
      part: null,
      adapterNames,
      suffix: TRAINABLE_TOKENS.join(".")
    };
  }
  return {
    key,
    prefixCount,
    wrappers,
    module: kept.slice(0, -1).join("."),
    part: null,
    adapterNames,
    suffix: kept[kept.length - 1] ?? ""
  };
}
var PEFT_PREFIX, LORA_PARTS, ANYWHERE_WRAPPERS, LORA_PART_SET, TRAINABLE_TOKENS;
var init_peft_key = __esm({
  "src/adapter/peft-key.ts"() {
    "use strict";
    PEFT_PREFIX = "base_model.model.";
    LORA_PARTS = [
      "lora_A",
      "lora_B",
      "lora_embedding_A",
      "lora_embedding_B",
      "lora_magnitude_vector",
      "lora_E"
    ];
    ANYWHERE_WRAPPERS = /* @__PURE__ */ new Set([
      "_orig_mod",
      "_fsdp_wrapped_module",
      "_checkpoint_wrapped_module"
    ]);
    LORA_PART_SET = new Set(LORA_PARTS);
    TRAINABLE_TOKENS = ["token_adapter", "trainable_tokens_delta"];
  }
});

// src/adapter/diffusers-key.ts
function isDiffusersOnlyKey(key) {
  return PROCESSOR_KEY.test(key) || NEW_KEY.test(key) || DOTTED_KOHYA_KEY.test(key);
}
function hasComponentPrefix(key) {
  const dot = key.indexOf(".");
  return dot > 0 && COMPONENT_SET.has(key.slice(0, dot));
}
function parseDiffusersKey(key) {
  let component;
  let rest = key;
  const dot = key.indexOf(".");
  if (dot > 0 && COMPONENT_SET.has(key.slice(0, dot))) {
    component = key.slice(0, dot);
    rest = key.slice(dot + 1);
  }
  const base = { key, ...component ? { component } : {} };
  const processor = PROCESSOR_KEY.exec(rest);
  if (processor) {
    const [, parent, name, stream, part] = processor;
    const child = name === "to_out" ? "to_out.0" : name;
    const module = !stream ? `${parent}.${child}` : XLABS_STREAMS[stream] ? `${parent}.${XLABS_STREAMS[stream]}.${child}` : `${parent}.${child}_lora${stream}`;
    return {
      ...base,
      module,
      part,
      embedding: false,
      family: "processor"
    };
  }
  const modern = NEW_KEY.exec(rest);
  if (modern)
    return { ...base, module: modern[1], part: modern[2], embedding: false, family: "new" };
  const dotted = DOTTED_KOHYA_KEY.exec(rest);
  if (dotted)
    return { ...base, module: dotted[1], part: dotted[2], embedding: false, family: "new" };
  const alpha = ALPHA_KEY.exec(rest);
  if (alpha) return { ...base, module: alpha[1], part: "alpha", embedding: false, family: null };
  const peft = parsePeftKey(rest);
  if (peft.part !== null) {
    const part = peft.part === "lora_A" || peft.part === "lora_embedding_A" ? "down" : peft.part === "lora_B" || peft.part === "lora_embedding_B" ? peft.suffix === "bias" ? "upBias" : "up" : peft.part === "lora_magnitude_vector" ? "magnitude" : null;
    return {
      ...base,
      module: peft.module,
      part,
      embedding: peft.part === "lora_embedding_A" || peft.part === "lora_embedding_B",
      family: "peft"
    };
  }
  return { ...base, module: rest, part: null, embedding: false, family: null };
}
var DIFFUSERS_COMPONENTS, COMPONENT_SET, PROCESSOR_KEY, XLABS_STREAMS, NEW_KEY, DOTTED_KOHYA_KEY, ALPHA_KEY;
var init_diffusers_key = __esm({
  "src/adapter/diffusers-key.ts"() {
    "use strict";
    init_peft_key();
    DIFFUSERS_COMPONENTS = [
      "unet",
      "transformer",
      "text_encoder",
      "text_encoder_2",
      "text_encoder_3",
      "prior",
      "decoder",
      "controlnet"
    ];
    COMPONENT_SET = new Set(DIFFUSERS_COMPONENTS);
    PROCESSOR_KEY = /^(.*?)\.(?:processor\.)?(\w+?)_lora(\d*)\.(down|up)\.weight$/;
    XLABS_STREAMS = { "1": "img_attn", "2": "txt_attn" };
    NEW_KEY = /^(.*)\.lora(?:_linear_layer)?\.(down|up)\.weight$/;
    DOTTED_KOHYA_KEY = /^(.*\..*)\.lora_(down|up)\.weight$/;
    ALPHA_KEY = /^(.*)\.alpha$/;
  }
});

// src/adapter/kohya-key.ts
function parseKohyaKey(key) {
  const dot = key.indexOf(".");
  const module = dot < 0 ? key : key.slice(0, dot);
  const rest = dot < 0 ? "" : key.slice(dot + 1);
  if (DOUBLED_COMPONENT.test(module)) {
    return {
      key,
      module,
      part: PARTS[rest] ?? null,
      malformed: `the component is doubled (${/^lora_[a-z]+\d*_(?:lora_)?[a-z]+\d*_/.exec(module)?.[0] ?? module})`
    };
  }
  const underscored = UNDERSCORE_PART.exec(module);
  if (underscored && (rest === "weight" || rest === "")) {
    return {
      key,
      module,
      part: null,
      malformed: `${inlineCode(`_${underscored[1]}`)} is written where ${inlineCode(`.${underscored[1]}`)} belongs`
    };
  }
  if (module.endsWith("_alpha") && rest === "") {
    return { key, module, part: null, malformed: "`_alpha` is written where `.alpha` belongs" };
  }
  return { key, module, part: PARTS[rest] ?? null, malformed: null };
}
var KOHYA_PREFIX, DOUBLED_COMPONENT, UNDERSCORE_PART, PARTS;
var init_kohya_key = __esm({
  "src/adapter/kohya-key.ts"() {
    "use strict";
    init_inline_code();
    KOHYA_PREFIX = /^lora_(?:unet|te\d*|transformer|prior_unet|prior_te\d*)_/;
    DOUBLED_COMPONENT = /^lora_(?:unet_unet_|unet_lora_unet_|te\d*_te\d*_|te\d*_lora_te\d*_|transformer_transformer_(?!blocks_)|transformer_lora_transformer_)/;
    UNDERSCORE_PART = /_(lora_down|lora_up|lora_mid)$/;
    PARTS = {
      "lora_down.weight": "lora_down",
      "lora_up.weight": "lora_up",
      "lora_mid.weight": "lora_mid",
      alpha: "alpha",
      dora_scale: "dora_scale"
    };
  }
});

// src/adapter/layout.ts
function detectLayout(names, hasConfig) {
  if (names.length === 0) {
    return hasConfig ? { layout: "peft", note: "the weights file holds no tensors" } : { layout: "unrecognized", note: "the file holds no tensors" };
  }
  let prefixed = 0;
  let loraParts = 0;
  let kohya = 0;
  let diffusersOnly = 0;
  let componentLora = 0;
  for (const name of names) {
    const parsed = parsePeftKey(name);
    if (parsed.prefixCount > 0) prefixed++;
    if (parsed.part !== null) {
      loraParts++;
      if (hasComponentPrefix(name)) componentLora++;
    }
    if (KOHYA_PREFIX.test(name)) kohya++;
    if (isDiffusersOnlyKey(name)) diffusersOnly++;
  }
  const total = names.length;
  if (prefixed > 0)
    return { layout: "peft", note: `${prefixed} of ${total} keys in PEFT form (base_model.model.)` };
  if (kohya > 0 && kohya >= diffusersOnly) {
    return { layout: "kohya", note: `${kohya} of ${total} keys in kohya form (lora_unet_/lora_te_)` };
  }
  if (diffusersOnly > 0 || componentLora > 0) {
    return {
      layout: "diffusers",
      note: `${diffusersOnly + componentLora} of ${total} keys in diffusers form`
    };
  }
  if (loraParts > 0) {
    return hasConfig ? {
      layout: "peft",
      note: `${loraParts} of ${total} keys with PEFT LoRA parts but no base_model.model. prefix`
    } : {
      layout: "diffusers",
      note: `${loraParts} of ${total} keys with PEFT-style LoRA parts and no prefix`
    };
  }
  const examples2 = names.slice(0, 3).map(inlineCode).join(", ");
  if (names.some((n) => LOWER_CASE_FACTORS.test(n))) {
    return {
      layout: "unrecognized",
      note: `${total} ${total === 1 ? "tensor" : "tensors"} with lower-case lora_a/lora_b names (MLX-LM or torchtune style, e.g. ${examples2})`
    };
  }
  return {
    layout: "unrecognized",
    note: `${total} ${total === 1 ? "tensor, not" : "tensors, none"} in a LoRA key form adapter-lint knows (PEFT lora_A/lora_B, kohya lora_unet_…/lora_te_… with lora_down/lora_up, diffusers lora.down/lora.up or a dotted module path with lora_down/lora_up), e.g. ${examples2}`
  };
}
var LOWER_CASE_FACTORS;
var init_layout = __esm({
  "src/adapter/layout.ts"() {
    "use strict";
    init_inline_code();
    init_diffusers_key();
    init_kohya_key();
    init_peft_key();
    LOWER_CASE_FACTORS = /\.lora_[ab](?:\.weight)?$/;
  }
});

// src/adapter/tensor-info.ts
function tensorInfo(ref) {
  return ref.file.header?.tensors.get(ref.name) ?? null;
}
var init_tensor_info = __esm({
  "src/adapter/tensor-info.ts"() {
    "use strict";
  }
});

// src/adapter/modules.ts
function buildModules(layout2, tensors, alphaValues) {
  const drafts = /* @__PURE__ */ new Map();
  const place = (id, name, slot, ref, extra = {}) => {
    let draft = drafts.get(id);
    if (!draft) {
      draft = { name, embedding: false, ...extra };
      drafts.set(id, draft);
    }
    if (extra.embedding) draft.embedding = true;
    if (draft[slot] === void 0) draft[slot] = ref;
  };
  for (const ref of tensors.values()) {
    if (layout2 === "peft") {
      const key = parsePeftKey(ref.name);
      if (key.part === null) continue;
      const embedding = key.part === "lora_embedding_A" || key.part === "lora_embedding_B";
      const slot = key.part === "lora_A" || key.part === "lora_embedding_A" ? "down" : key.part === "lora_magnitude_vector" ? "magnitude" : key.part === "lora_E" ? "singularValues" : key.suffix === "bias" ? "upBias" : "up";
      place(key.module, key.module, slot, ref, { embedding });
    } else if (layout2 === "kohya") {
      const key = parseKohyaKey(ref.name);
      if (key.malformed !== null || key.part === null || key.part === "lora_mid") continue;
      const slot = key.part === "lora_down" ? "down" : key.part === "lora_up" ? "up" : key.part === "alpha" ? "alphaTensor" : "magnitude";
      place(key.module, key.module, slot, ref);
    } else if (layout2 === "diffusers") {
      const key = parseDiffusersKey(ref.name);
      if (key.part === null) continue;
      const slot = key.part === "alpha" ? "alphaTensor" : key.part;
      const id = `${key.component ?? ""}\0${key.module}`;
      place(id, key.module, slot, ref, {
        embedding: key.embedding,
        ...key.component ? { component: key.component } : {}
      });
    }
  }
  const modules = [];
  for (const draft of drafts.values()) {
    if (!draft.down && !draft.up && !draft.magnitude && !draft.singularValues) continue;
    const downDims = draft.down ? tensorInfo(draft.down)?.dims : void 0;
    const upDims = draft.up ? tensorInfo(draft.up)?.dims : void 0;
    const alphaValue = draft.alphaTensor ? alphaValues.get(draft.alphaTensor.name) : void 0;
    modules.push({
      name: draft.name,
      kind: moduleKind(draft.embedding, downDims ?? upDims),
      ...draft.down ? { down: draft.down } : {},
      ...draft.up ? { up: draft.up } : {},
      ...draft.magnitude ? { magnitude: draft.magnitude } : {},
      ...draft.singularValues ? { singularValues: draft.singularValues } : {},
      ...draft.upBias ? { upBias: draft.upBias } : {},
      ...draft.alphaTensor ? { alphaTensor: draft.alphaTensor } : {},
      ...downDims && downDims.length > 0 ? { rank: downDims[0] } : {},
      ...alphaValue !== void 0 ? { alphaValue } : {},
      ...draft.component ? { component: draft.component } : {}
    });
  }
  modules.sort((a, b) => compareText(`${a.component ?? ""}.${a.name}`, `${b.component ?? ""}.${b.name}`));
  return modules;
}
function moduleKind(embedding, dims) {
  if (embedding) return "embedding";
  if (!dims) return "unknown";
  if (dims.length === 2) return "linear";
  if (dims.length >= 3 && dims.length <= 5) return "conv";
  return "unknown";
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var init_modules = __esm({
  "src/adapter/modules.ts"() {
    "use strict";
    init_diffusers_key();
    init_kohya_key();
    init_peft_key();
    init_tensor_info();
  }
});

// src/adapter/load.ts
import { open as open3, readlink } from "node:fs/promises";
import { dirname as dirname4, join as join4, relative as relative4, resolve as resolve5 } from "node:path";
async function loadAdapter(cwd, plan) {
  const problems = [];
  let filesRead = 0;
  const rel = (path) => toRelative(cwd, path);
  const refuse = async (file) => {
    if (file.refusal === null) return false;
    problems.push(await refusalProblem(cwd, file.path, file.refusal));
    return true;
  };
  let config = null;
  let configErrors = [];
  let notLora = false;
  let foreign = null;
  if (plan.config && !await refuse(plan.config)) {
    filesRead++;
    const text = await readConfigText(plan.config.path);
    if (typeof text === "string") {
      foreign = foreignConfig(text);
      notLora = foreign !== null;
      const parsed = notLora ? { config: null, errors: foreign?.configError ?? [] } : parseAdapterConfig(text);
      config = parsed.config;
      configErrors = [...parsed.errors];
    } else configErrors = [text.error];
  }
  const weights = [];
  const alphaValues = /* @__PURE__ */ new Map();
  if (plan.index) {
    if (!await refuse(plan.index.file)) {
      filesRead++;
      const parsed = plan.index.parsed;
      if (parsed) {
        problems.push(
          ...await shardIndexProblems(cwd, rel(plan.index.file.path), plan.index.file.root, parsed)
        );
        for (const shard of parsed.shards) {
          if (shard.path === null) continue;
          filesRead++;
          const file = `${rel(plan.index.file.path).replace(/[^/]*$/, "")}${shard.name}`;
          weights.push({ file, absPath: shard.path, kind: { kind: "safetensors" }, header: shard.header });
          if (shard.header) await readAlphas(shard.path, shard.header, alphaValues, problems, file);
        }
      }
    }
  } else {
    for (const candidate of plan.weights) {
      if (await refuse(candidate)) continue;
      filesRead++;
      weights.push(await loadWeightsFile(rel(candidate.path), candidate.path, problems, alphaValues));
    }
  }
  const tensors = /* @__PURE__ */ new Map();
  for (const file of weights) {
    for (const name of file.header?.tensors.keys() ?? []) {
      if (!tensors.has(name)) tensors.set(name, { name, file });
    }
  }
  const readable = weights.some((w) => w.header !== null);
  const detected = readable ? detectLayout([...tensors.keys()], plan.config !== null && !notLora) : {
    layout: "none",
    note: weights.length === 0 ? "no weights file" : "no readable weights file"
  };
  const guess = foreign !== null && readable ? { layout: "unrecognized", note: `${foreign.what}: ${detected.note}` } : detected;
  const modules = buildModules(guess.layout, tensors, alphaValues);
  const embeddedConfig = guess.layout === "diffusers" ? readEmbeddedConfig(weights) : void 0;
  const adapter = {
    path: plan.path,
    layout: guess.layout,
    layoutNote: guess.note,
    configFile: plan.config ? rel(plan.config.path) : null,
    config,
    configErrors,
    ...embeddedConfig ? { embeddedConfig } : {},
    weights,
    fileProblems: problems,
    tensors,
    modules,
    stats: /* @__PURE__ */ new Map(),
    products: /* @__PURE__ */ new Map(),
    ...plan.misnamed && !notLora ? { misnamedWeights: plan.weights.map((w) => rel(w.path)) } : {}
  };
  return { adapter, filesRead };
}
function foreignConfig(text) {
  let raw;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 65279 ? text.slice(1) : text);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const type = raw.peft_type;
  if (type === void 0 && Object.hasOwn(raw, "lora_parameters")) {
    return { what: "an MLX-LM adapter (adapter_config.json with lora_parameters, not PEFT)" };
  }
  if (typeof type === "string" && OTHER_PEFT_TYPES.has(type)) {
    return {
      what: `a PEFT ${type} adapter, not LoRA, so LoRA key checks were skipped`,
      configError: [
        `peft_type is "${type}", not a LoRA type (LORA or ADALORA): adapter-lint checks LoRA adapters`
      ]
    };
  }
  return null;
}
async function readConfigText(path) {
  try {
    const fh = await open3(path, "r");
    try {
      const { size } = await fh.stat();
      if (size > MAX_CONFIG_BYTES)
        return { error: `the file is ${size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit` };
      const text = (await fh.readFile()).toString("utf8");
      if (text.startsWith("version https://git-lfs.github.com/spec/v1")) {
        return {
          error: "the file is a Git LFS pointer, not the config (fetch LFS objects, e.g. lfs: true on actions/checkout)"
        };
      }
      return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
    } finally {
      await fh.close();
    }
  } catch (error) {
    return { error: `cannot be read: ${error.code ?? String(error)}` };
  }
}
async function loadWeightsFile(file, absPath, problems, alphaValues) {
  let kind;
  try {
    kind = await sniffFile(absPath);
  } catch (error) {
    problems.push({ kind: "unreadable", file, message: errorText(error) });
    return { file, absPath, kind: { kind: "unknown" }, header: null };
  }
  const result = (header) => ({ file, absPath, kind, header });
  switch (kind.kind) {
    case "lfs-pointer":
      problems.push({
        kind: "lfs-pointer",
        file,
        ...kind.oid !== void 0 ? { oid: kind.oid } : {},
        ...kind.size !== void 0 ? { size: kind.size } : {}
      });
      return result(null);
    case "pickle":
      problems.push({ kind: "pickle", file, reason: `pickle data (protocol ${kind.protocol})` });
      return result(null);
    case "zip":
      problems.push({
        kind: "pickle",
        file,
        reason: "a zip archive (the PyTorch torch.save format, pickle inside)"
      });
      return result(null);
    default:
      break;
  }
  if (kind.kind === "empty" || kind.kind === "too-small") {
    const size = kind.kind === "empty" ? 0 : kind.size;
    problems.push({
      kind: "invalid-safetensors",
      file,
      code: "HeaderTooSmall",
      message: `not a safetensors file: ${size} byte${size === 1 ? "" : "s"}, header length unreadable`,
      offset: 0
    });
    return result(null);
  }
  if (kind.kind !== "safetensors" && !absPath.endsWith(".safetensors")) {
    problems.push({
      kind: "unreadable",
      file,
      message: "the file is neither safetensors nor a pickle"
    });
    return result(null);
  }
  let handle;
  try {
    handle = await openSafetensors(absPath);
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
    return result(null);
  }
  try {
    await readAlphaValues(handle, handle.header, alphaValues, problems, file);
  } finally {
    await handle.close().catch(() => {
    });
  }
  return { file, absPath, kind: { kind: "safetensors" }, header: handle.header };
}
function invalidSafetensors(file, error) {
  if (error instanceof SafetensorsError) {
    if (error.code === "IoError") return { kind: "unreadable", file, message: error.message };
    return {
      kind: "invalid-safetensors",
      file,
      code: error.code,
      message: error.message,
      offset: error.offset
    };
  }
  return { kind: "unreadable", file, message: errorText(error) };
}
function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}
async function readAlphas(path, header, alphaValues, problems, file) {
  if (![...header.tensors.keys()].some(isAlphaName)) return;
  try {
    const handle = await openSafetensors(path);
    try {
      await readAlphaValues(handle, header, alphaValues, problems, file);
    } finally {
      await handle.close().catch(() => {
      });
    }
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
  }
}
function isAlphaName(name) {
  return name.endsWith(".alpha");
}
async function readAlphaValues(handle, header, alphaValues, problems, file) {
  for (const [name, info] of header.tensors) {
    if (!isAlphaName(name) || info.numel !== 1) continue;
    try {
      if (isFloatDtype(info.dtype)) {
        if (!isDecodableDtype(info.dtype)) continue;
        const values = await handle.readFloat32(info, 0, 1);
        alphaValues.set(name, values[0]);
      } else {
        const bytes = await handle.readBytes(info.start, info.byteLength);
        const value = decodeInteger(info.dtype, bytes);
        if (value !== null) alphaValues.set(name, value);
      }
    } catch (error) {
      problems.push(invalidSafetensors(file, error));
      return;
    }
  }
}
function decodeInteger(dtype, bytes) {
  switch (dtype) {
    case "I8":
      return bytes.readInt8(0);
    case "U8":
    case "BOOL":
      return bytes.readUInt8(0);
    case "I16":
      return bytes.readInt16LE(0);
    case "U16":
      return bytes.readUInt16LE(0);
    case "I32":
      return bytes.readInt32LE(0);
    case "U32":
      return bytes.readUInt32LE(0);
    case "I64":
      return Number(bytes.readBigInt64LE(0));
    case "U64":
      return Number(bytes.readBigUInt64LE(0));
    default:
      return null;
  }
}
async function refusalProblem(cwd, path, refusal) {
  const file = toRelative(cwd, path);
  switch (refusal.kind) {
    case "outside":
      return { kind: "unsafe-path", file, reason: refusal.reason };
    case "missing": {
      const target = await readlink(path).catch(() => null);
      const message = target === null ? "the file no longer exists" : `the link target ${toRelative(cwd, resolve5(dirname4(path), target))} is missing: ${MISSING_LINK_FIX}`;
      return { kind: "unreadable", file, message };
    }
    case "unresolvable":
    case "bad-root":
      return { kind: "unreadable", file, message: refusal.reason };
  }
}
function shardNameLeavesFolder(name) {
  return /[/\\]/.test(name) || name.includes("..") || /^[A-Za-z]:/.test(name);
}
async function shardIndexProblems(cwd, indexFile, root, index) {
  const folder = indexFile.replace(/[^/]*$/, "");
  const out = [];
  for (const problem of index.problems) {
    const shard = problem.shard;
    const shardIndexProblem = (message) => ({
      kind: "bad-shard-index",
      file: indexFile,
      message,
      severity: problem.severity
    });
    if (problem.code === "shard.bad-name" && shard !== void 0 && shardNameLeavesFolder(shard)) {
      out.push({ kind: "unsafe-path", file: indexFile, reason: problem.message });
    } else if (problem.code === "shard.unresolvable" && shard !== void 0) {
      const path = join4(dirname4(index.indexPath), shard);
      const resolved = await resolveInsideRoot(root, relative4(root, path));
      if (!resolved.ok && resolved.kind === "outside") {
        out.push({ kind: "unsafe-path", file: indexFile, reason: `shard ${shard}: ${resolved.reason}` });
      } else if (!resolved.ok && resolved.kind === "missing") {
        const target = await readlink(path).catch(() => null);
        out.push(
          shardIndexProblem(
            target === null ? `shard ${shard} is missing` : `shard ${shard} is a link whose target ${toRelative(cwd, resolve5(dirname4(path), target))} is missing: ${MISSING_LINK_FIX}`
          )
        );
      } else {
        out.push(
          shardIndexProblem(
            `shard ${shard} cannot be resolved: ${resolved.ok ? "it changed while linting" : resolved.reason}`
          )
        );
      }
    } else if (problem.code === "shard.invalid" && problem.error && shard) {
      out.push(invalidSafetensors(`${folder}${shard}`, problem.error));
    } else {
      out.push(shardIndexProblem(problem.message));
    }
  }
  return out;
}
var OTHER_PEFT_TYPES, MISSING_LINK_FIX;
var init_load = __esm({
  "src/adapter/load.ts"() {
    "use strict";
    init_safetensors();
    init_config();
    init_diffusers_metadata();
    init_discover();
    init_layout();
    init_modules();
    OTHER_PEFT_TYPES = /* @__PURE__ */ new Set([
      "PROMPT_TUNING",
      "MULTITASK_PROMPT_TUNING",
      "P_TUNING",
      "PREFIX_TUNING",
      "ADAPTION_PROMPT",
      "CPT",
      "IA3",
      "LOHA",
      "LOKR",
      "OFT",
      "BOFT",
      "POLY",
      "LN_TUNING",
      "VERA",
      "FOURIERFT",
      "XLORA",
      "HRA",
      "VBLORA",
      "BONE",
      "MISS",
      "RANDLORA",
      "TRAINABLE_TOKENS",
      "C3A",
      "ROAD",
      "SHIRA",
      "WAVEFT",
      "DELORA",
      "GRALORA"
    ]);
    MISSING_LINK_FIX = "restore it or remove the link";
  }
});

// src/rules/al101-invalid-safetensors.ts
var invalidSafetensors2;
var init_al101_invalid_safetensors = __esm({
  "src/rules/al101-invalid-safetensors.ts"() {
    "use strict";
    init_load();
    invalidSafetensors2 = {
      id: "AL101",
      slug: "invalid-safetensors",
      severity: "error",
      description: "The weights file is not a valid safetensors file (or cannot be read at all).",
      check({ adapter }, report2) {
        for (const problem of adapter.fileProblems) {
          if (problem.kind === "invalid-safetensors") {
            const where = problem.offset !== null ? ` at byte ${problem.offset}` : "";
            report2({
              file: problem.file,
              message: `${problem.file} is not a valid safetensors file (${problem.code}${where}: ${problem.message}); re-export it with safetensors' save_file or replace it with an intact copy.`,
              data: { code: problem.code, offset: problem.offset }
            });
          } else if (problem.kind === "unreadable") {
            const fix = problem.message.endsWith(MISSING_LINK_FIX) ? "" : "; replace it with an intact copy";
            report2({
              file: problem.file,
              message: `${problem.file} cannot be read as adapter weights: ${problem.message}${fix}.`
            });
          }
        }
      }
    };
  }
});

// src/rules/al102-lfs-pointer.ts
var lfsPointer;
var init_al102_lfs_pointer = __esm({
  "src/rules/al102-lfs-pointer.ts"() {
    "use strict";
    lfsPointer = {
      id: "AL102",
      slug: "lfs-pointer",
      severity: "error",
      description: "The file is a Git LFS pointer, not the weights.",
      check({ adapter }, report2) {
        for (const problem of adapter.fileProblems) {
          if (problem.kind !== "lfs-pointer") continue;
          const size = problem.size !== void 0 ? ` (the real file is ${problem.size} bytes)` : "";
          report2({
            file: problem.file,
            message: `${problem.file} is a Git LFS pointer, not the weights${size}; fetch the LFS objects (git lfs pull, or lfs: true on actions/checkout).`,
            data: {
              ...problem.oid ? { oid: problem.oid } : {},
              ...problem.size !== void 0 ? { size: problem.size } : {}
            }
          });
        }
      }
    };
  }
});

// src/rules/al103-pickle-weights.ts
var pickleWeights;
var init_al103_pickle_weights = __esm({
  "src/rules/al103-pickle-weights.ts"() {
    "use strict";
    pickleWeights = {
      id: "AL103",
      slug: "pickle-weights",
      severity: "warning",
      description: "Adapter weights are a pickle: loading can run code, and the tensors cannot be checked.",
      check({ adapter }, report2) {
        for (const problem of adapter.fileProblems) {
          if (problem.kind !== "pickle") continue;
          report2({
            file: problem.file,
            message: `${problem.file} is ${problem.reason}: loading it can run code and its tensors can't be checked; save the adapter as safetensors (safe_serialization=True).`
          });
        }
      }
    };
  }
});

// src/rules/al104-non-finite.ts
var nonFinite;
var init_al104_non_finite = __esm({
  "src/rules/al104-non-finite.ts"() {
    "use strict";
    nonFinite = {
      id: "AL104",
      slug: "non-finite",
      severity: "error",
      description: "A tensor holds NaN or +/-Inf values.",
      check({ adapter }, report2) {
        for (const [name, stats] of adapter.stats) {
          const bad = stats.nanCount + stats.posInfCount + stats.negInfCount;
          if (bad === 0) continue;
          const parts = [
            stats.nanCount > 0 ? `${stats.nanCount} NaN` : "",
            stats.posInfCount > 0 ? `${stats.posInfCount} +Inf` : "",
            stats.negInfCount > 0 ? `${stats.negInfCount} -Inf` : ""
          ].filter((p) => p !== "");
          const file = adapter.tensors.get(name)?.file.file;
          report2({
            ...file ? { file } : {},
            tensor: name,
            message: `Tensor ${name} holds ${parts.join(", ")} of ${stats.elements} values (first at flat index ${stats.firstNonFinite}); the training diverged or the export broke, so retrain or re-export from a good checkpoint.`,
            data: {
              nan: stats.nanCount,
              posInf: stats.posInfCount,
              negInf: stats.negInfCount,
              firstIndex: stats.firstNonFinite,
              elements: stats.elements
            }
          });
        }
      }
    };
  }
});

// src/rules/al105-bad-shard-index.ts
var badShardIndex;
var init_al105_bad_shard_index = __esm({
  "src/rules/al105-bad-shard-index.ts"() {
    "use strict";
    badShardIndex = {
      id: "AL105",
      slug: "bad-shard-index",
      severity: "error",
      description: "A *.safetensors.index.json is unparseable or disagrees with its shards.",
      check({ adapter }, report2) {
        for (const problem of adapter.fileProblems) {
          if (problem.kind !== "bad-shard-index") continue;
          report2({
            file: problem.file,
            severity: problem.severity,
            message: `Shard index ${problem.file}: ${problem.message}; regenerate the index from the shards (or restore the missing shard).`
          });
        }
      }
    };
  }
});

// src/rules/al106-empty-tensor.ts
var emptyTensor;
var init_al106_empty_tensor = __esm({
  "src/rules/al106-empty-tensor.ts"() {
    "use strict";
    init_tensor_info();
    emptyTensor = {
      id: "AL106",
      slug: "empty-tensor",
      severity: "warning",
      description: "A LoRA tensor has zero elements (a symptom of saving under DeepSpeed ZeRO-3 without gathering).",
      check({ adapter }, report2) {
        if (adapter.layout === "unrecognized" || adapter.layout === "none") return;
        for (const ref of adapter.tensors.values()) {
          const info = tensorInfo(ref);
          if (info?.numel !== 0) continue;
          report2({
            file: ref.file.file,
            tensor: ref.name,
            message: `Tensor ${ref.name} has shape [${info.dims.join(", ")}] with no elements, as when saving under DeepSpeed ZeRO-3 without gathering; save again with stage3_gather_16bit_weights_on_model_save (or the gathered state dict).`,
            data: { shape: info.dims }
          });
        }
      }
    };
  }
});

// src/rules/al107-unsafe-path.ts
var unsafePath;
var init_al107_unsafe_path = __esm({
  "src/rules/al107-unsafe-path.ts"() {
    "use strict";
    unsafePath = {
      id: "AL107",
      slug: "unsafe-path",
      severity: "error",
      description: "A path leads outside the folder being linted; it was not opened.",
      check({ adapter }, report2) {
        for (const problem of adapter.fileProblems) {
          if (problem.kind !== "unsafe-path") continue;
          report2({
            file: problem.file,
            message: `${problem.file} leads outside the folder being linted (${problem.reason}) and was not opened; replace the link or shard name with a file inside the folder.`
          });
        }
      }
    };
  }
});

// src/rules/support/peft-keys.ts
function peftStyleTensors(adapter) {
  let parsed = cache.get(adapter);
  if (!parsed) {
    parsed = [];
    if (adapter.layout === "peft") {
      parsed = [...adapter.tensors.values()].map((ref) => ({ ref, key: parsePeftKey(ref.name) }));
    } else if (adapter.layout === "diffusers") {
      parsed = [...adapter.tensors.values()].map((ref) => {
        const name = hasComponentPrefix(ref.name) ? ref.name.slice(ref.name.indexOf(".") + 1) : ref.name;
        return { ref, key: parsePeftKey(name) };
      }).filter((t) => t.key.part !== null);
    }
    cache.set(adapter, parsed);
  }
  return parsed;
}
function leftoverNames(key) {
  return key.wrappers.includes("modules_to_save") ? key.adapterNames.slice(1) : key.adapterNames;
}
function isEmbeddingModule(adapter, module) {
  return EMBEDDING_NAME.test(module) || adapter.modules.some((m) => m.name === module && m.kind === "embedding");
}
function isLegitBaseLayer(adapter, key) {
  const config = adapter.config;
  if (key.part !== null) {
    if (/\.base_layer\.out_proj\.lora_[AB]\./.test(key.key)) return true;
    return config === null || Array.isArray(config.raw.target_parameters);
  }
  if (key.suffix === "base_layer.bias") return config === null || config.bias !== "none";
  if (key.suffix === "base_layer.weight") return isEmbeddingModule(adapter, key.module);
  return false;
}
function examples(names, count = 2) {
  const shown = names.slice(0, count).map(inlineCode);
  return names.length > count ? `${shown.join(", ")} and ${names.length - count} more` : shown.join(", ");
}
function targetedOwner(module, ref) {
  const name = ref?.name;
  const at = name ? name.indexOf(".base_layer.") : -1;
  if (!name || at < 0) return module.name;
  const owner = parsePeftKey(`${name.slice(0, at)}.lora_A.weight`).module;
  return owner === "" ? module.name : owner;
}
var cache, EMBEDDING_NAME;
var init_peft_keys = __esm({
  "src/rules/support/peft-keys.ts"() {
    "use strict";
    init_diffusers_key();
    init_peft_key();
    init_inline_code();
    cache = /* @__PURE__ */ new WeakMap();
    EMBEDDING_NAME = /(^|\.)(embed_tokens|lm_head|wte|wpe|embed_in|embed_out|word_embeddings|shared|tok_embeddings|output|embeddings|embedding)$/;
  }
});

// src/rules/al201-doubled-adapter-name.ts
var doubledAdapterName;
var init_al201_doubled_adapter_name = __esm({
  "src/rules/al201-doubled-adapter-name.ts"() {
    "use strict";
    init_inline_code();
    init_peft_keys();
    doubledAdapterName = {
      id: "AL201",
      slug: "doubled-adapter-name",
      severity: "error",
      description: "A key carries the adapter name twice, e.g. lora_A.default.default.weight.",
      check({ adapter }, report2) {
        const byNames = /* @__PURE__ */ new Map();
        for (const { ref, key } of peftStyleTensors(adapter)) {
          const names = leftoverNames(key);
          if (names.length < 2) continue;
          const label = names.join(".");
          byNames.set(label, [...byNames.get(label) ?? [], ref.name]);
        }
        for (const [label, keys] of byNames) {
          report2({
            file: adapter.tensors.get(keys[0]).file.file,
            tensor: keys[0],
            message: `${keys.length} key(s) carry adapter names twice (${inlineCode(label)}), e.g. ${examples(keys, 1)}: PEFT reports every tensor missing and the adapter stays at its initial weights; rename the keys without the names (…lora_A.weight).`,
            data: { names: label.split("."), count: keys.length }
          });
        }
      }
    };
  }
});

// src/rules/al202-adapter-name-in-key.ts
var adapterNameInKey;
var init_al202_adapter_name_in_key = __esm({
  "src/rules/al202-adapter-name-in-key.ts"() {
    "use strict";
    init_inline_code();
    init_peft_keys();
    adapterNameInKey = {
      id: "AL202",
      slug: "adapter-name-in-key",
      severity: "error",
      description: "A saved key still carries the adapter name, e.g. lora_A.default.weight.",
      check({ adapter }, report2) {
        const byName = /* @__PURE__ */ new Map();
        for (const { ref, key } of peftStyleTensors(adapter)) {
          const names = leftoverNames(key);
          if (names.length !== 1) continue;
          byName.set(names[0], [...byName.get(names[0]) ?? [], ref.name]);
        }
        for (const [name, keys] of byName) {
          report2({
            file: adapter.tensors.get(keys[0]).file.file,
            tensor: keys[0],
            message: `${keys.length} key(s) still carry the adapter name ${inlineCode(name)}, e.g. ${examples(keys, 1)}: PEFT up to 0.20 inserts the name again on load and loads nothing; save with get_peft_model_state_dict / save_pretrained, or strip ${inlineCode(`.${name}`)} from the keys.`,
            data: { name, count: keys.length }
          });
        }
      }
    };
  }
});

// src/rules/al203-missing-prefix.ts
var missingPrefix;
var init_al203_missing_prefix = __esm({
  "src/rules/al203-missing-prefix.ts"() {
    "use strict";
    init_peft_keys();
    missingPrefix = {
      id: "AL203",
      slug: "missing-prefix",
      severity: "error",
      description: "A PEFT-layout key is not under base_model.model.",
      check({ adapter }, report2) {
        if (adapter.layout !== "peft") return;
        const keys = peftStyleTensors(adapter).filter((t) => t.key.prefixCount === 0).map((t) => t.ref.name);
        if (keys.length === 0) return;
        report2({
          file: adapter.tensors.get(keys[0]).file.file,
          tensor: keys[0],
          message: `${keys.length} of ${adapter.tensors.size} keys are not under base_model.model., e.g. ${examples(keys, 1)}: PeftModel.from_pretrained finds none of them; prefix every key with base_model.model.`,
          data: { count: keys.length, total: adapter.tensors.size }
        });
      }
    };
  }
});

// src/rules/al204-doubled-prefix.ts
var doubledPrefix;
var init_al204_doubled_prefix = __esm({
  "src/rules/al204-doubled-prefix.ts"() {
    "use strict";
    init_peft_keys();
    doubledPrefix = {
      id: "AL204",
      slug: "doubled-prefix",
      severity: "error",
      description: "Keys start with base_model.model.base_model.model. (a PeftModel wrapped twice).",
      check({ adapter }, report2) {
        const keys = peftStyleTensors(adapter).filter((t) => t.key.prefixCount > 1).map((t) => t.ref.name);
        if (keys.length === 0) return;
        report2({
          file: adapter.tensors.get(keys[0]).file.file,
          tensor: keys[0],
          message: `${keys.length} key(s) repeat the base_model.model. prefix, e.g. ${examples(keys, 1)} (a PeftModel wrapped twice, or a script that added the prefix again); keep a single base_model.model. so PEFT can load them.`,
          data: { count: keys.length }
        });
      }
    };
  }
});

// src/rules/al205-wrapper-leak.ts
function inDiffusersKey(name) {
  return hasComponentPrefix(name) ? name.slice(name.indexOf(".") + 1) : name;
}
var WHY, wrapperLeak;
var init_al205_wrapper_leak = __esm({
  "src/rules/al205-wrapper-leak.ts"() {
    "use strict";
    init_diffusers_key();
    init_peft_key();
    init_peft_keys();
    WHY = {
      module: "a DistributedDataParallel `module.` prefix",
      _orig_mod: "a torch.compile `_orig_mod.` segment",
      _fsdp_wrapped_module: "an FSDP `_fsdp_wrapped_module.` segment",
      _checkpoint_wrapped_module: "an activation-checkpointing `_checkpoint_wrapped_module.` segment",
      modules_to_save: "PEFT's in-memory `modules_to_save.<name>.` wrapper",
      original_module: "PEFT's in-memory `original_module.` copy",
      base_layer: "a `.base_layer.` segment PEFT does not save here"
    };
    wrapperLeak = {
      id: "AL205",
      slug: "wrapper-leak",
      severity: "error",
      description: "Internal wrapper segments (base_layer, modules_to_save, _orig_mod, FSDP, DDP) leaked into saved keys.",
      check({ adapter }, report2) {
        const bySegment = /* @__PURE__ */ new Map();
        for (const { ref, key } of peftStyleTensors(adapter)) {
          for (const segment of new Set(key.wrappers)) {
            if (segment === "base_layer" && isLegitBaseLayer(adapter, key)) continue;
            bySegment.set(segment, [...bySegment.get(segment) ?? [], ref.name]);
          }
        }
        for (const [segment, keys] of bySegment) {
          report2({
            file: adapter.tensors.get(keys[0]).file.file,
            tensor: keys[0],
            message: `${keys.length} key(s) contain ${WHY[segment]}, e.g. ${examples(keys, 1)}: this is a raw state_dict dump that loaders cannot map; save with save_pretrained / get_peft_model_state_dict instead.`,
            data: { segment, count: keys.length }
          });
        }
        if (adapter.layout === "diffusers") {
          const leaked = [...adapter.tensors.keys()].filter(
            (name) => inDiffusersKey(name).startsWith(PEFT_PREFIX)
          );
          if (leaked.length > 0) {
            report2({
              file: adapter.tensors.get(leaked[0]).file.file,
              tensor: leaked[0],
              message: `${leaked.length} key(s) carry PEFT's \`base_model.model.\` wrapper inside a diffusers key, e.g. ${examples(leaked, 1)}: diffusers strips only the component prefix, so these match no module and the LoRA loads nothing; save the unwrapped model's LoRA state dict (get_peft_model_state_dict) under the component prefix.`,
              data: { segment: "base_model.model", count: leaked.length }
            });
          }
        }
      }
    };
  }
});

// src/rules/al206-unpaired-lora.ts
var unpairedLora;
var init_al206_unpaired_lora = __esm({
  "src/rules/al206-unpaired-lora.ts"() {
    "use strict";
    unpairedLora = {
      id: "AL206",
      slug: "unpaired-lora",
      severity: "error",
      description: "A module has one half of its LoRA pair only (lora_A without lora_B, lora_down without lora_up...), or an AdaLoRA module has no lora_E.",
      check({ adapter }, report2) {
        const [downName, upName] = adapter.layout === "kohya" ? ["lora_down", "lora_up"] : adapter.layout === "diffusers" ? ["down", "up"] : ["lora_A", "lora_B"];
        const adalora = adapter.layout === "peft" && adapter.config?.peftType === "ADALORA";
        for (const module of adapter.modules) {
          if (module.down && module.up) {
            if (adalora && !module.singularValues && module.kind !== "embedding") {
              report2({
                file: module.down.file.file,
                tensor: module.down.name,
                message: `AdaLoRA module ${module.name} has lora_A and lora_B but no lora_E, so PEFT leaves its singular values at their initial zeros and the module does nothing; save lora_E too (check filters in custom save code).`,
                data: { module: module.name, missing: "lora_E" }
              });
            }
            continue;
          }
          const present = module.down ?? module.up ?? module.magnitude ?? module.singularValues;
          if (!present) continue;
          const embedding = module.kind === "embedding";
          const missing = module.down ? embedding ? "lora_embedding_B" : upName : module.up ? embedding ? "lora_embedding_A" : downName : `${downName} and ${upName}`;
          report2({
            file: present.file.file,
            tensor: present.name,
            message: `Module ${module.name} has ${present.name} but no ${missing}, so it can't be applied; save both halves of the pair (or drop the module).`,
            data: { module: module.name, missing }
          });
        }
      }
    };
  }
});

// src/adapter/module-config.ts
function moduleConfig(adapter, module) {
  if (adapter.layout === "peft") return adapter.config;
  if (adapter.layout === "diffusers")
    return adapter.embeddedConfig?.components.get(module.component ?? "") ?? null;
  return null;
}
function moduleConfigSource(adapter) {
  if (adapter.layout !== "diffusers") return "adapter_config.json";
  return `${LORA_ADAPTER_METADATA_KEY} in ${adapter.embeddedConfig?.file ?? "the weights file"}`;
}
function moduleConfigField(adapter, module, field) {
  return adapter.layout === "diffusers" && module.component ? `${module.component}.${field}` : field;
}
function moduleComponents(adapter) {
  return [...new Set(adapter.modules.map((m) => m.component ?? ""))];
}
var init_module_config = __esm({
  "src/adapter/module-config.ts"() {
    "use strict";
    init_diffusers_metadata();
  }
});

// src/adapter/target-match.ts
function cachedPattern(pattern, anchor) {
  const key = `${anchor}\0${pattern}`;
  if (!compiled.has(key)) {
    try {
      compiled.set(key, compilePythonRegex(pattern, anchor));
    } catch {
      compiled.set(key, null);
    }
  }
  return compiled.get(key) ?? null;
}
function fullmatch(pattern, name) {
  const regex = cachedPattern(pattern, "fullmatch");
  return regex === null ? false : matchModuleName(regex, name);
}
function listEntryMatches(entry, name) {
  return name === entry || name.endsWith(`.${entry}`);
}
function isAllLinear(target) {
  return typeof target === "string" && target.toLowerCase() === "all-linear";
}
function isExcluded(config, name) {
  const exclude = config.excludeModules;
  if (exclude === null) return false;
  if (typeof exclude === "string") return fullmatch(exclude, name) === true;
  return exclude.some((entry) => listEntryMatches(entry, name));
}
function isSavedModule(config, name) {
  return (config.modulesToSave ?? []).some(
    (entry) => new RegExp(`^(?:.*\\.)?${escapeRegex(entry)}(?:$|\\..*)`).test(name)
  );
}
function layerIndexOf(name, layersPattern) {
  const patterns = layersPattern && layersPattern.length > 0 ? layersPattern : [null];
  for (const pattern of patterns) {
    const regex = pattern === null ? /^.*?\.[^.]*\.(\d+)\./ : new RegExp(`^.*?\\.${escapeRegex(pattern)}\\.(\\d+)\\.`);
    const match = regex.exec(name);
    if (match) return Number(match[1]);
  }
  return null;
}
function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function selectedByTargetParameters(config, name) {
  const params = config.raw.target_parameters;
  if (!Array.isArray(params)) return false;
  return params.some((p) => {
    if (typeof p !== "string") return false;
    const dot = p.lastIndexOf(".");
    return dot > 0 && listEntryMatches(p.slice(0, dot), name);
  });
}
function isTargetedModule(config, name) {
  if (selectedByTargetParameters(config, name)) return true;
  const target = config.targetModules;
  if (target === null) return true;
  if (isExcluded(config, name)) return false;
  if (isSavedModule(config, name)) return false;
  if (typeof target === "string") {
    return isAllLinear(target) || fullmatch(target, name) !== false;
  }
  if (!target.some((entry) => listEntryMatches(entry, name))) return false;
  if (config.layersToTransform !== null) {
    const index = layerIndexOf(name, config.layersPattern);
    return index !== null && config.layersToTransform.includes(index);
  }
  return true;
}
function unusedTargetEntries(config, moduleNames) {
  const target = config.targetModules;
  if (target === null || typeof target === "string") return [];
  return target.filter((entry) => !moduleNames.some((name) => listEntryMatches(entry, name)));
}
function taskHeads(config) {
  if (config.taskType === "SEQ_CLS" || config.taskType === "TOKEN_CLS") return ["classifier", "score"];
  if (config.taskType === "QUESTION_ANS") return ["qa_outputs"];
  return [];
}
function savedModuleEntryFor(config, path) {
  const entries = [...config.modulesToSave ?? [], ...taskHeads(config)];
  const segs = path.split(".");
  for (let end = segs.length - 1; end >= 1; end--) {
    const owner = segs.slice(0, end).join(".");
    const entry = entries.find((e) => owner.endsWith(e));
    if (entry !== void 0) return entry;
  }
  return null;
}
var compiled;
var init_target_match = __esm({
  "src/adapter/target-match.ts"() {
    "use strict";
    init_python_regex();
    compiled = /* @__PURE__ */ new Map();
  }
});

// src/adapter/scaling.ts
function resolvePattern(patterns, moduleName) {
  for (const [key, value] of patterns) {
    const regex = cachedPattern(key, "suffix");
    if (regex && testModuleName(regex, moduleName)) return value;
  }
  return void 0;
}
function resolveRank(config, moduleName) {
  return resolvePattern(config.rankPattern, moduleName) ?? config.r;
}
function resolveAlpha(config, moduleName) {
  return resolvePattern(config.alphaPattern, moduleName) ?? config.loraAlpha;
}
function usesSingularValues(adapter, module) {
  return module.singularValues !== void 0 && adapter.layout === "peft" && adapter.config?.peftType !== "LORA";
}
function adaloraRank(config, moduleName) {
  const pattern = config.raw.rank_pattern;
  if (pattern !== null && typeof pattern === "object" && !Array.isArray(pattern)) {
    const entries = Object.entries(pattern);
    for (const [key, value] of entries) {
      if (Array.isArray(value) && adaloraPatternModule(key) === moduleName) {
        return { rank: value.filter((kept) => kept === true).length, from: "rank_pattern" };
      }
    }
    if (entries.length > 0) return void 0;
  }
  const initR = config.raw.init_r ?? ADALORA_INIT_R;
  return typeof initR === "number" && Number.isInteger(initR) && initR > 0 ? { rank: initR, from: "init_r" } : void 0;
}
function adaloraPatternModule(key) {
  const name = key.startsWith("base_model.model.") ? key.slice("base_model.model.".length) : key;
  const at = name.indexOf(".lora_E");
  if (at >= 0 && (name.length === at + 7 || name[at + 7] === ".")) return name.slice(0, at);
  return name;
}
function moduleScaling(adapter, module) {
  const config = moduleConfig(adapter, module);
  if (adapter.layout === "peft" && config?.peftType === "ADALORA") {
    const r = module.rank ?? adaloraRank(config, module.name)?.rank ?? ADALORA_INIT_R;
    const scaling = config.loraAlpha > 0 ? config.loraAlpha : r;
    return scaling / (r + 1e-5);
  }
  if (config) {
    const r = resolveRank(config, module.name);
    const alpha2 = resolveAlpha(config, module.name);
    return config.useRslora ? alpha2 / Math.sqrt(r) : alpha2 / r;
  }
  const rank = module.rank;
  const alpha = module.alphaValue;
  if (rank === void 0 || rank <= 0 || alpha === void 0 || alpha === 0 || !Number.isFinite(alpha))
    return 1;
  return alpha / rank;
}
var ADALORA_INIT_R;
var init_scaling = __esm({
  "src/adapter/scaling.ts"() {
    "use strict";
    init_module_config();
    init_python_regex();
    init_target_match();
    ADALORA_INIT_R = 12;
  }
});

// src/rules/al207-rank-mismatch.ts
function moduleProblems(adapter, module) {
  const factors = factorProblem(adapter, module);
  if (factors) return [factors];
  return [singularValuesProblem(adapter, module), magnitudeProblem(module), biasProblem(module)].filter(
    (p) => p !== null
  );
}
function factorProblem(adapter, module) {
  if (!module.down || !module.up) return null;
  const down = tensorInfo(module.down);
  const up = tensorInfo(module.up);
  if (!down || !up || down.numel === 0 || up.numel === 0) return null;
  const conv = down.dims.length >= 3;
  const expectedDims = conv ? down.dims.length : 2;
  for (const [ref, info] of [
    [module.down, down],
    [module.up, up]
  ]) {
    const okDims = conv ? info.dims.length === expectedDims && expectedDims <= 5 : info.dims.length === 2;
    if (!okDims) {
      return {
        ref,
        text: `${ref.name} has shape ${shape(info.dims)}, but a LoRA factor is 2-D (${conv ? "the same number of dimensions as its partner for conv" : "4-D for conv"})`,
        data: { shape: info.dims }
      };
    }
  }
  const rank = down.dims[0];
  const upRank = up.dims[1];
  const halvesAgree = conv ? upRank > 0 && rank % upRank === 0 : rank === upRank;
  if (!halvesAgree) {
    return {
      ref: module.up,
      text: `the halves disagree on the rank: ${module.down.name} has ${rank} rows but ${module.up.name} has ${upRank} columns`,
      data: { downRank: rank, upRank }
    };
  }
  const config = moduleConfig(adapter, module);
  if (!config) return null;
  if (adapter.layout === "peft" && config.peftType === "ADALORA") {
    const expected2 = adaloraRank(config, module.name);
    if (expected2 === void 0 || rank === expected2.rank) return null;
    const source2 = expected2.from === "rank_pattern" ? "the true entries of its AdaLoRA rank_pattern" : "AdaLoRA init_r";
    return {
      ref: module.down,
      text: `the tensors have rank ${rank} but adapter_config.json (${source2}) says ${expected2.rank}, so PEFT can't load them (size mismatch)`,
      data: { rank, expected: expected2.rank }
    };
  }
  if (config.peftType !== "LORA") return null;
  const expected = resolveRank(config, module.name);
  const multipleAllowed = Array.isArray(config.raw.target_parameters);
  const ok = multipleAllowed ? rank % expected === 0 : rank === expected;
  if (ok) return null;
  const field = (name) => moduleConfigField(adapter, module, name);
  const source = config.rankPattern.size > 0 ? `${field("r")} / ${field("rank_pattern")}` : field("r");
  const loader = adapter.layout === "diffusers" ? "diffusers" : "PEFT";
  return {
    ref: module.down,
    text: `the tensors have rank ${rank} but ${moduleConfigSource(adapter)} (${source}) says ${expected}, so ${loader} can't load them (size mismatch)`,
    data: { rank, expected }
  };
}
function singularValuesProblem(adapter, module) {
  const ref = module.singularValues;
  if (!ref || !usesSingularValues(adapter, module)) return null;
  const info = tensorInfo(ref);
  if (!info || info.numel === 0) return null;
  const down = module.down ? tensorInfo(module.down) : null;
  const up = module.up ? tensorInfo(module.up) : null;
  const rank = down && down.numel > 0 && down.dims.length === 2 ? down.dims[0] : up && up.numel > 0 && up.dims.length === 2 ? up.dims[1] : void 0;
  const expected = rank === void 0 ? null : [rank, 1];
  if (expected ? sameDims(info.dims, expected) : info.dims.length === 2 && info.dims[1] === 1) return null;
  const against = module.down ? "lora_A rows" : "lora_B columns";
  return {
    ref,
    text: expected ? `${ref.name} has shape ${shape(info.dims)}, but AdaLoRA's singular values are ${shape(expected)} (r = ${rank}, the ${against})` : `${ref.name} has shape ${shape(info.dims)}, but AdaLoRA's singular values are [r, 1]`,
    fix: "PEFT can't load it (size mismatch): re-export the adapter with save_pretrained so lora_E matches lora_A and lora_B",
    data: { shape: info.dims, ...expected ? { expected } : {} }
  };
}
function biasProblem(module) {
  const ref = module.upBias;
  if (!ref || !module.up) return null;
  const info = tensorInfo(ref);
  const up = tensorInfo(module.up);
  if (!info || !up || info.numel === 0 || up.numel === 0 || up.dims.length < 2) return null;
  const expected = [up.dims[0]];
  if (sameDims(info.dims, expected)) return null;
  return {
    ref,
    text: `${ref.name} has shape ${shape(info.dims)}, expected ${shape(expected)}: one value per output feature (lora_B has ${expected[0]} rows)`,
    fix: "PEFT can't load it (size mismatch): re-export the adapter with save_pretrained so the bias matches lora_B",
    data: { shape: info.dims, expected }
  };
}
function magnitudeProblem(module) {
  const ref = module.magnitude;
  if (!ref || !module.up || !ref.name.includes("lora_magnitude_vector")) return null;
  const info = tensorInfo(ref);
  const up = tensorInfo(module.up);
  if (!info || !up || info.numel === 0 || up.numel === 0 || up.dims.length < 2) return null;
  const out = up.dims[0];
  const conv = up.dims.length >= 3;
  const expected = conv ? up.dims.map((_, i) => i === 1 ? out : 1) : [out];
  if (sameDims(info.dims, expected)) return null;
  const what = module.kind === "embedding" ? `one value per embedding dimension (lora_embedding_B has ${out} rows)` : conv ? `one value per output channel (lora_B has ${out}), shaped like the conv weight` : `one value per output feature (lora_B has ${out} rows)`;
  return {
    ref,
    text: `DoRA magnitude ${ref.name} has shape ${shape(info.dims)}, expected ${shape(expected)}: ${what}`,
    fix: "PEFT can't load it (size mismatch): re-export the adapter with save_pretrained so the magnitude matches its module",
    data: { shape: info.dims, expected }
  };
}
var rankMismatch, shape, sameDims;
var init_al207_rank_mismatch = __esm({
  "src/rules/al207-rank-mismatch.ts"() {
    "use strict";
    init_module_config();
    init_scaling();
    init_tensor_info();
    rankMismatch = {
      id: "AL207",
      slug: "rank-mismatch",
      severity: "error",
      description: "LoRA halves disagree on the rank, the rank differs from the config, or a tensor has the wrong shape (a factor, AdaLoRA lora_E, DoRA magnitude or lora_B bias).",
      check({ adapter }, report2) {
        const configName = adapter.layout === "diffusers" && adapter.embeddedConfig ? "lora_adapter_metadata" : "adapter_config.json";
        for (const module of adapter.modules) {
          for (const problem of moduleProblems(adapter, module)) {
            report2({
              file: problem.ref.file.file,
              tensor: problem.ref.name,
              message: `Module ${module.name}: ${problem.text}; ${problem.fix ?? `re-export the adapter so the factors and ${configName} agree`}.`,
              data: { module: module.name, ...problem.data }
            });
          }
        }
      }
    };
    shape = (dims) => `[${dims.join(", ")}]`;
    sameDims = (a, b) => a.length === b.length && a.every((d, i) => d === b[i]);
  }
});

// src/rules/al208-untargeted-module.ts
var untargetedModule;
var init_al208_untargeted_module = __esm({
  "src/rules/al208-untargeted-module.ts"() {
    "use strict";
    init_target_match();
    init_peft_keys();
    untargetedModule = {
      id: "AL208",
      slug: "untargeted-module",
      severity: "warning",
      description: "LoRA weights for a module target_modules does not select, or a target_modules entry that selects nothing.",
      check({ adapter }, report2) {
        const config = adapter.config;
        if (adapter.layout !== "peft" || !config || config.targetModules === null) return;
        for (const module of adapter.modules) {
          const ref = module.down ?? module.up ?? module.magnitude ?? module.singularValues;
          if (isTargetedModule(config, targetedOwner(module, ref))) continue;
          report2({
            file: ref.file.file,
            tensor: ref.name,
            message: `Module ${module.name} has LoRA weights, but target_modules (with exclude_modules / layers_to_transform) does not select it, so PEFT never creates the layer and drops these weights; add it to target_modules or remove its tensors.`,
            data: { module: module.name }
          });
        }
        if (adapter.tensors.size === 0) return;
        const saved = config.modulesToSave ?? [];
        const unused = unusedTargetEntries(
          config,
          adapter.modules.map((m) => m.name)
        ).filter((entry) => !saved.some((s) => listEntryMatches(entry, s) || listEntryMatches(s, entry)));
        for (const entry of unused) {
          report2({
            ...adapter.configFile ? { file: adapter.configFile } : {},
            message: `target_modules entry "${entry}" selects no module with LoRA weights in the file; the adapter was probably trained with a different config, so fix the entry or re-export the weights.`,
            data: { entry }
          });
        }
      }
    };
  }
});

// src/rules/al209-unexpected-tensor.ts
function why(adapter, key) {
  if (key.part === "lora_B" && key.suffix === "bias") return "lora_bias is false";
  if (key.suffix === "bias" || key.suffix.endsWith(".bias")) return `bias is "${adapter.config.bias}"`;
  if (key.suffix.startsWith("token_adapter.")) return "trainable_token_indices is not set";
  return "its module is not in modules_to_save";
}
function isExpected(adapter, key) {
  const config = adapter.config;
  if (key.wrappers.some((w) => w !== "base_layer")) return true;
  if (key.part !== null) {
    if (key.part === "lora_B" && key.suffix === "bias") return config.loraBias;
    if (key.part === "lora_E") return config.peftType === "ADALORA";
    return true;
  }
  const path = key.module ? `${key.module}.${key.suffix}` : key.suffix;
  if (key.suffix === "base_layer.bias") return true;
  if (key.suffix === "base_layer.weight") return true;
  if (key.wrappers.includes("base_layer")) return true;
  if (key.suffix === "bias" && config.bias === "all") return true;
  if (key.suffix === "token_adapter.trainable_tokens_delta") {
    return config.trainableTokenIndices !== null || config.peftType === "TRAINABLE_TOKENS";
  }
  if (key.suffix === "ranknum") return config.peftType === "ADALORA";
  if (key.suffix === "lora_diag") return config.raw.kasa_config != null;
  if (savedModuleEntryFor(config, path) !== null) return true;
  if (key.suffix === "weight" && isEmbeddingModule(adapter, key.module)) return true;
  return false;
}
var PER_TENSOR_LIMIT, unexpectedTensor;
var init_al209_unexpected_tensor = __esm({
  "src/rules/al209-unexpected-tensor.ts"() {
    "use strict";
    init_target_match();
    init_peft_keys();
    PER_TENSOR_LIMIT = 10;
    unexpectedTensor = {
      id: "AL209",
      slug: "unexpected-tensor",
      severity: "warning",
      description: "A tensor that is neither a LoRA factor nor allowed by the config (modules_to_save, bias, DoRA, trainable tokens).",
      check({ adapter }, report2) {
        if (adapter.layout !== "peft" || !adapter.config) return;
        const unexpected = peftStyleTensors(adapter).filter(({ key }) => !isExpected(adapter, key));
        if (unexpected.length === 0) return;
        if (unexpected.length <= PER_TENSOR_LIMIT) {
          for (const { ref, key } of unexpected) {
            report2({
              file: ref.file.file,
              tensor: ref.name,
              message: `Tensor ${ref.name} is neither a LoRA factor nor allowed by adapter_config.json (${why(adapter, key)}); remove it, or list its module in modules_to_save if it was trained.`
            });
          }
          return;
        }
        const names = unexpected.map((t) => t.ref.name);
        report2({
          file: unexpected[0].ref.file.file,
          tensor: names[0],
          message: `${names.length} tensors are neither LoRA factors nor allowed by adapter_config.json, e.g. ${examples(names)} (full base weights dumped into the adapter?); save only the adapter with save_pretrained, or list trained modules in modules_to_save.`,
          data: { count: names.length }
        });
      }
    };
  }
});

// src/rules/al210-unrecognized-layout.ts
var unrecognizedLayout;
var init_al210_unrecognized_layout = __esm({
  "src/rules/al210-unrecognized-layout.ts"() {
    "use strict";
    unrecognizedLayout = {
      id: "AL210",
      slug: "unrecognized-layout",
      severity: "note",
      description: "The tensors match no known adapter layout (PEFT, kohya, diffusers), so key rules were skipped.",
      check({ adapter }, report2) {
        if (adapter.layout !== "unrecognized") return;
        const file = adapter.weights.find((w) => w.header !== null)?.file;
        report2({
          ...file ? { file } : {},
          message: `No known adapter layout (PEFT, kohya, diffusers) matches: ${adapter.layoutNote}; key checks were skipped; if a LoRA loader must read this file, convert it to PEFT, kohya or diffusers format.`
        });
      }
    };
  }
});

// src/rules/al211-kohya-key-format.ts
var kohyaKeyFormat;
var init_al211_kohya_key_format = __esm({
  "src/rules/al211-kohya-key-format.ts"() {
    "use strict";
    init_kohya_key();
    init_tensor_info();
    init_peft_keys();
    kohyaKeyFormat = {
      id: "AL211",
      slug: "kohya-key-format",
      severity: "error",
      description: "A kohya-style file with malformed keys (doubled component, _lora_down, non-scalar alpha) or missing alphas.",
      check({ adapter }, report2) {
        if (adapter.layout !== "kohya") return;
        const byReason = /* @__PURE__ */ new Map();
        for (const name of adapter.tensors.keys()) {
          const key = parseKohyaKey(name);
          if (key.malformed === null) continue;
          const reason = key.malformed.replace(/\(.*\)$/, "").trim();
          byReason.set(reason, [...byReason.get(reason) ?? [], name]);
        }
        for (const [reason, keys] of byReason) {
          report2({
            file: adapter.tensors.get(keys[0]).file.file,
            tensor: keys[0],
            message: `${keys.length === 1 ? "1 kohya key is" : `${keys.length} kohya keys are`} malformed: ${reason}, e.g. ${examples(keys, 1)}; no kohya loader can match them, so regenerate the file with a working converter.`,
            data: { count: keys.length }
          });
        }
        const missingAlpha = [];
        for (const module of adapter.modules) {
          if (!module.alphaTensor) {
            if (module.down && module.up) missingAlpha.push(module.name);
            continue;
          }
          const info = tensorInfo(module.alphaTensor);
          if (info && (info.numel !== 1 || info.dims.length > 1)) {
            report2({
              file: module.alphaTensor.file.file,
              tensor: module.alphaTensor.name,
              message: `${module.alphaTensor.name} has shape [${info.dims.join(", ")}] but kohya's alpha is a scalar; save it as a 0-dim tensor holding the alpha value.`,
              data: { shape: info.dims }
            });
          }
        }
        if (missingAlpha.length > 0) {
          report2({
            file: adapter.weights.find((w) => w.header !== null)?.file ?? adapter.path,
            severity: "warning",
            message: `${missingAlpha.length} of ${adapter.modules.length} kohya ${adapter.modules.length === 1 ? "module has" : missingAlpha.length === 1 ? "modules has" : "modules have"} no .alpha tensor, e.g. ${examples(missingAlpha, 1)}: loaders then assume alpha = rank (scale 1); add the .alpha values used in training.`,
            data: { count: missingAlpha.length }
          });
        }
      }
    };
  }
});

// src/rules/support/zero-update.ts
function statsOf(adapter, ref) {
  return ref ? adapter.stats.get(ref.name) : void 0;
}
function isAdaLora(adapter) {
  return adapter.layout === "peft" && adapter.config?.peftType === "ADALORA";
}
function moduleUpdateVerdict(adapter, module) {
  if (module.magnitude || moduleConfig(adapter, module)?.useDora) return "dora";
  const down = statsOf(adapter, module.down);
  const up = statsOf(adapter, module.up);
  if (!down || !up || down.elements === 0 || up.elements === 0) return "unknown";
  const cause = zeroCause(adapter, module);
  if (cause === null) {
    if (usesSingularValues(adapter, module)) {
      const e = statsOf(adapter, module.singularValues);
      if (!e || e.elements === 0) return "unknown";
    } else if (isAdaLora(adapter)) {
      return "zero";
    }
    return "nonzero";
  }
  if (module.upBias && moduleScaling(adapter, module) !== 0) {
    const bias = statsOf(adapter, module.upBias);
    if (!bias) return "unknown";
    if (!bias.allZero) return "nonzero";
  }
  return "zero";
}
function zeroCause(adapter, module) {
  const e = usesSingularValues(adapter, module) ? module.singularValues : void 0;
  for (const factor of [e, module.up, module.down]) {
    if (factor && statsOf(adapter, factor)?.allZero) return { kind: "factor", factor };
  }
  const probe = module.down ? adapter.products.get(module.down.name) : void 0;
  if (probe && probe.energy <= probe.noiseFloor) {
    const orthogonalInit = moduleConfig(adapter, module)?.initLoraWeights === "orthogonal";
    return { kind: "product", energy: probe.energy, noiseFloor: probe.noiseFloor, orthogonalInit };
  }
  if (moduleScaling(adapter, module) === 0) return { kind: "scaling" };
  return null;
}
function extraTensors(adapter) {
  const inModules = /* @__PURE__ */ new Set();
  for (const m of adapter.modules) {
    for (const ref of [m.down, m.up, m.magnitude, m.singularValues, m.upBias, m.alphaTensor])
      if (ref) inModules.add(ref.name);
  }
  const adalora = isAdaLora(adapter);
  return [...adapter.tensors.keys()].filter(
    (name) => !inModules.has(name) && !name.endsWith(".alpha") && !(adalora && name.endsWith(".ranknum"))
  );
}
var init_zero_update = __esm({
  "src/rules/support/zero-update.ts"() {
    "use strict";
    init_module_config();
    init_scaling();
  }
});

// src/rules/al301-zero-update.ts
var zeroUpdate;
var init_al301_zero_update = __esm({
  "src/rules/al301-zero-update.ts"() {
    "use strict";
    init_module_config();
    init_scaling();
    init_zero_update();
    zeroUpdate = {
      id: "AL301",
      slug: "zero-update",
      severity: "warning",
      description: "A module's update is exactly zero (an all-zero lora_B / lora_up, embedding factor or AdaLoRA lora_E, or a zero product B·A).",
      check({ adapter }, report2) {
        for (const module of adapter.modules) {
          if (moduleUpdateVerdict(adapter, module) !== "zero") continue;
          const cause = zeroCause(adapter, module);
          if (!cause) continue;
          const adalora = usesSingularValues(adapter, module);
          const product2 = adalora ? "B·(A⊙E)" : "B·A";
          switch (cause.kind) {
            case "factor": {
              const why2 = adalora && cause.factor === module.singularValues ? "AdaLoRA initialises lora_E to zero: never trained, or saved before training" : "never trained, or saved before training";
              report2({
                file: cause.factor.file.file,
                tensor: cause.factor.name,
                message: `Module ${module.name} does nothing: ${cause.factor.name} is all zeros, so its update ${product2} is zero (${why2}); check that this module was trained and saved from the trained model.`,
                data: { module: module.name }
              });
              break;
            }
            case "product": {
              const why2 = cause.orthogonalInit && cause.energy > 0 ? 'their product B·A is only the rounding noise of init_lora_weights="orthogonal", which makes B·A = 0 (never trained)' : "their product B·A is exactly zero (the rank components B uses are zero in A, or their terms cancel)";
              report2({
                file: module.up.file.file,
                tensor: module.up.name,
                message: `Module ${module.name} does nothing: neither factor is zero, but ${why2}; check that this module was trained and saved from the trained model.`,
                data: { module: module.name, probeEnergy: cause.energy, noiseFloor: cause.noiseFloor }
              });
              break;
            }
            case "scaling": {
              const field = (name) => moduleConfigField(adapter, module, name);
              report2({
                file: adapter.configFile ?? module.up.file.file,
                tensor: module.up.name,
                message: `Module ${module.name} does nothing: its scaling ${field("lora_alpha")}/${field("r")} is 0 (${field("lora_alpha")} or its ${field("alpha_pattern")} entry in ${moduleConfigSource(adapter)} is 0), so the update s·${product2} is zero; set ${field("lora_alpha")} to the value used in training.`,
                data: { module: module.name, scaling: 0 }
              });
              break;
            }
          }
        }
      }
    };
  }
});

// src/rules/al302-no-op-adapter.ts
var noOpAdapter;
var init_al302_no_op_adapter = __esm({
  "src/rules/al302-no-op-adapter.ts"() {
    "use strict";
    init_peft_keys();
    init_zero_update();
    noOpAdapter = {
      id: "AL302",
      slug: "no-op-adapter",
      severity: "error",
      description: "Every module's update is zero: the adapter does nothing.",
      check({ adapter }, report2) {
        const file = adapter.weights.find((w) => w.header !== null)?.file;
        if (!file) return;
        if (adapter.tensors.size === 0 && adapter.layout === "peft") {
          report2({
            file,
            message: `${file} holds no tensors, so the adapter does nothing (a known result of overriding model.state_dict before save_pretrained); save the trained adapter again.`
          });
          return;
        }
        if (adapter.modules.length === 0) return;
        if (!adapter.modules.every((m) => moduleUpdateVerdict(adapter, m) === "zero")) return;
        const extras = extraTensors(adapter);
        if (extras.length > 0) return;
        const found = adapter.modules.map((m) => zeroCause(adapter, m));
        const causes = new Set(found.map((c) => c?.kind ?? "missing-e"));
        const orthogonal = found.some((c) => c?.kind === "product" && c.orthogonalInit);
        const what = causes.has("factor") ? "an all-zero factor" : causes.has("product") ? "factors whose product is zero" : "no lora_E";
        const hint = [
          causes.has("factor") ? "under DeepSpeed ZeRO-3, gather the weights first" : null,
          causes.has("product") ? orthogonal ? 'factors as init_lora_weights="orthogonal" creates them were never trained' : "the factors cancel each other out" : null,
          causes.has("scaling") ? "lora_alpha 0 scales every update to zero" : null,
          causes.has("missing-e") ? "save lora_E with the factors: without it PEFT keeps AdaLoRA at zero" : null
        ].filter((h) => h !== null);
        report2({
          file,
          message: `${adapter.modules.length === 1 ? "The only module" : `Every one of the ${adapter.modules.length} modules`} in ${file} has a zero update (${causes.size > 1 ? "zero factors, zero products or zero scaling" : causes.has("scaling") ? "a scaling of 0" : what}; e.g. ${examples(
            adapter.modules.map((m) => m.name),
            1
          )}), so the adapter does nothing and merge_and_unload() returns the base model unchanged; save the adapter from the trained model (${hint.join("; ")}).`,
          data: { modules: adapter.modules.length }
        });
      }
    };
  }
});

// src/rules/al401-missing-config.ts
var missingConfig;
var init_al401_missing_config = __esm({
  "src/rules/al401-missing-config.ts"() {
    "use strict";
    missingConfig = {
      id: "AL401",
      slug: "missing-config",
      severity: "error",
      description: "PEFT-layout weights with no adapter_config.json beside them.",
      check({ adapter }, report2) {
        if (adapter.layout !== "peft" || adapter.configFile !== null) return;
        const file = adapter.weights[0]?.file ?? adapter.path;
        report2({
          file,
          message: `${file} holds PEFT-layout weights but there is no adapter_config.json beside it, so PEFT can't load it; save the config with the weights (model.save_pretrained writes both).`
        });
      }
    };
  }
});

// src/rules/al402-invalid-config.ts
var invalidConfig;
var init_al402_invalid_config = __esm({
  "src/rules/al402-invalid-config.ts"() {
    "use strict";
    invalidConfig = {
      id: "AL402",
      slug: "invalid-config",
      severity: "error",
      description: "adapter_config.json (or a diffusers file's lora_adapter_metadata) is not valid JSON, or a field has a wrong type or value.",
      check({ adapter }, report2) {
        if (adapter.configFile) {
          for (const error of adapter.configErrors) {
            report2({
              file: adapter.configFile,
              message: `${adapter.configFile}: ${error}; fix the file so PEFT can read it.`
            });
          }
        }
        const embedded = adapter.embeddedConfig;
        if (!embedded) return;
        for (const error of embedded.errors) {
          report2({
            file: embedded.file,
            message: `${embedded.file}: the LoRA config in __metadata__["lora_adapter_metadata"]: ${error}; diffusers builds its LoraConfig from it on load, so write the config used in training there (save_lora_weights does).`
          });
        }
      }
    };
  }
});

// src/rules/al403-config-mismatch.ts
function flagMismatches(config, modules, words, report2) {
  const { at, field, where, loader, weights } = words;
  const withMagnitude = modules.filter((m) => m.magnitude);
  if (config.useDora && withMagnitude.length === 0 && modules.length > 0) {
    report2({
      ...at,
      message: `${field("use_dora")}${where} is true but ${weights} have no lora_magnitude_vector tensors, so ${loader} leaves the magnitudes at their initial values; save the DoRA adapter again or set ${field("use_dora")} to false if it was plain LoRA.`
    });
  }
  if (!config.useDora && withMagnitude.length > 0) {
    report2({
      ...at,
      tensor: withMagnitude[0].magnitude.name,
      message: `${weights.charAt(0).toUpperCase()}${weights.slice(1)} hold ${withMagnitude.length} lora_magnitude_vector tensor(s) (DoRA) but ${field("use_dora")}${where} is false, so ${loader} ignores them and the adapter behaves differently; set ${field("use_dora")} to true.`,
      data: { count: withMagnitude.length }
    });
  }
  if (config.loraBias && !modules.some((m) => m.upBias)) {
    report2({
      ...at,
      message: `${field("lora_bias")}${where} is true but no lora_B.bias tensor is saved; save the adapter again or set ${field("lora_bias")} to false.`
    });
  }
}
function diffusersMismatches(adapter, report2) {
  const embedded = adapter.embeddedConfig;
  if (!embedded) return;
  for (const component of moduleComponents(adapter)) {
    const module = component === "" ? {} : { component };
    const modules = adapter.modules.filter((m) => (m.component ?? "") === component);
    if (embedded.declared && !embedded.declared.has(component)) {
      report2(undeclaredComponent(embedded.file, component, modules, embedded.declared));
      continue;
    }
    const config = moduleConfig(adapter, module);
    if (!config) continue;
    flagMismatches(
      config,
      modules,
      {
        at: { file: embedded.file },
        field: (name) => moduleConfigField(adapter, module, name),
        where: ` in lora_adapter_metadata`,
        loader: "diffusers",
        weights: component === "" ? "the weights" : `the ${component} weights`
      },
      report2
    );
  }
}
function undeclaredComponent(file, component, modules, declared) {
  const which = component === "" ? "bare LoraConfig fields (for keys with no component prefix)" : `${component}.* fields`;
  const what = component === "" ? "module(s) whose keys have no component prefix" : `${component} LoRA module(s)`;
  const has = declared.size === 0 ? "lora_adapter_metadata is an empty object" : `lora_adapter_metadata has no ${which} (only ${[...declared].map((c) => c === "" ? "bare fields" : `${c}.*`).join(", ")})`;
  const save = component === "" ? "save the model with save_lora_adapter, which writes them" : `save with save_lora_weights(..., ${component}_lora_adapter_metadata=...)`;
  const first = modules[0];
  return {
    file,
    ...first?.down ? { tensor: first.down.name } : {},
    message: `${has} but the file holds ${modules.length} ${what}, e.g. ${inlineCode(first?.name ?? "")}: diffusers then takes {} as their LoraConfig instead of inferring it from the tensors and fails to load the file (KeyError: 'rank_pattern'); ${save}, or remove lora_adapter_metadata so diffusers infers every config from the tensors.`,
    data: { component, modules: modules.length, declared: [...declared].sort() }
  };
}
function missingSavedModules(adapter, config) {
  const entries = [...new Set(config.modulesToSave ?? [])];
  if (entries.length === 0) return [];
  const covered = /* @__PURE__ */ new Set();
  for (const { key } of peftStyleTensors(adapter)) {
    if (key.part !== null) continue;
    const path = key.module ? `${key.module}.${key.suffix}` : key.suffix;
    const segs = path.split(".");
    for (let end = segs.length - 1; end >= 1; end--) {
      const owner = segs.slice(0, end).join(".");
      for (const entry of entries) if (owner.endsWith(entry)) covered.add(entry);
    }
  }
  const heads = taskHeads(config);
  const listedHeads = entries.filter((e) => heads.includes(e));
  const missing = entries.filter((e) => !covered.has(e) && !heads.includes(e));
  if (listedHeads.length > 0 && !listedHeads.some((h) => covered.has(h)))
    missing.push(listedHeads.join(" / "));
  return missing;
}
var configMismatch;
var init_al403_config_mismatch = __esm({
  "src/rules/al403-config-mismatch.ts"() {
    "use strict";
    init_module_config();
    init_target_match();
    init_inline_code();
    init_peft_keys();
    configMismatch = {
      id: "AL403",
      slug: "config-mismatch",
      severity: "error",
      description: "adapter_config.json (or a diffusers file's lora_adapter_metadata) and the tensors disagree (use_dora, modules_to_save, lora_bias, a diffusers component the metadata leaves out).",
      check({ adapter }, report2) {
        if (adapter.layout === "diffusers") {
          diffusersMismatches(adapter, report2);
          return;
        }
        const config = adapter.config;
        if (adapter.layout !== "peft" || !config || adapter.modules.length === 0 && adapter.tensors.size === 0)
          return;
        const file = adapter.configFile ?? void 0;
        const at = file ? { file } : {};
        flagMismatches(
          config,
          adapter.modules,
          { at, field: (name) => name, where: "", loader: "PEFT", weights: "the weights" },
          report2
        );
        for (const entry of missingSavedModules(adapter, config)) {
          report2({
            ...at,
            message: `modules_to_save lists "${entry}" but the weights hold no tensor for it, and PEFT raises a KeyError on load; save the trained module or remove the entry.`,
            data: { entry }
          });
        }
      }
    };
  }
});

// src/rules/al404-misnamed-weights.ts
var misnamedWeights;
var init_al404_misnamed_weights = __esm({
  "src/rules/al404-misnamed-weights.ts"() {
    "use strict";
    misnamedWeights = {
      id: "AL404",
      slug: "misnamed-weights",
      severity: "error",
      description: "An adapter_config.json whose folder has no adapter_model.safetensors / adapter_model.bin.",
      check({ adapter }, report2) {
        if (adapter.misnamedWeights === void 0) return;
        const others = adapter.misnamedWeights;
        const file = adapter.configFile ?? adapter.path;
        report2({
          file,
          message: others.length > 0 ? `${adapter.path} has adapter_config.json but no adapter_model.safetensors; the weights are saved as ${others.join(", ")}, which PEFT never looks for, so rename the file to adapter_model.safetensors.` : `${adapter.path} has adapter_config.json but no adapter_model.safetensors or adapter_model.bin, so PEFT finds no weights; add the weights file saved with the config.`,
          data: { weights: others }
        });
      }
    };
  }
});

// src/merge/finding-target.ts
function adapterTarget(adapter, stats) {
  const module = adapter.modules.find((m) => m.name === stats.module);
  const ref = module?.down ?? module?.up;
  return ref ? { file: ref.file.file, tensor: ref.name } : { tensor: stats.module };
}
function mergedTarget(adapter, stats) {
  if (stats.mergedFile && stats.mergedTensor) return { file: stats.mergedFile, tensor: stats.mergedTensor };
  return adapterTarget(adapter, stats);
}
function num(x, digits = 3) {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}
function percent(x) {
  return `${Number((x * 100).toPrecision(3))}%`;
}
var init_finding_target = __esm({
  "src/merge/finding-target.ts"() {
    "use strict";
  }
});

// src/rules/al501-base-mismatch.ts
var al501BaseMismatch;
var init_al501_base_mismatch = __esm({
  "src/rules/al501-base-mismatch.ts"() {
    "use strict";
    init_finding_target();
    al501BaseMismatch = {
      id: "AL501",
      slug: "base-mismatch",
      severity: "error",
      description: "An adapter module has no weight in the base checkpoint, or the shapes disagree.",
      check(context, report2) {
        for (const stats of context.merge ?? []) {
          if (stats.baseMismatch) {
            report2({
              ...adapterTarget(context.adapter, stats),
              message: `${stats.module} can't be merged into the base: ${stats.baseMismatch}.`,
              data: { module: stats.module, baseTensor: stats.baseTensor, reason: stats.baseMismatch }
            });
          } else if (stats.error) {
            report2({
              ...adapterTarget(context.adapter, stats),
              message: `The test merge of ${stats.module} against ${stats.baseTensor ?? "the base"} failed: ${stats.error}.`,
              data: { module: stats.module, baseTensor: stats.baseTensor, error: stats.error }
            });
          }
        }
      }
    };
  }
});

// src/rules/al502-merge-no-op.ts
var measured, al502MergeNoOp;
var init_al502_merge_no_op = __esm({
  "src/rules/al502-merge-no-op.ts"() {
    "use strict";
    init_finding_target();
    measured = (s) => !s.baseMismatch && !s.error && !s.skipped && Number.isFinite(s.baseNorm);
    al502MergeNoOp = {
      id: "AL502",
      slug: "merge-no-op",
      severity: "error",
      description: "The test merge leaves the base weights unchanged: ||scale*B*A||_F / ||W||_F is below the threshold.",
      check(context, report2) {
        const modules = (context.merge ?? []).filter(measured);
        const below = modules.filter((s) => !(s.ratio >= context.noOpThreshold));
        if (below.length === 0) return;
        if (below.length === modules.length) {
          const largest = modules.reduce(
            (max, s) => Math.max(max, Number.isFinite(s.ratio) ? s.ratio : 0),
            -Infinity
          );
          report2({
            message: `Merging this adapter leaves the model unchanged: in all ${modules.length} modules the update is below ${num(context.noOpThreshold)} of the base weight (largest ratio ${num(largest)}); check that training updated lora_B and that the right checkpoint was saved.`,
            data: { modules: modules.length, largestRatio: largest, threshold: context.noOpThreshold }
          });
          return;
        }
        for (const s of below) {
          report2({
            ...adapterTarget(context.adapter, s),
            severity: "warning",
            message: `${s.module}: the update is ${num(s.ratio)} of the base weight's norm (below ${num(context.noOpThreshold)}), so merging it changes nothing.`,
            data: { module: s.module, ratio: s.ratio, updateNorm: s.updateNorm, baseNorm: s.baseNorm }
          });
        }
      }
    };
  }
});

// src/rules/al503-precision-loss.ts
var al503PrecisionLoss;
var init_al503_precision_loss = __esm({
  "src/rules/al503-precision-loss.ts"() {
    "use strict";
    init_finding_target();
    al503PrecisionLoss = {
      id: "AL503",
      slug: "precision-loss",
      severity: "warning",
      description: "Merging in the base dtype rounds most of the update away: W + dW rounds back to W.",
      check(context, report2) {
        for (const s of context.merge ?? []) {
          if (s.roundingLoss === void 0 || s.error || s.baseMismatch) continue;
          if (s.baseDtype !== "BF16" && s.baseDtype !== "F16" || s.updateNorm === 0) continue;
          if (!(s.roundingLoss > context.precisionThreshold)) continue;
          const interval = s.roundingLossInterval;
          const how = s.exact ? "of all elements" : `estimated from ${s.roundingRows ?? 0} sampled rows${interval ? `, 95% interval ${percent(interval[0])}–${percent(interval[1])}` : ""}`;
          report2({
            ...adapterTarget(context.adapter, s),
            message: `${s.module}: merging into ${s.baseDtype ?? "the base dtype"} rounds the update away for ${percent(s.roundingLoss)} of the weights (${how}); merge in float32 or keep the adapter unmerged.`,
            data: {
              module: s.module,
              roundingLoss: s.roundingLoss,
              interval,
              exact: s.exact ?? false,
              baseDtype: s.baseDtype,
              threshold: context.precisionThreshold
            }
          });
        }
      }
    };
  }
});

// src/rules/al504-merged-mismatch.ts
var al504MergedMismatch;
var init_al504_merged_mismatch = __esm({
  "src/rules/al504-merged-mismatch.ts"() {
    "use strict";
    init_finding_target();
    al504MergedMismatch = {
      id: "AL504",
      slug: "merged-mismatch",
      severity: "error",
      description: "A given merged checkpoint is not base + update within a dtype-aware tolerance.",
      check(context, report2) {
        for (const s of context.merge ?? []) {
          if (s.error || s.baseMismatch) continue;
          const target = mergedTarget(context.adapter, s);
          if (s.mergedVerdict === "not-applied") {
            report2({
              ...target,
              message: `${s.module}: merge not applied — the merged weight equals the base weight bit for bit, though the update is ${num(s.ratio)} of its norm; merge again (merge_and_unload() on the model that has the adapter loaded) and save that model.`,
              data: { module: s.module, verdict: s.mergedVerdict, ratio: s.ratio }
            });
          } else if (s.mergedVerdict === "mismatch") {
            report2({
              ...target,
              message: `${s.module}: the merged weight is not base + scale*B*A: ${s.mergedDetail ?? "values differ"}. Check the scale (alpha/r, rsLoRA), fan_in_fan_out and which adapter was merged.`,
              data: {
                module: s.module,
                verdict: s.mergedVerdict,
                detail: s.mergedDetail,
                maxError: s.maxMergedError
              }
            });
          }
        }
      }
    };
  }
});

// src/rules/al505-merge-overflow.ts
var al505MergeOverflow;
var init_al505_merge_overflow = __esm({
  "src/rules/al505-merge-overflow.ts"() {
    "use strict";
    init_finding_target();
    al505MergeOverflow = {
      id: "AL505",
      slug: "merge-overflow",
      severity: "error",
      description: "The merged weights overflow to +/-Inf, or hold NaN, in the target dtype.",
      check(context, report2) {
        for (const s of context.merge ?? []) {
          if (s.error || s.baseMismatch) continue;
          const inf = s.overflowCount ?? 0;
          const nan = s.nanCount ?? 0;
          if (inf + nan > 0) {
            const where = s.overflowAt ? ` (first at [${s.overflowAt.join(", ")}])` : "";
            report2({
              ...adapterTarget(context.adapter, s),
              message: `${s.module}: merging into ${s.baseDtype ?? "the base dtype"} gives ${inf} infinite and ${nan} NaN weights${where}; the update is too large for the dtype (merge in float32/bfloat16 or retrain).`,
              data: { module: s.module, inf, nan, at: s.overflowAt, baseDtype: s.baseDtype }
            });
          }
          if ((s.mergedNonFinite ?? 0) > 0) {
            report2({
              ...mergedTarget(context.adapter, s),
              message: `${s.module}: the merged checkpoint holds ${s.mergedNonFinite} NaN or infinite values in ${s.mergedTensor ?? "this weight"}.`,
              data: { module: s.module, mergedNonFinite: s.mergedNonFinite }
            });
          }
        }
      }
    };
  }
});

// src/rules/registry.ts
function findRule(idOrSlug) {
  return RULES.find((r) => r.id === idOrSlug || r.slug === idOrSlug);
}
var RULES;
var init_registry = __esm({
  "src/rules/registry.ts"() {
    "use strict";
    init_al101_invalid_safetensors();
    init_al102_lfs_pointer();
    init_al103_pickle_weights();
    init_al104_non_finite();
    init_al105_bad_shard_index();
    init_al106_empty_tensor();
    init_al107_unsafe_path();
    init_al201_doubled_adapter_name();
    init_al202_adapter_name_in_key();
    init_al203_missing_prefix();
    init_al204_doubled_prefix();
    init_al205_wrapper_leak();
    init_al206_unpaired_lora();
    init_al207_rank_mismatch();
    init_al208_untargeted_module();
    init_al209_unexpected_tensor();
    init_al210_unrecognized_layout();
    init_al211_kohya_key_format();
    init_al301_zero_update();
    init_al302_no_op_adapter();
    init_al401_missing_config();
    init_al402_invalid_config();
    init_al403_config_mismatch();
    init_al404_misnamed_weights();
    init_al501_base_mismatch();
    init_al502_merge_no_op();
    init_al503_precision_loss();
    init_al504_merged_mismatch();
    init_al505_merge_overflow();
    RULES = [
      // AL1xx: the file itself
      invalidSafetensors2,
      lfsPointer,
      pickleWeights,
      nonFinite,
      badShardIndex,
      emptyTensor,
      unsafePath,
      // AL2xx: tensor names
      doubledAdapterName,
      adapterNameInKey,
      missingPrefix,
      doubledPrefix,
      wrapperLeak,
      unpairedLora,
      rankMismatch,
      untargetedModule,
      unexpectedTensor,
      unrecognizedLayout,
      kohyaKeyFormat,
      // AL3xx: tensor values
      zeroUpdate,
      noOpAdapter,
      // AL4xx: the adapter folder and its config
      missingConfig,
      invalidConfig,
      configMismatch,
      misnamedWeights,
      al501BaseMismatch,
      al502MergeNoOp,
      al503PrecisionLoss,
      al504MergedMismatch,
      al505MergeOverflow
    ];
  }
});

// src/config-file.ts
import { readFile, stat as stat4 } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { resolve as resolve6 } from "node:path";
async function loadConfig(cwd, explicit, rules = RULES) {
  const file = explicit ?? DEFAULT_CONFIG_FILE;
  const absolute = resolve6(cwd, file);
  const exists = await stat4(absolute).then(
    (s) => s.isFile(),
    () => false
  );
  if (!exists) {
    if (explicit !== void 0) throw new ConfigError(file, null, "no such file");
    return { file: null, config: EMPTY_CONFIG };
  }
  let text;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new ConfigError(file, null, `cannot be read (${error.message})`);
  }
  return { file, config: parseConfig(text, file, rules) };
}
function parseConfig(text, file, rules = RULES) {
  let value;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ConfigError(file, null, `not valid JSON (${error.message})`);
  }
  return validateConfig(value, file, rules);
}
function validateConfig(value, file, rules = RULES) {
  const fail = (field, detail) => {
    throw new ConfigError(file, field, detail);
  };
  if (!isPlainObject(value)) return fail(null, "must be a JSON object");
  rejectUnknownKeys(value, TOP_LEVEL_KEYS, "", fail);
  const ruleIdOf = (raw, field) => {
    try {
      return resolveRuleId(raw, rules);
    } catch (error) {
      return fail(field, error.message);
    }
  };
  const readRules = (raw, field) => {
    if (raw === void 0) return {};
    if (!isPlainObject(raw))
      return fail(field, 'must be an object of rule ID -> "error" | "warning" | "note" | "off"');
    const out = {};
    for (const [key, severity] of Object.entries(raw)) {
      const id = ruleIdOf(key, `${field}.${key}`);
      if (typeof severity !== "string" || !SEVERITY_VALUES.includes(severity))
        fail(
          `${field}.${key}`,
          `must be one of ${SEVERITY_VALUES.map((s) => `"${s}"`).join(", ")}, got ${show(severity)}`
        );
      out[id] = severity;
    }
    return out;
  };
  const readRuleList = (raw, field) => readStrings(raw, field, fail).map((s, i) => ruleIdOf(s, `${field}[${i}]`));
  const overridesRaw = value.overrides;
  if (overridesRaw !== void 0 && !Array.isArray(overridesRaw))
    fail("overrides", 'must be an array of { "files": [...], "rules": {...} }');
  const overrides = (overridesRaw ?? []).map((entry, i) => {
    const field = `overrides[${i}]`;
    if (!isPlainObject(entry)) return fail(field, 'must be an object with "files" and "rules"');
    rejectUnknownKeys(entry, OVERRIDE_KEYS, `${field}.`, fail);
    const files = readStrings(entry.files, `${field}.files`, fail);
    if (files.length === 0) fail(`${field}.files`, "must list at least one glob");
    const overrideRules = readRules(entry.rules, `${field}.rules`);
    for (const id of readRuleList(entry.ignore, `${field}.ignore`)) overrideRules[id] = "off";
    return { files, rules: overrideRules };
  });
  let failOn;
  if (value.failOn !== void 0) {
    if (typeof value.failOn !== "string" || !FAIL_ON_VALUES.includes(value.failOn))
      fail(
        "failOn",
        `must be one of ${FAIL_ON_VALUES.map((s) => `"${s}"`).join(", ")}, got ${show(value.failOn)}`
      );
    failOn = value.failOn;
  }
  return {
    rules: readRules(value.rules, "rules"),
    ignore: readRuleList(value.ignore, "ignore"),
    overrides,
    exclude: readStrings(value.exclude, "exclude", fail),
    ...failOn ? { failOn } : {}
  };
}
function resolveRuleId(idOrSlug, rules = RULES) {
  const wanted = idOrSlug.trim();
  const lower = wanted.toLowerCase();
  const match = rules.find((r) => r.id.toLowerCase() === lower || r.slug.toLowerCase() === lower);
  if (match) return match.id;
  const suggestion = nearestRule(wanted, rules);
  throw new Error(`unknown rule "${idOrSlug}"${suggestion ? ` (did you mean ${suggestion}?)` : ""}`);
}
function resolveRuleSettings(config, selection, rules = RULES) {
  const off = /* @__PURE__ */ new Set([...config.ignore, ...selection.ignore ?? []]);
  if (selection.select && selection.select.length > 0) {
    const keep = new Set(selection.select);
    for (const r of rules) if (!keep.has(r.id)) off.add(r.id);
  }
  const settings = { ...config.rules };
  for (const id of off) settings[id] = "off";
  const overrides = config.overrides.map((o) => ({
    files: o.files,
    rules: Object.fromEntries(Object.entries(o.rules).map(([id, s]) => [id, off.has(id) ? "off" : s]))
  }));
  return { rules: settings, overrides };
}
function nearestRule(wanted, rules) {
  let best = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const r of rules) {
    for (const name of [r.id, r.slug]) {
      const d = editDistance(wanted.toLowerCase(), name.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = name === r.id ? r.id : `${r.id} (${r.slug})`;
      }
    }
  }
  return bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : null;
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    previous = current;
  }
  return previous[b.length];
}
function readStrings(raw, field, fail) {
  if (raw === void 0) return [];
  if (!Array.isArray(raw)) return fail(field, `must be an array of strings, got ${show(raw)}`);
  return raw.map((item, i) => {
    if (typeof item !== "string" || item.trim() === "")
      fail(`${field}[${i}]`, `must be a non-empty string, got ${show(item)}`);
    return item;
  });
}
function rejectUnknownKeys(object, allowed, prefix, fail) {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const near = allowed.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
    fail(
      `${prefix}${key}`,
      `unknown field${near ? ` (did you mean "${near}"?)` : ""}; allowed: ${allowed.join(", ")}`
    );
  }
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function show(value) {
  const text = JSON.stringify(value);
  return text === void 0 ? String(value) : text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
function parseShard(text) {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count)
    throw new Error(`must be I/N with 1 <= I <= N, e.g. 2/4 (got "${text}")`);
  return { index, count };
}
function parseThreads(text, cores = availableParallelism()) {
  if (!/^\d+$/.test(text.trim())) throw new Error(`must be a whole number >= 0 (got "${text}")`);
  const threads = Number(text.trim());
  const max = THREADS_PER_CORE * cores;
  if (threads > max)
    throw new Error(
      `must be at most ${max} (${THREADS_PER_CORE} x the ${cores} available core${cores === 1 ? "" : "s"}) (got "${text}")`
    );
  return threads;
}
function parseNumberInRange(text, min, max) {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `between ${min} and ${max}`;
    throw new Error(`must be a number ${range} (got "${text}")`);
  }
  return value;
}
function parseNoOpThreshold(text) {
  return parseNumberInRange(text, 0, Number.POSITIVE_INFINITY);
}
function parsePrecisionThreshold(text) {
  return parseNumberInRange(text, 0, 1);
}
var DEFAULT_CONFIG_FILE, EMPTY_CONFIG, ConfigError, SEVERITY_VALUES, FAIL_ON_VALUES, TOP_LEVEL_KEYS, OVERRIDE_KEYS, THREADS_PER_CORE;
var init_config_file = __esm({
  "src/config-file.ts"() {
    "use strict";
    init_registry();
    DEFAULT_CONFIG_FILE = ".adapter-lint.json";
    EMPTY_CONFIG = { rules: {}, ignore: [], overrides: [], exclude: [] };
    ConfigError = class extends Error {
      constructor(file, field, detail) {
        super(field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
        this.file = file;
        this.field = field;
        this.name = "ConfigError";
      }
      file;
      field;
    };
    SEVERITY_VALUES = ["error", "warning", "note", "off"];
    FAIL_ON_VALUES = ["error", "warning", "note", "never"];
    TOP_LEVEL_KEYS = ["$schema", "rules", "ignore", "overrides", "exclude", "failOn"];
    OVERRIDE_KEYS = ["files", "rules", "ignore"];
    THREADS_PER_CORE = 4;
  }
});

// src/fix/format.ts
function formatFixResult(result, dryRun) {
  const lines = [];
  const verb = dryRun ? "would rename" : "renamed";
  let keys = 0;
  for (const plan of result.plans) {
    for (const file of plan.files) {
      for (const rename2 of file.renames) {
        lines.push(`${file.file}: ${verb} ${rename2.from} -> ${rename2.to} (${rename2.rules.join(", ")})`);
        keys++;
      }
    }
    if (plan.index) {
      lines.push(
        `${plan.index.file}: ${dryRun ? "would update" : "updated"} ${plan.index.renames.length} weight_map key(s) to match the shards`
      );
    }
    if (plan.fileRename) lines.push(`${verb} file ${plan.fileRename.from} -> ${plan.fileRename.to} (AL404)`);
    for (const refusal of plan.refused)
      lines.push(`${refusal.file}: not fixed (${refusal.rule}): ${refusal.reason}`);
  }
  for (const notice of result.notices) lines.push(`notice: ${notice}`);
  for (const failure of result.failures) lines.push(`${failure.file}: fix failed: ${failure.message}`);
  const fileRenames = result.plans.filter((p) => p.fileRename).length;
  const summary = dryRun ? `fix dry run: ${keys} key rename(s) and ${fileRenames} file rename(s) planned; nothing was changed` : `fix: ${keys - failedKeys(result)} key rename(s) and ${fileRenames} file rename(s) applied in ${result.changedFiles} file(s)` + (result.failures.length > 0 ? `; ${result.failures.length} failed` : "");
  lines.push(summary);
  return `${lines.join("\n")}
`;
}
function failedKeys(result) {
  const failed = new Set(result.failures.map((f) => f.file));
  let count = 0;
  for (const plan of result.plans)
    for (const file of plan.files) if (failed.has(file.file)) count += file.renames.length;
  return count;
}
var init_format = __esm({
  "src/fix/format.ts"() {
    "use strict";
  }
});

// src/merge/wilson.ts
function wilsonInterval(p, n, z = 1.96) {
  if (n <= 0) return [0, 1];
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
function studentT975(df) {
  if (df < 1) return Number.POSITIVE_INFINITY;
  if (df <= T975.length) return T975[Math.floor(df) - 1];
  const z = 1.959964;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}
function roundingInterval(rowFractions, elements, totalRows) {
  const k = rowFractions.length;
  if (k === 0) return [0, 1];
  const p = rowFractions.reduce((a, b) => a + b, 0) / k;
  if (k >= totalRows) return [p, p];
  let n = elements;
  if (k > 1) {
    const spread = rowFractions.reduce((a, f) => a + (f - p) ** 2, 0) / (k - 1);
    const variance = spread / k * (1 - k / totalRows);
    if (variance > 0 && p > 0 && p < 1) n = Math.min(elements, p * (1 - p) / variance);
  }
  return wilsonInterval(p, Math.max(1, n), k > 1 ? studentT975(k - 1) : void 0);
}
var T975;
var init_wilson = __esm({
  "src/merge/wilson.ts"() {
    "use strict";
    T975 = [
      12.706,
      4.303,
      3.182,
      2.776,
      2.571,
      2.447,
      2.365,
      2.306,
      2.262,
      2.228,
      2.201,
      2.179,
      2.16,
      2.145,
      2.131,
      2.12,
      2.11,
      2.101,
      2.093,
      2.086,
      2.08,
      2.074,
      2.069,
      2.064,
      2.06,
      2.056,
      2.052,
      2.048,
      2.045,
      2.042
    ];
  }
});

// src/merge/aggregate.ts
function moduleStats(planned, work, results, exact) {
  let baseSquares = 0;
  let updateSquares = 0;
  let roundedAway = 0;
  let elements = 0;
  let inf = 0;
  let nan = 0;
  let first = null;
  const fractions = [];
  for (const r of [...results].sort((a, b) => a.rowStart - b.rowStart)) {
    baseSquares += r.baseSumSquares;
    if (r.updateSumSquares !== null) updateSquares += r.updateSumSquares;
    roundedAway += r.rounding.roundedAway;
    elements += r.rounding.elements;
    fractions.push(...r.rounding.rowFractions);
    inf += r.overflow.inf;
    nan += r.overflow.nan;
    first ??= r.overflow.first;
  }
  const updateNorm = Math.sqrt(updateSquares);
  const baseNorm = Math.sqrt(baseSquares);
  const ratio = baseNorm > 0 ? updateNorm / baseNorm : updateNorm > 0 ? Number.POSITIVE_INFINITY : 0;
  const roundingLoss = elements > 0 ? roundedAway / elements : void 0;
  const allRows = exact || work.dora !== "none";
  let stats = {
    ...planned,
    updateNorm,
    baseNorm,
    ratio,
    roundingLoss,
    roundingLossInterval: roundingLoss === void 0 ? void 0 : roundingInterval(fractions, elements, allRows ? fractions.length : work.rows),
    roundingRows: fractions.length,
    exact: allRows,
    overflowCount: inf,
    nanCount: nan,
    overflowAt: first ?? void 0
  };
  if (work.merged) stats = { ...stats, ...mergedVerdict(results, updateNorm) };
  return stats;
}
function mergedVerdict(results, updateNorm) {
  let bitIdentical = true;
  let probeRows = 0;
  let probeFail = 0;
  let worst = 0;
  let exactRows = 0;
  let mismatches = 0;
  let exactElements = 0;
  let maxError = 0;
  let firstMismatch = null;
  let nonFinite2 = 0;
  for (const r of [...results].sort((a, b) => a.rowStart - b.rowStart)) {
    const m = r.merged;
    if (!m) continue;
    bitIdentical &&= m.bitIdentical;
    probeRows += m.probeRows;
    probeFail += m.probeFailRows;
    worst = Math.max(worst, m.worstProbe);
    exactRows += m.exactRows;
    exactElements += m.exactElements;
    mismatches += m.mismatchElements;
    maxError = Math.max(maxError, m.maxError);
    firstMismatch ??= m.firstMismatch;
    nonFinite2 += m.nonFinite;
  }
  const bad = probeFail > 0 || mismatches > 0;
  const parts = [];
  if (probeFail > 0)
    parts.push(
      `${probeFail} of ${probeRows} rows fail the probe check (worst residual ${fmt(worst)}x the tolerance)`
    );
  if (mismatches > 0) {
    parts.push(
      `${mismatches} of ${exactElements} elements in ${exactRows} exactly checked rows differ beyond tolerance (first at [${firstMismatch?.join(", ")}], max error ${fmt(maxError)})`
    );
  }
  return {
    mergedVerdict: bad ? bitIdentical && updateNorm > 0 ? "not-applied" : "mismatch" : "ok",
    maxMergedError: maxError,
    mergedNonFinite: nonFinite2,
    mergedDetail: bad ? parts.join("; ") : void 0
  };
}
function fmt(x) {
  return Number.isFinite(x) ? x.toPrecision(3) : String(x);
}
var init_aggregate = __esm({
  "src/merge/aggregate.ts"() {
    "use strict";
    init_wilson();
  }
});

// src/merge/base-names.ts
function flatten(name) {
  return name.replaceAll(".", "_");
}
function modulePathFromKey(key) {
  let path = key.startsWith(PEFT_PREFIX2) ? key.slice(PEFT_PREFIX2.length) : key;
  for (const suffix of LORA_SUFFIXES) {
    if (path.endsWith(suffix)) {
      path = path.slice(0, -suffix.length);
      break;
    }
  }
  return path.replace(".processor.", ".");
}
function ldmUnetPaths(flat) {
  const one = ldmUnetPath(flat);
  if (one === null) return [];
  const upsampler = /^(output_blocks_\d+)_1_conv$/.exec(one);
  return upsampler ? [`${upsampler[1]}_2_conv`, one] : [one];
}
function ldmUnetPath(flat) {
  const resnet = (module, rest) => {
    for (const [from, to] of LDM_RESNET_PARTS) if (rest === from) return `${module}_${to}`;
    return null;
  };
  let m = /^down_blocks_(\d+)_(attentions|resnets)_(\d+)_(.+)$/.exec(flat);
  if (m) {
    const block = `input_blocks_${3 * Number(m[1]) + Number(m[3]) + 1}`;
    return m[2] === "attentions" ? `${block}_1_${m[4]}` : resnet(`${block}_0`, m[4]);
  }
  m = /^down_blocks_(\d+)_downsamplers_0_conv$/.exec(flat);
  if (m) return `input_blocks_${3 * (Number(m[1]) + 1)}_0_op`;
  m = /^up_blocks_(\d+)_(attentions|resnets)_(\d+)_(.+)$/.exec(flat);
  if (m) {
    const block = `output_blocks_${3 * Number(m[1]) + Number(m[3])}`;
    return m[2] === "attentions" ? `${block}_1_${m[4]}` : resnet(`${block}_0`, m[4]);
  }
  m = /^up_blocks_(\d+)_upsamplers_0_conv$/.exec(flat);
  if (m) return `output_blocks_${3 * Number(m[1]) + 2}_1_conv`;
  m = /^mid_block_attentions_0_(.+)$/.exec(flat);
  if (m) return `middle_block_1_${m[1]}`;
  m = /^mid_block_resnets_(\d+)_(.+)$/.exec(flat);
  if (m) return resnet(`middle_block_${2 * Number(m[1])}`, m[2]);
  const fixed = {
    conv_in: "input_blocks_0_0",
    conv_out: "out_2",
    time_embedding_linear_1: "time_embed_0",
    time_embedding_linear_2: "time_embed_2"
  };
  return fixed[flat] ?? null;
}
function candidates(modulePath) {
  const path = modulePath.startsWith(PEFT_PREFIX2) ? modulePath.slice(PEFT_PREFIX2.length) : modulePath;
  const out = [{ name: `${path}.weight`, via: "as named" }];
  for (const prefix of MODEL_PREFIXES) {
    if (path.startsWith(`${prefix}.`)) {
      out.push({ name: `${path.slice(prefix.length + 1)}.weight`, via: `without ${prefix}.` });
    }
    out.push({ name: `${prefix}.${path}.weight`, via: `with ${prefix}.` });
  }
  for (const component of DIFFUSERS_COMPONENTS2) {
    if (path.startsWith(component)) {
      out.push({ name: `${path.slice(component.length)}.weight`, via: `without ${component}` });
    }
  }
  for (const [from, tos] of VLM_PREFIXES) {
    if (!path.startsWith(from)) continue;
    for (const to of tos)
      out.push({ name: `${to}${path.slice(from.length)}.weight`, via: `${from} as ${to}` });
  }
  const head = /(?:^|\.)(lm_head|proj_out)$/.exec(path);
  if (head) {
    const owner = path.slice(0, head.index);
    const tied = head[1] === "proj_out" ? ["model.decoder.embed_tokens"] : TIED_EMBEDDINGS;
    const prefixes = owner === "" ? [""] : [`${owner}.`, ""];
    for (const prefix of prefixes)
      for (const name of tied)
        out.push({ name: `${prefix}${name}.weight`, via: "tied to the input embeddings" });
  }
  return out;
}
var PEFT_PREFIX2, MODEL_PREFIXES, DIFFUSERS_COMPONENTS2, LORA_SUFFIXES, KOHYA_COMPONENTS, BaseNameResolver, LDM_RESNET_PARTS, VLM_PREFIXES, TIED_EMBEDDINGS;
var init_base_names = __esm({
  "src/merge/base-names.ts"() {
    "use strict";
    PEFT_PREFIX2 = "base_model.model.";
    MODEL_PREFIXES = [
      "model",
      "transformer",
      "model.language_model",
      "language_model.model",
      "language_model",
      "bert",
      "roberta",
      "deberta",
      "gpt_neox",
      "encoder",
      "vit",
      "text_model"
    ];
    DIFFUSERS_COMPONENTS2 = [
      "unet.",
      "transformer.",
      "text_encoder.",
      "text_encoder_2.",
      "text_encoder_3.",
      "prior."
    ];
    LORA_SUFFIXES = [
      ".lora_linear_layer.down.weight",
      ".lora_A.weight",
      ".lora_down.weight",
      ".lora.down.weight",
      ".lora_embedding_A",
      "_lora.down.weight",
      ".lora_A"
      // AdaLoRA: an nn.Parameter, no .weight
    ];
    KOHYA_COMPONENTS = [
      ["lora_unet_", ["", "unet.", "transformer.", "model.diffusion_model."]],
      [
        "lora_te1_",
        ["", "text_encoder.", "cond_stage_model.transformer.", "conditioner.embedders.0.transformer."]
      ],
      ["lora_te2_", ["", "text_encoder_2.", "conditioner.embedders.1.model."]],
      ["lora_te3_", ["", "text_encoder_3."]],
      ["lora_transformer_", ["", "transformer."]],
      ["lora_te_", ["", "text_encoder.", "cond_stage_model.transformer."]],
      ["lora_prior_unet_", ["", "prior."]],
      ["lora_prior_te_", ["", "prior_text_encoder.", "text_encoder."]]
    ];
    BaseNameResolver = class {
      constructor(names) {
        this.names = names;
        for (const name of names.keys()) {
          if (name.endsWith(".weight")) this.flat.set(flatten(name.slice(0, -".weight".length)), name);
        }
      }
      names;
      /** flattened module path → base weight name */
      flat = /* @__PURE__ */ new Map();
      /** The first candidate present in the base, with how it was found; null when none is. */
      resolve(modulePaths) {
        for (const path of modulePaths) {
          for (const candidate of candidates(path)) {
            if (this.names.has(candidate.name)) return candidate;
          }
          const kohya = this.kohya(path) ?? this.ldmUnet(path);
          if (kohya) return kohya;
        }
        return null;
      }
      /** ldm/sgm flattened UNet module path → a diffusers-named base weight; built on first use. */
      ldmIndex = null;
      /** An sgm-named kohya module (SDXL: `lora_unet_input_blocks_4_1_…`) in a diffusers-named base. */
      diffusersUnet(rest) {
        if (!this.ldmIndex) {
          this.ldmIndex = /* @__PURE__ */ new Map();
          for (const [flatPath, name] of this.flat) {
            const inside = flatPath.startsWith("unet_") ? flatPath.slice("unet_".length) : flatPath;
            for (const ldm of ldmUnetPaths(inside)) if (!this.ldmIndex.has(ldm)) this.ldmIndex.set(ldm, name);
          }
        }
        return this.ldmIndex.get(rest);
      }
      /** A diffusers-named UNet module (`unet.down_blocks.0…`) in an original single-file checkpoint. */
      ldmUnet(path) {
        const flat = flatten(path.startsWith("unet.") ? path.slice("unet.".length) : path);
        for (const ldm of ldmUnetPaths(flat)) {
          const name = this.flat.get(`model_diffusion_model_${ldm}`);
          if (name) return { name, via: `${path}, in the original UNet checkpoint's names` };
        }
        return null;
      }
      kohya(path) {
        for (const [prefix, components] of KOHYA_COMPONENTS) {
          if (!path.startsWith(prefix)) continue;
          const rest = path.slice(prefix.length);
          for (const component of components) {
            const name = this.flat.get(flatten(component) + rest);
            if (name) return { name, via: `kohya name ${path}` };
          }
          for (const ldm of prefix === "lora_unet_" ? ldmUnetPaths(rest) : []) {
            const name = this.flat.get(`model_diffusion_model_${ldm}`);
            if (name) return { name, via: `kohya name ${path}, in the original UNet checkpoint's names` };
          }
          const diffusers = prefix === "lora_unet_" ? this.diffusersUnet(rest) : void 0;
          if (diffusers) return { name: diffusers, via: `kohya name ${path}, in the diffusers UNet's names` };
        }
        return null;
      }
    };
    LDM_RESNET_PARTS = [
      ["conv1", "in_layers_2"],
      ["conv2", "out_layers_3"],
      ["time_emb_proj", "emb_layers_1"],
      ["conv_shortcut", "skip_connection"]
    ];
    VLM_PREFIXES = [
      ["model.language_model.", ["language_model.model.", "model."]],
      ["language_model.model.", ["model.language_model.", "model."]],
      ["language_model.lm_head", ["lm_head"]]
    ];
    TIED_EMBEDDINGS = [
      "model.embed_tokens",
      "embed_tokens",
      "transformer.wte",
      "wte",
      "model.decoder.embed_tokens",
      "model.language_model.embed_tokens",
      "language_model.model.embed_tokens",
      "shared",
      "model.shared"
    ];
  }
});

// src/merge/checkpoint.ts
import { readdir as readdir4, stat as stat5 } from "node:fs/promises";
import { basename as basename4, dirname as dirname5, join as join5, relative as relative5, resolve as resolve7, sep as sep4 } from "node:path";
function displayPath(cwd, path) {
  const rel = relative5(cwd, path);
  return (rel === "" ? "." : rel).split(sep4).join("/");
}
async function openCheckpoint(cwd, pathArg) {
  const path = resolve7(cwd, pathArg);
  const tensors = /* @__PURE__ */ new Map();
  const problems = [];
  const display = displayPath(cwd, path);
  const kind = await statKind(path);
  if (kind === null) {
    problems.push({ kind: "unreadable", file: display, message: `no such file or folder: ${display}` });
  } else if (kind === "file") {
    if (path.endsWith(".index.json")) await addSharded(cwd, path, "", tensors, problems);
    else await addFile(cwd, path, "", tensors, problems);
  } else {
    const found = await addFolder(cwd, path, "", tensors, problems);
    if (!found) {
      let any = false;
      for (const component of COMPONENTS) {
        const sub = join5(path, component);
        if (await statKind(sub) === "dir")
          any = await addFolder(cwd, sub, `${component}.`, tensors, problems) || any;
      }
      if (!any) {
        problems.push({
          kind: "unreadable",
          file: display,
          message: `${display} holds no model.safetensors, diffusion_pytorch_model.safetensors or shard index`
        });
      }
    }
  }
  return { display, tensors, problems, readable: tensors.size > 0 };
}
async function statKind(path) {
  try {
    const s = await stat5(path);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : null;
  } catch {
    return null;
  }
}
async function addFolder(cwd, dir, prefix, tensors, problems) {
  for (const name of INDEX_NAMES) {
    if (await statKind(join5(dir, name)) === "file") {
      await addSharded(cwd, join5(dir, name), prefix, tensors, problems);
      return true;
    }
  }
  for (const name of SINGLE_NAMES) {
    if (await statKind(join5(dir, name)) === "file") {
      await addFile(cwd, join5(dir, name), prefix, tensors, problems);
      return true;
    }
  }
  const entries = (await readdir4(dir).catch(() => [])).filter((n) => n.endsWith(".safetensors"));
  if (entries.length === 1) {
    await addFile(cwd, join5(dir, entries[0]), prefix, tensors, problems);
    return true;
  }
  return false;
}
async function addFile(cwd, path, prefix, tensors, problems) {
  const file = displayPath(cwd, path);
  try {
    const kind = await sniffFile(path);
    if (kind.kind === "lfs-pointer") {
      problems.push({ kind: "lfs-pointer", file, oid: kind.oid, size: kind.size });
      return;
    }
    if (kind.kind === "pickle" || kind.kind === "zip") {
      problems.push({ kind: "pickle", file, reason: "base weights are a pickle: they are not loaded" });
      return;
    }
    const st = await openSafetensors(path);
    try {
      for (const info of st.header.tensors.values()) {
        tensors.set(prefix + info.name, { name: prefix + info.name, path, file, info });
      }
    } finally {
      await st.close();
    }
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
  }
}
async function addSharded(cwd, indexPath, prefix, tensors, problems) {
  const file = displayPath(cwd, indexPath);
  const root = dirname5(indexPath);
  try {
    const index = await readShardIndex(indexPath, root);
    for (const problem of index.problems) {
      if (problem.code === "shard.invalid" && problem.error && problem.shard) {
        problems.push(
          invalidSafetensors(displayPath(cwd, join5(root, basename4(problem.shard))), problem.error)
        );
      } else {
        problems.push({
          kind: "bad-shard-index",
          file,
          message: problem.message,
          severity: problem.severity
        });
      }
    }
    for (const shard of index.shards) {
      if (!shard.path || !shard.header) continue;
      const shardFile = displayPath(cwd, shard.path);
      for (const info of shard.header.tensors.values()) {
        const owner = index.weightMap.get(info.name);
        if (owner !== void 0 && owner !== shard.name) continue;
        tensors.set(prefix + info.name, {
          name: prefix + info.name,
          path: shard.path,
          file: shardFile,
          info
        });
      }
    }
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
  }
}
var SINGLE_NAMES, INDEX_NAMES, COMPONENTS;
var init_checkpoint = __esm({
  "src/merge/checkpoint.ts"() {
    "use strict";
    init_diffusers_key();
    init_load();
    init_safetensors();
    SINGLE_NAMES = ["model.safetensors", "diffusion_pytorch_model.safetensors"];
    INDEX_NAMES = ["model.safetensors.index.json", "diffusion_pytorch_model.safetensors.index.json"];
    COMPONENTS = [...DIFFUSERS_COMPONENTS, "vae"];
  }
});

// src/merge/file-handles.ts
import { open as open4 } from "node:fs/promises";
var FileHandles;
var init_file_handles = __esm({
  "src/merge/file-handles.ts"() {
    "use strict";
    FileHandles = class {
      handles = /* @__PURE__ */ new Map();
      closed = false;
      /** The open handle for `path`; rejects once closeAll has run (nothing is opened to be left open). */
      get(path) {
        if (this.closed) return Promise.reject(new Error(`${path}: read after the run's files were closed`));
        let handle = this.handles.get(path);
        if (!handle) {
          handle = open4(path, "r");
          handle.catch(() => this.handles.delete(path));
          this.handles.set(path, handle);
        }
        return handle;
      }
      async closeAll() {
        this.closed = true;
        const handles = [...this.handles.values()];
        this.handles.clear();
        await Promise.all(handles.map((h) => h.then((handle) => handle.close()).catch(() => {
        })));
      }
    };
  }
});

// src/merge/row-reader.ts
import { closeSync, openSync } from "node:fs";
async function readSmallTensor(location2, alloc, files) {
  const count = location2.dims.reduce((a, b) => a * b, 1);
  const out = alloc(count);
  const raw = location2.dtype === "F64" ? out : alloc(Math.ceil(location2.byteLength / 8));
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, location2.byteLength);
  await readFully(await files.get(location2.path), location2.path, bytes, location2.start);
  if (location2.dtype === "F32") {
    out.set(new Float32Array(raw.buffer, raw.byteOffset, count));
  } else if (location2.dtype !== "F64") {
    if (decodeScratch.length < count) decodeScratch = new Float32Array(count);
    decodeToFloat32(location2.dtype, bytes, decodeScratch, count);
    out.set(decodeScratch.subarray(0, count));
  }
  return out;
}
var BYTES, RowReader, decodeScratch;
var init_row_reader = __esm({
  "src/merge/row-reader.ts"() {
    "use strict";
    init_decode();
    init_file();
    BYTES = { F16: 2, BF16: 2, F32: 4, F64: 8 };
    RowReader = class _RowReader {
      constructor(fd, location2, cols, rowsPerChunk, into) {
        this.fd = fd;
        this.location = location2;
        this.cols = cols;
        this.rowsPerChunk = rowsPerChunk;
        this.rowBytes = cols * BYTES[location2.dtype];
        this.buffer = into ?? Buffer.allocUnsafeSlow(this.rowBytes * rowsPerChunk);
      }
      fd;
      location;
      cols;
      rowsPerChunk;
      buffer;
      rowBytes;
      /** Rows that fit in `chunkBytes` (at least one). */
      static rowsPerChunk(location2, cols, chunkBytes) {
        const rowBytes = cols * BYTES[location2.dtype];
        return Math.max(1, Math.floor(chunkBytes / Math.max(1, rowBytes)));
      }
      /**
       * `into`, when given, is where rows land (8-byte aligned, holding `rowsPerChunk` rows), e.g. kernel
       * memory; otherwise the reader allocates its buffer itself.
       */
      static open(location2, cols, chunkBytes, into) {
        const rowBytes = cols * BYTES[location2.dtype];
        const rowsPerChunk = into ? Math.floor(into.length / Math.max(1, rowBytes)) : _RowReader.rowsPerChunk(location2, cols, chunkBytes);
        return new _RowReader(openSync(location2.path, "r"), location2, cols, rowsPerChunk, into);
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
    decodeScratch = new Float32Array(0);
  }
});

// src/merge/simd/merge-kernel-wasm.ts
var MERGE_KERNEL_BASE64;
var init_merge_kernel_wasm = __esm({
  "src/merge/simd/merge-kernel-wasm.ts"() {
    "use strict";
    MERGE_KERNEL_BASE64 = "AGFzbQEAAAABgQERYAF7AXxgAXwBfGABfwF9YAF/AX9gAn9/AX9gAn9/AXxgBH9/f38AYAV/f39/fwBgBn9/f39/fwBgCH9/f39/f39/AX9gBH9/f38Bf2ADf39/AXxgBX9/f398AGAFe39/f38BfGAJf39/f398fHx/AX9gAn9/AGAHf39/f39/fwADJCMAAQIDBAUFBgUGBQYHBwgHCAcICAgJCgsMBg0GDgoGDw8IEAUDAQABB94BEAZtZW1vcnkCAAxzcXVhcmVzX2JmMTYABwtzcXVhcmVzX2YxNgAJC3NxdWFyZXNfZjMyAAsKcHJvYmVfYmYxNgAOCXByb2JlX2YxNgAQCXByb2JlX2YzMgASCnVwZGF0ZV9yb3cAEw5yb3VuZF9yb3dfYmYxNgAVCWdyYW1fcm93cwAZCXRyYW5zcG9zZQAbEGNvbXBhcmVfcm93X2JmMTYAHBByb3VuZF9kZWx0YV9iZjE2AB0JY29sX25vcm1zAB4Kcm93X2JvdW5kcwAhDHVwZGF0ZV9yb3dzMgAiCv1ZIw0AIAD9IQAgAP0hAaALEwBEAAAAAAAA8H8gACAAIABiGwsiACAAQQ10QYDA//8AcSAAQRB0QYCAgIB4cXK+QwAAgHeUCw4AIABBgPgBcUGA+AFGCwwAIAAgASAAIAFLGwunAwQCfwd7AnwBfyAAIQIgACABQQJsaiENIAAgAUFgcUECbGohAwJAA0AgAiADTw0BIAL9AAQAIgT9DAAA//8AAP//AAD//wAA///9TiIFIAX95gEgBEEQ/asBIgQgBP3mAf3kASAC/QAEECIE/QwAAP//AAD//wAA//8AAP///U4iBSAF/eYBIARBEP2rASIEIAT95gH95AH95AEgAv0ABCAiBP0MAAD//wAA//8AAP//AAD///1OIgUgBf3mASAEQRD9qwEiBCAE/eYB/eQBIAL9AAQwIgT9DAAA//8AAP//AAD//wAA///9TiIFIAX95gEgBEEQ/asBIgQgBP3mAf3kAf3kAf3kASEGIAcgBv1f/fABIQcgCCAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wASEIIAJBwABqIQIMAAsLIAcgCP3wASAJIAr98AH98AEQACELAkADQCACIA1PDQEgAi8BAEEQdL67IQwgCyAMIAyioCELIAJBAmohAgwACwsgC0QAAAAAAADwf2MgC0QAAAAAAACwOWZxBEAgCw8LIAAgARAGC4wCBAJ/CXsCfAJ/IAAgAUECbGohAiAAIAFBeHFBAmxqIQMCQANAIAAgA08NASAA/QAEACEEIAT9qQFBEP2rASEFIAT9qgFBEP2rASEGIAkgBf1fIgcgB/3yAf3wASEJIAogBSAF/Q0ICQoLDA0ODwgJCgsMDQ4P/V8iByAH/fIB/fABIQogCyAG/V8iByAH/fIB/fABIQsgDCAGIAb9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhDCAAQRBqIQAMAAsLIAkgCv3wASALIAz98AH98AEQACENAkADQCAAIAJPDQEgAC8BAEEQdL67IQ4gDSAOIA6ioCENIABBAmohAAwACwsgDRABCzQBAX8CQANAIAQgAk8NASADIARBA3RqIAAgBCABbEECbGogARAFOQMAIARBAWohBAwACwsL6QMEAn8JewJ8An8gACABQQJsaiECIAAgAUF4cUECbGohAwJAA0AgACADTw0BIAD9AAQAIQQgCCAE/QwAfAB8AHwAfAB8AHwAfAB8/U79DAB8AHwAfAB8AHwAfAB8AHz9Lf1QIQggBP2pASIHQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAHQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQUgBP2qASIHQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAHQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQYgCSAF/V8iByAH/fIB/fABIQkgCiAFIAX9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhCiALIAb9XyIHIAf98gH98AEhCyAMIAYgBv0NCAkKCwwNDg8ICQoLDA0OD/1fIgcgB/3yAf3wASEMIABBEGohAAwACwsgCSAK/fABIAsgDP3wAf3wARAAIQ0CQANAIAAgAk8NASAALwEAIg8QArshDiAQIA8QA3IhECANIA4gDqKgIQ0gAEECaiEADAALCyAQIAj9U3IEQEQAAAAAAADwfw8LIA0QAQs0AQF/AkADQCAEIAJPDQEgAyAEQQN0aiAAIAQgAWxBAmxqIAEQCDkDACAEQQFqIQQMAAsLC/gBBAJ/CXsCfAJ/IAAgAUEEbGohAiAAIAFBeHFBBGxqIQMCQANAIAAgA08NASAA/QAEACEFIAD9AAQQIQYgCSAF/V8iByAH/fIB/fABIQkgCiAFIAX9DQgJCgsMDQ4PCAkKCwwNDg/9XyIHIAf98gH98AEhCiALIAb9XyIHIAf98gH98AEhCyAMIAYgBv0NCAkKCwwNDg8ICQoLDA0OD/1fIgcgB/3yAf3wASEMIABBIGohAAwACwsgCSAK/fABIAsgDP3wAf3wARAAIQ0CQANAIAAgAk8NASAAKgIAuyEOIA0gDiAOoqAhDSAAQQRqIQAMAAsLIA0QAQs0AQF/AkADQCAEIAJPDQEgAyAEQQN0aiAAIAQgAWxBBGxqIAEQCjkDACAEQQFqIQQMAAsLC68HBQN/EnsHfAF9An8gAiADQQN0aiEFIAAgA0ECbGohBiAAIANBeHFBAmxqIQcCQANAIAAgB08NASAA/QAEACEIIAj9qQFBEP2rASEKIAj9qgFBEP2rASELIAH9AAQAIQggCP2pAUEQ/asBIQwgCP2qAUEQ/asBIQ0gCv1fIRAgDP1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEAP3yAf3wASETIBQgESAF/QAEAP3yAf3wASEUIAogCv0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDCAM/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQQ/fIB/fABIRMgFCARIAX9AAQQ/fIB/fABIRQgC/1fIRAgDf1fIBD98QEhESAWIBAgEP3yAf3wASEWIBcgESAC/QAEIP3yAf3wASEXIBggESAF/QAEIP3yAf3wASEYIAsgC/0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDSAN/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBYgECAQ/fIB/fABIRYgFyARIAL9AAQw/fIB/fABIRcgGCARIAX9AAQw/fIB/fABIRggDP0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIAAAACAAAAAgAAAAIAA/bkBIg79XyEPIBUgDyAP/fIB/fABIRUgDiAO/Q0ICQoLDA0ODwgJCgsMDQ4P/V8hDyAVIA8gD/3yAf3wASEVIA39DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAAAAAgAAAAIAAAACAAP25ASIO/V8hDyAZIA8gD/3yAf3wASEZIA4gDv0NCAkKCwwNDg8ICQoLDA0OD/1fIQ8gGSAPIA/98gH98AEhGSAAQRBqIQAgAUEQaiEBIAJBwABqIQIgBUHAAGohBQwACwsgEiAW/fABEAAhHSATIBf98AEQACEeIBQgGP3wARAAIR8gFSAZ/fABEAAhIAJAA0AgACAGTw0BIAAvAQBBEHS+uyEaIAEvAQBBEHS+ISEgIbsgGqEhHCAdIBogGqKgIR0gHiAcIAIrAwCioCEeIB8gHCAFKwMAoqAhHyAhvEGAgID8B3FBgICABBAEvrshGyAgIBsgG6KgISAgAEECaiEAIAFBAmohASACQQhqIQIgBUEIaiEFDAALCyAgRAAAAAAAABA/ohABISAgHRABIR0gBCAdOQMAIAQgHjkDCCAEIB85AxAgBCAgOQMYC4gLAwR/EHsIfCACIANBBHRqIQUgBSADQQJ0aiEGIANBcHEhBwJAA0AgCCAHTw0BIAAgCEEBdGr9AAQAIQn9DAAAAAAAAAAAAAAAAAAAAAAgCf0NAAEQEQIDEhMEBRQVBgcWFyEK/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQgJGBkKCxobDA0cHQ4PHh8hCyABIAhBAXRq/QAEACEJ/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQABEBECAxITBAUUFQYHFhchDP0MAAAAAAAAAAAAAAAAAAAAACAJ/Q0ICRgZCgsaGwwNHB0ODx4fIQ0gCiAK/eYBIAsgC/3mAf3kASEQIBEgEP1f/fABIREgEiAQIBD9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wASESIAwgCv3lASEOIA0gC/3lASEPIA4gBSAIQQJ0av0ABAD9USAPIAUgCEECdGr9AAQQ/VH95AEhFiAOIAYgCEECdGr9AAQA/VEgDyAGIAhBAnRq/QAEEP1R/eQBIRcgDP0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIAAAACAAAAAgAAAAIAA/bkBIQwgDf0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIAAAACAAAAAgAAAAIAA/bkBIQ0gDCAM/eYBIA0gDf3mAf3kASEYIAAgCEEBdGr9AAQQIQn9DAAAAAAAAAAAAAAAAAAAAAAgCf0NAAEQEQIDEhMEBRQVBgcWFyEK/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQgJGBkKCxobDA0cHQ4PHh8hCyABIAhBAXRq/QAEECEJ/QwAAAAAAAAAAAAAAAAAAAAAIAn9DQABEBECAxITBAUUFQYHFhchDP0MAAAAAAAAAAAAAAAAAAAAACAJ/Q0ICRgZCgsaGwwNHB0ODx4fIQ0gCiAK/eYBIAsgC/3mAf3kASEQIBEgEP1f/fABIREgEiAQIBD9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wASESIAwgCv3lASEOIA0gC/3lASEPIBYgDiAFIAhBAnRq/QAEIP1RIA8gBSAIQQJ0av0ABDD9Uf3kAf3kASEWIBcgDiAGIAhBAnRq/QAEIP1RIA8gBiAIQQJ0av0ABDD9Uf3kAf3kASEXIAz9DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAAAAAgAAAAIAAAACAAP25ASEMIA39DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAAAAAgAAAAIAAAACAAP25ASENIBggDCAM/eYBIA0gDf3mAf3kAf3kASEYIBMgFv1fIBYgFv0NCAkKCwwNDg8ICQoLDA0OD/1f/fAB/fABIRMgFCAX/V8gFyAX/Q0ICQoLDA0ODwgJCgsMDQ4P/V/98AH98AEhFCAVIBj9XyAYIBj9DQgJCgsMDQ4PCAkKCwwNDg/9X/3wAf3wASEVIAhBEGohCAwACwsgESAS/fABEAAhHCATEAAhHSAUEAAhHiAVEAAhHwJAA0AgCCADTw0BIAAgCEEBdGovAQBBEHS+uyEZIAEgCEEBdGovAQBBEHS+uyEaIBogGaEhGyAcIBkgGaKgIRwgHSAbIAIgCEEDdGorAwCioCEdIB4gGyACIANBA3RqIAhBA3RqKwMAoqAhHiAatrxBgICA/AdxQYCAgAQQBL67ISAgHyAgICCioCEfIAhBAWohCAwACwsgHEQAAAAAAADwf2MgHEQAAAAAAACwOWZxIB9EAAAAAAAA8H9jIB9EAAAAAAAAsDlmcXFFBEAgACABIAIgAyAEEAwPCyAdmUQAAAAAAADwf2MgHplEAAAAAAAA8H9jcUUEQCAAIAEgAiADIAQQDA8LIAQgHDkDACAEIB05AwggBCAeOQMQIAQgH0QAAAAAAAAQP6I5AxgLPAECfwJAA0AgBiAETw0BIAYgA2xBAmwhByAAIAdqIAEgB2ogAiADIAUgBkEFdGoQDSAGQQFqIQYMAAsLC84KBQN/DnsHfAF9An8gAiADQQN0aiEFIAAgA0ECbGohBiAAIANBeHFBAmxqIQcCQANAIAAgB08NASAA/QAEACEIIAkgCP0MAHwAfAB8AHwAfAB8AHwAfP1O/QwAfAB8AHwAfAB8AHwAfAB8/S39UCEJIAj9qQEiD0EN/asB/QwA4P8PAOD/DwDg/w8A4P8P/U4gD0EQ/asB/QwAAACAAAAAgAAAAIAAAACA/U79UP0MAACAdwAAgHcAAIB3AACAd/3mASEKIAj9qgEiD0EN/asB/QwA4P8PAOD/DwDg/w8A4P8P/U4gD0EQ/asB/QwAAACAAAAAgAAAAIAAAACA/U79UP0MAACAdwAAgHcAAIB3AACAd/3mASELIAH9AAQAIQggCSAI/QwAfAB8AHwAfAB8AHwAfAB8/U79DAB8AHwAfAB8AHwAfAB8AHz9Lf1QIQkgCP2pASIPQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAPQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQwgCP2qASIPQQ39qwH9DADg/w8A4P8PAOD/DwDg/w/9TiAPQRD9qwH9DAAAAIAAAACAAAAAgAAAAID9Tv1Q/QwAAIB3AACAdwAAgHcAAIB3/eYBIQ0gCv1fIRAgDP1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEAP3yAf3wASETIBQgESAF/QAEAP3yAf3wASEUIAogCv0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDCAM/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQQ/fIB/fABIRMgFCARIAX9AAQQ/fIB/fABIRQgC/1fIRAgDf1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEIP3yAf3wASETIBQgESAF/QAEIP3yAf3wASEUIAsgC/0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDSAN/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQw/fIB/fABIRMgFCARIAX9AAQw/fIB/fABIRQgDP0MAACAfwAAgH8AAIB/AACAf/1O/QwAAIA4AACAOAAAgDgAAIA4/bkBIg79XyEPIBUgDyAP/fIB/fABIRUgDiAO/Q0ICQoLDA0ODwgJCgsMDQ4P/V8hDyAVIA8gD/3yAf3wASEVIA39DAAAgH8AAIB/AACAfwAAgH/9Tv0MAACAOAAAgDgAAIA4AACAOP25ASIO/V8hDyAVIA8gD/3yAf3wASEVIA4gDv0NCAkKCwwNDg8ICQoLDA0OD/1fIQ8gFSAPIA/98gH98AEhFSAAQRBqIQAgAUEQaiEBIAJBwABqIQIgBUHAAGohBQwACwsgEhAAIRkgExAAIRogFBAAIRsgFRAAIRwCQANAIAAgBk8NASAALwEAIh4QArshFiAfIB4QA3IhHyABLwEAIh4QAiEdIB8gHhADciEfIB27IBahIRggGSAWIBaioCEZIBogGCACKwMAoqAhGiAbIBggBSsDAKKgIRsgHbxBgICA/AdxQYCAgMQDEAS+uyEXIBwgFyAXoqAhHCAAQQJqIQAgAUECaiEBIAJBCGohAiAFQQhqIQUMAAsLIBxEAAAAAAAAsD6iEAEhHCAZEAEhGSAfIAn9U3IEQEQAAAAAAADwfyEZRAAAAAAAAPB/IRwLIAQgGTkDACAEIBo5AwggBCAbOQMQIAQgHDkDGAs8AQJ/AkADQCAGIARPDQEgBiADbEECbCEHIAAgB2ogASAHaiACIAMgBSAGQQV0ahAPIAZBAWohBgwACwsLyAYFA38Oewd8AX0CfyACIANBA3RqIQUgACADQQRsaiEGIAAgA0F4cUEEbGohBwJAA0AgACAHTw0BIAD9AAQAIQogAP0ABBAhCyAB/QAEACEMIAH9AAQQIQ0gCv1fIRAgDP1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEAP3yAf3wASETIBQgESAF/QAEAP3yAf3wASEUIAogCv0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDCAM/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQQ/fIB/fABIRMgFCARIAX9AAQQ/fIB/fABIRQgC/1fIRAgDf1fIBD98QEhESASIBAgEP3yAf3wASESIBMgESAC/QAEIP3yAf3wASETIBQgESAF/QAEIP3yAf3wASEUIAsgC/0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgDSAN/Q0ICQoLDA0ODwgJCgsMDQ4P/V8gEP3xASERIBIgECAQ/fIB/fABIRIgEyARIAL9AAQw/fIB/fABIRMgFCARIAX9AAQw/fIB/fABIRQgDP3gAf0MAACAAAAAgAAAAIAAAACAAP3pASIO/V8hDyAVIA8gD/3yAf3wASEVIA4gDv0NCAkKCwwNDg8ICQoLDA0OD/1fIQ8gFSAPIA/98gH98AEhFSAN/eAB/QwAAIAAAACAAAAAgAAAAIAA/ekBIg79XyEPIBUgDyAP/fIB/fABIRUgDiAO/Q0ICQoLDA0ODwgJCgsMDQ4P/V8hDyAVIA8gD/3yAf3wASEVIABBIGohACABQSBqIQEgAkHAAGohAiAFQcAAaiEFDAALCyASEAAhGSATEAAhGiAUEAAhGyAVEAAhHAJAA0AgACAGTw0BIAAqAgC7IRYgASoCACEdIB27IBahIRggGSAWIBaioCEZIBogGCACKwMAoqAhGiAbIBggBSsDAKKgIRsgHYtDAACAAJe7IRcgHCAXIBeioCEcIABBBGohACABQQRqIQEgAkEIaiECIAVBCGohBQwACwsgHEQAAAAAAAAQPaIQASEcIBkQASEZIAQgGTkDACAEIBo5AwggBCAbOQMQIAQgHDkDGAs8AQJ/AkADQCAGIARPDQEgBiADbEEEbCEHIAAgB2ogASAHaiACIAMgBSAGQQV0ahARIAZBAWohBgwACwsLEAAgACABIAIgAyAEIAUQFAuUBwQFfwl7AXwBfyAEQQN0IQoCQANAIAcgAk8NASABIAdBAnRqIRUgFSADIBUoAgAgCmxqNgIAIAdBAWohBwwACwsCQANAIAZBEGogBEsNAf0MAAAAAAAAAAAAAAAAAAAAACEM/QwAAAAAAAAAAAAAAAAAAAAAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDv0MAAAAAAAAAAAAAAAAAAAAACEP/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRNBACEHAkADQCAHIAJPDQEgACAHQQN0aisDAP0UIQsgASAHQQJ0aigCACAGQQN0aiEIIAwgCyAI/QAEAP3yAf3wASEMIA0gCyAI/QAEEP3yAf3wASENIA4gCyAI/QAEIP3yAf3wASEOIA8gCyAI/QAEMP3yAf3wASEPIBAgCyAI/QAEQP3yAf3wASEQIBEgCyAI/QAEUP3yAf3wASERIBIgCyAI/QAEYP3yAf3wASESIBMgCyAI/QAEcP3yAf3wASETIAdBAWohBwwACwsgBSAGQQN0aiEJIAkgDP0LBAAgCSAN/QsEECAJIA79CwQgIAkgD/0LBDAgCSAQ/QsEQCAJIBH9CwRQIAkgEv0LBGAgCSAT/QsEcCAGQRBqIQYMAAsLAkADQCAGQQhqIARLDQH9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhD0EAIQcCQANAIAcgAk8NASAAIAdBA3RqKwMA/RQhCyABIAdBAnRqKAIAIAZBA3RqIQggDCALIAj9AAQA/fIB/fABIQwgDSALIAj9AAQQ/fIB/fABIQ0gDiALIAj9AAQg/fIB/fABIQ4gDyALIAj9AAQw/fIB/fABIQ8gB0EBaiEHDAALCyAFIAZBA3RqIQkgCSAM/QsEACAJIA39CwQQIAkgDv0LBCAgCSAP/QsEMCAGQQhqIQYMAAsLAkADQCAGIARPDQFEAAAAAAAAAAAhFEEAIQcCQANAIAcgAk8NASAUIAAgB0EDdGorAwAgASAHQQJ0aigCACAGQQN0aisDAKKgIRQgB0EBaiEHDAALCyAFIAZBA3RqIBQ5AwAgBkEBaiEGDAALCwsaACAAIAEgAiADIAQgBhAUIAYgBCAFIAcQFgvIBwQCfxJ7A3wFfwJAA0AgBEEIaiABSw0BIAAgBEEDdGohBSAF/QAEACEGIAX9AAQQIQcgBf0ABCAhCCAF/QAEMCEJIAIgBEEBdGr9AAQAIQr9DAAAAAAAAAAAAAAAAAAAAAAgCv0NAAEQEQIDEhMEBRQVBgcWFyEL/QwAAAAAAAAAAAAAAAAAAAAAIAr9DQgJGBkKCxobDA0cHQ4PHh8hDCAL/V8hDSALIAv9DQgJCgsMDQ4PCAkKCwwNDg/9XyEOIAz9XyEPIAwgDP0NCAkKCwwNDg8ICQoLDA0OD/1fIRAgFCANIA398gH98AEhFCAVIA4gDv3yAf3wASEVIBQgDyAP/fIB/fABIRQgFSAQIBD98gH98AEhFSANIAb9Xv1f/fAB/V4gDiAH/V79X/3wAf1e/Q0AAQIDBAUGBxAREhMUFRYXIREgEf0M/38AAP9/AAD/fwAA/38AAP2uASARQRD9rQH9DAEAAAABAAAAAQAAAAEAAAD9Tv2uAUEQ/a0BIRIgC0EQ/a0BIRMgFiASIBP9NyASIBP9UP0M/38AAP9/AAD/fwAA/38AAP1O/QwAAAAAAAAAAAAAAAAAAAAA/Tf9UP2xASEWIBcgEf0M////f////3////9/////f/1O/QwAgH9/AIB/fwCAf38AgH9//UD9UCEXIA8gCP1e/V/98AH9XiAQIAn9Xv1f/fAB/V79DQABAgMEBQYHEBESExQVFhchESAR/Qz/fwAA/38AAP9/AAD/fwAA/a4BIBFBEP2tAf0MAQAAAAEAAAABAAAAAQAAAP1O/a4BQRD9rQEhEiAMQRD9rQEhEyAWIBIgE/03IBIgE/1Q/Qz/fwAA/38AAP9/AAD/fwAA/U79DAAAAAAAAAAAAAAAAAAAAAD9N/1Q/bEBIRYgFyAR/Qz///9/////f////3////9//U79DACAf38AgH9/AIB/fwCAf3/9QP1QIRcgBEEIaiEEDAALCyAUIBX98AEQACEaIBb9GwAgFv0bAWogFv0bAiAW/RsDamohHiAX/VMhHwJAA0AgBCABTw0BIAAgBEEDdGorAwAhGCACIARBAXRqLwEAIRsgG0EQdL67IRkgGiAZIBmioCEaIBkgGLa7oLa8IRwgHEH/////B3FBgID++wdPBEBBASEfCyAcQf//AWogHEEQdkEBcWpBEHYhHSAdIBtGIB0gG3JB//8BcUVyBEAgHkEBaiEeCyAEQQFqIQQMAAsLIB8gGkQAAAAAAADwf2NFcgRAQQEPCyADIBo5AwAgAyAeNgIIQQALbAICfwF7IAJBfnFBA3QhBAJAA0AgAyAETw0BIAUgACADav0ABAAgASADav0ABAD98gH98AEhBSADQRBqIQMMAAsLIAJBAXEEQCAFIAX9IQAgACADaisDACABIANqKwMAoqD9IgAhBQsgBRAACygAIAAgAiABbCADakEDdGogBDkDACAAIAMgAWwgAmpBA3RqIAQ5AwAL1wYCCH8LeyACQQN0IQkgAkF+cUEDdCELAkADQCAEIAFPDQEgACAEIAlsaiEGIAQhBSAEQQFqIAFJBEAgBiAJaiEHAkADQCAFQQRqIAFLDQEgACAFIAlsaiEI/QwAAAAAAAAAAAAAAAAAAAAAIQ/9DAAAAAAAAAAAAAAAAAAAAAAhEP0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRL9DAAAAAAAAAAAAAAAAAAAAAAhE/0MAAAAAAAAAAAAAAAAAAAAACEU/QwAAAAAAAAAAAAAAAAAAAAAIRX9DAAAAAAAAAAAAAAAAAAAAAAhFkEAIQoCQANAIAogC08NASAGIApq/QAEACEMIAcgCmr9AAQAIQ0gCCAKav0ABAAhDiAPIAwgDv3yAf3wASEPIBMgDSAO/fIB/fABIRMgCCAJaiAKav0ABAAhDiAQIAwgDv3yAf3wASEQIBQgDSAO/fIB/fABIRQgCCAJQQF0aiAKav0ABAAhDiARIAwgDv3yAf3wASERIBUgDSAO/fIB/fABIRUgCCAJQQNsaiAKav0ABAAhDiASIAwgDv3yAf3wASESIBYgDSAO/fIB/fABIRYgCkEQaiEKDAALCyADIAEgBCAFIA8gBiAIIAIgChAaEBggAyABIAQgBUEBaiAQIAYgCCAJaiACIAoQGhAYIAMgASAEIAVBAmogESAGIAggCUEBdGogAiAKEBoQGCADIAEgBCAFQQNqIBIgBiAIIAlBA2xqIAIgChAaEBggAyABIARBAWogBSATIAcgCCACIAoQGhAYIAMgASAEQQFqIAVBAWogFCAHIAggCWogAiAKEBoQGCADIAEgBEEBaiAFQQJqIBUgByAIIAlBAXRqIAIgChAaEBggAyABIARBAWogBUEDaiAWIAcgCCAJQQNsaiACIAoQGhAYIAVBBGohBQwACwsCQANAIAUgAU8NASADIAEgBCAFIAYgACAFIAlsaiACEBcQGCADIAEgBEEBaiAFIAcgACAFIAlsaiACEBcQGCAFQQFqIQUMAAsLIARBAmohBAwBCwJAA0AgBSABTw0BIAMgASAEIAUgBiAAIAUgCWxqIAIQFxAYIAVBAWohBQwACwsgBEEBaiEEDAALCwssACADQQFxBEAgACAA/SEAIAEgBGorAwAgAiAEaisDAKKg/SIAIQALIAAQAAu0AgEGfyACQQN0IQggAUEDdCEJAkADQCAEQQhqIAFLDQEgACAEIAhsaiEGIAMgBEEDdGohB0EAIQUCQANAIAUgAk8NASAHIAYrAwA5AwAgByAGIAhqKwMAOQMIIAcgBiAIQQJsaisDADkDECAHIAYgCEEDbGorAwA5AxggByAGIAhBBGxqKwMAOQMgIAcgBiAIQQVsaisDADkDKCAHIAYgCEEGbGorAwA5AzAgByAGIAhBB2xqKwMAOQM4IAZBCGohBiAHIAlqIQcgBUEBaiEFDAALCyAEQQhqIQQMAAsLAkADQCAEIAFPDQEgACAEIAhsaiEGQQAhBQJAA0AgBSACTw0BIAMgBSABbCAEakEDdGogBiAFQQN0aisDADkDACAFQQFqIQUMAAsLIARBAWohBAwACwsLzwQEAn8KewR8An9BfyEaIAX9FCESIAb9FCETIAf9FCEU/Qz/////////////////////IQ8gBEF+cSEKAkADQCAJIApPDQH9DAAAAAAAAAAAAAAAAAAAAAAgASAJQQF0av1cAgD9DQABEBECAxITAAEQEQIDEhP9XyEL/QwAAAAAAAAAAAAAAAAAAAAAIAAgCUEBdGr9XAIA/Q0AARARAgMSEwABEBECAxIT/V8gAiAJQQN0av0ABAD98AEhDCAPIAv97AH9DAAAAAAAAPB/AAAAAAAA8H/9SSAM/ewB/QwAAAAAAADwfwAAAAAAAPB//Un9Tv1OIQ8gCyAM/fEB/ewBIQ0gDSAL/ewBIAz97AH99wEgEv3yASAT/fcBIBQgAyAJQQN0av0ABAD98gH98AH9SiEOIBEgDv3RASERIA79UyAaQQBIcQRAIAkgCUEBaiAO/R0ApxshGgsgECAN/fcBIRAgCUECaiEJDAALCyAP/cMBRQRAQQEPCyAQ/SEAIBD9IQGlIRggEf0dACAR/R0BfKchGSAJIARJBEAgASAJQQF0ai8BAEEQdL67IRUgACAJQQF0ai8BAEEQdL67IAIgCUEDdGorAwCgIRYgFZlEAAAAAAAA8H9jIBaZRAAAAAAAAPB/Y3FFBEBBAQ8LIBUgFqGZIRcgFyAVmSAWmaUgBaIgBqUgByADIAlBA3RqKwMAoqBkBEAgGUEBaiEZIBpBAEgEQCAJIRoLCyAXIBhkBEAgFyEYCwsgCCAYOQMAIAggGTYCCCAIIBo2AgxBAAsMACAAIAEgAiADEBYLrgEEBH8BewF8AX8gAkF+cUEDdCEKIAMgAhAfAkADQCAFIAFPDQEgACAFIAJsQQN0aiEGQQAhBAJAA0AgBCAKTw0BIAMgBGohByAGIARq/QAEACEIIAcgB/0ABAAgCCAI/fIB/fAB/QsEACAEQRBqIQQMAAsLIAJBAXEEQCADIApqIQcgBiAKaisDACEJIAcgBysDACAJIAmioDkDAAsgBUEBaiEFDAALCyADIAIQIAsOACAAQQAgAUEDdPwLAAtJAQF/IAAgAUF+cUEDdGohAgJAA0AgACACTw0BIAAgAP0ABAD97wH9CwQAIABBEGohAAwACwsgAUEBcQRAIAAgACsDAJ85AwALC/8BBAN/AnsCfAN/IAJBfnFBA3QhDSAEIAIQHyAFIAIQHwJAA0AgByABTw0BIAAgByACbEEDdGohCCADIAdBA3RqKwMAIQsgC/0UIQpBACEGAkADQCAGIA1PDQEgCCAGav0ABAAhCSAEIAZqIQ4gBSAGaiEPIA4gDv0ABAAgCSAJ/fIB/fAB/QsEACAPIA/9AAQAIAn97AEgCv3yAf3wAf0LBAAgBkEQaiEGDAALCyACQQFxBEAgCCANaisDACEMIAQgDWohDiAFIA1qIQ8gDiAOKwMAIAwgDKKgOQMAIA8gDysDACAMmSALoqA5AwALIAdBAWohBwwACwsgBCACECALjAUDBH8LewN8AkADQCAHQQhqIARLDQH9DAAAAAAAAAAAAAAAAAAAAAAhDv0MAAAAAAAAAAAAAAAAAAAAACEP/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRP9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEVQQAhCAJAA0AgCCADTw0BIAAgCEEDdGorAwD9FCELIAEgCEEDdGorAwD9FCEMIAIgCEECdGooAgAgB0EDdGohCSAJ/QAEACENIA4gCyAN/fIB/fABIQ4gEiAMIA398gH98AEhEiAJ/QAEECENIA8gCyAN/fIB/fABIQ8gEyAMIA398gH98AEhEyAJ/QAEICENIBAgCyAN/fIB/fABIRAgFCAMIA398gH98AEhFCAJ/QAEMCENIBEgCyAN/fIB/fABIREgFSAMIA398gH98AEhFSAIQQFqIQgMAAsLIAUgB0EDdGohCiAKIA79CwQAIAogD/0LBBAgCiAQ/QsEICAKIBH9CwQwIAYgB0EDdGohCiAKIBL9CwQAIAogE/0LBBAgCiAU/QsEICAKIBX9CwQwIAdBCGohBwwACwsCQANAIAcgBE8NAUQAAAAAAAAAACEWRAAAAAAAAAAAIRdBACEIAkADQCAIIANPDQEgAiAIQQJ0aigCACAHQQN0aisDACEYIBYgACAIQQN0aisDACAYoqAhFiAXIAEgCEEDdGorAwAgGKKgIRcgCEEBaiEIDAALCyAFIAdBA3RqIBY5AwAgBiAHQQN0aiAXOQMAIAdBAWohBwwACwsL";
  }
});

// src/merge/simd/merge-kernel.ts
function isMergeKernelDtype(dtype) {
  return dtype === "BF16" || dtype === "F16" || dtype === "F32";
}
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
function planningKernel() {
  if (!enabled) return null;
  if (planning === void 0) planning = instantiate2();
  return planning;
}
var SUFFIX, MergeKernel, kernel2, planning, enabled;
var init_merge_kernel = __esm({
  "src/merge/simd/merge-kernel.ts"() {
    "use strict";
    init_wasm_module();
    init_merge_kernel_wasm();
    SUFFIX = { BF16: "bf16", F16: "f16", F32: "f32" };
    MergeKernel = class {
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
    enabled = true;
  }
});

// src/merge/factors.ts
async function prepareFactors(work, alloc, files) {
  const handles = files ?? new FileHandles();
  try {
    const { rows, cols, rank } = work;
    const read = (location2) => readSmallTensor(location2, alloc, handles);
    const readDown = async () => {
      const down = await read(work.down);
      if (work.singularValues)
        foldSingularValues(down, await readSmallTensor(work.singularValues, localFloats, handles), rank);
      return down;
    };
    let left;
    let right;
    if (!work.transposed) {
      left = await read(work.up);
      right = await readDown();
    } else {
      const down = await readDown();
      const up = await read(work.up);
      if (down.length !== rank * rows || up.length !== cols * rank)
        throw sizeError(down.length, up.length, work);
      left = alloc(rows * rank);
      for (let k = 0; k < rank; k++) for (let i = 0; i < rows; i++) left[i * rank + k] = down[k * rows + i];
      right = alloc(rank * cols);
      for (let o = 0; o < cols; o++) for (let k = 0; k < rank; k++) right[k * cols + o] = up[o * rank + k];
    }
    if (left.length !== rows * rank || right.length !== rank * cols)
      throw sizeError(right.length, left.length, work);
    const magnitude = work.magnitude ? await read(work.magnitude) : null;
    return deriveFactors(left, right, work, magnitude, alloc);
  } finally {
    if (!files) await handles.closeAll();
  }
}
function foldSingularValues(a, e, rank) {
  if (e.length !== rank || a.length % rank !== 0)
    throw new Error(`lora_E has ${e.length} values for ${rank} rows of lora_A`);
  const n = a.length / rank;
  for (let k = 0; k < rank; k++) {
    const ek = e[k];
    for (let i = k * n, end = i + n; i < end; i++) a[i] = a[i] * ek;
  }
}
function deriveFactors(left, right, shape2, magnitude = null, alloc = localFloats) {
  const { rows, cols, rank, scale } = shape2;
  const derived = {
    gl: new Float64Array(rank * rank),
    gr: new Float64Array(rank * rank),
    rightRowNorms: alloc(rank),
    rightColNorms: alloc(cols),
    leftNorms: alloc(rows),
    absDotNorms: alloc(rows)
  };
  if (!deriveOnKernel(left, right, rows, cols, rank, derived))
    deriveInJs(left, right, rows, cols, rank, derived);
  let trace = 0;
  for (let i = 0; i < rank * rank; i++) trace += derived.gl[i] * derived.gr[i];
  return {
    left,
    right,
    rightRowNorms: derived.rightRowNorms,
    rightColNorms: derived.rightColNorms,
    leftNorms: derived.leftNorms,
    absDotNorms: derived.absDotNorms,
    updateSumSquares: scale * scale * Math.max(0, trace),
    magnitude
  };
}
function deriveOnKernel(left, right, rows, cols, rank, out) {
  const kernel3 = planningKernel();
  const sizes = [rank * cols, rows * rank, rank * rows, rank * rank, rank * rank, rank, cols, rows, rows];
  const lease = kernel3?.lease(sizes.reduce((sum, n) => sum + n * 8, 0));
  if (!kernel3 || !lease) return false;
  try {
    const at = [];
    sizes.reduce((offset, n) => {
      at.push(offset);
      return offset + n * 8;
    }, lease.offset);
    const [r, l, lt, gl, gr, rowNorms, colNorms, norms, dots] = at;
    const view = (offset, n) => new Float64Array(kernel3.buffer, offset, n);
    view(r, rank * cols).set(right.subarray(0, rank * cols));
    view(l, rows * rank).set(left.subarray(0, rows * rank));
    kernel3.transpose(l, rows, rank, lt);
    kernel3.gramRows(lt, rank, rows, gl);
    kernel3.gramRows(r, rank, cols, gr);
    out.gl.set(view(gl, rank * rank));
    out.gr.set(view(gr, rank * rank));
    for (let k = 0; k < rank; k++) out.rightRowNorms[k] = Math.sqrt(out.gr[k * rank + k]);
    view(rowNorms, rank).set(out.rightRowNorms);
    kernel3.colNorms(r, rank, cols, colNorms);
    kernel3.rowBounds(lt, rank, rows, rowNorms, norms, dots);
    out.rightColNorms.set(view(colNorms, cols));
    out.leftNorms.set(view(norms, rows));
    out.absDotNorms.set(view(dots, rows));
    return true;
  } finally {
    kernel3.release();
  }
}
function deriveInJs(left, right, rows, cols, rank, out) {
  out.gl.set(gram(left, rows, rank, false));
  gramOfRows(right, rank, cols, out.gr);
  for (let k = 0; k < rank; k++) out.rightRowNorms[k] = Math.sqrt(out.gr[k * rank + k]);
  const colNorms = out.rightColNorms.fill(0);
  for (let k = 0; k < rank; k++) {
    for (let j = 0; j < cols; j++) {
      const v = right[k * cols + j];
      colNorms[j] += v * v;
    }
  }
  for (let j = 0; j < cols; j++) colNorms[j] = Math.sqrt(colNorms[j]);
  const bounds = leftRowBounds(left, out.rightRowNorms, rank, rows);
  out.leftNorms.set(bounds.norms);
  out.absDotNorms.set(bounds.absDotNorms);
}
function sizeError(down, up, work) {
  const { rows, cols, rank } = work;
  return new Error(
    `factor sizes ${down}, ${up} do not fit ${rank}x${work.transposed ? rows : cols}, ${work.transposed ? cols : rows}x${rank}`
  );
}
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
function leftRowBounds(left, rightRowNorms, rank, rows, alloc = localFloats) {
  const norms = alloc(rows);
  const absDotNorms = alloc(rows);
  for (let o = 0, at = 0; o < rows; o++, at += rank) {
    let squares = 0;
    let dot = 0;
    for (let k = 0; k < rank; k++) {
      const v = left[at + k];
      squares += v * v;
      dot += Math.abs(v) * rightRowNorms[k];
    }
    norms[o] = Math.sqrt(squares);
    absDotNorms[o] = dot;
  }
  return { norms, absDotNorms };
}
function gram(x, a, b, byRows) {
  const r = byRows ? a : b;
  const n = byRows ? b : a;
  const out = new Float64Array(r * r);
  let rowsOfX = x;
  if (!byRows) {
    if (transposed.length < r * n) transposed = new Float64Array(r * n);
    rowsOfX = transposed;
    for (let i = 0, at = 0; i < n; i++, at += r) for (let p = 0; p < r; p++) rowsOfX[p * n + i] = x[at + p];
  }
  gramOfRows(rowsOfX, r, n, out);
  return out;
}
function gramOfRows(x, r, n, out) {
  const last = n - (n & 1);
  for (let p = 0; p < r; p++) {
    const u = p * n;
    let q = p;
    for (; q + 3 < r; q += 4) {
      const v0 = q * n;
      const v1 = v0 + n;
      const v2 = v1 + n;
      const v3 = v2 + n;
      let e0 = 0;
      let o0 = 0;
      let e1 = 0;
      let o1 = 0;
      let e2 = 0;
      let o2 = 0;
      let e3 = 0;
      let o3 = 0;
      for (let i = 0; i < last; i += 2) {
        const a = x[u + i];
        const b = x[u + i + 1];
        e0 += a * x[v0 + i];
        o0 += b * x[v0 + i + 1];
        e1 += a * x[v1 + i];
        o1 += b * x[v1 + i + 1];
        e2 += a * x[v2 + i];
        o2 += b * x[v2 + i + 1];
        e3 += a * x[v3 + i];
        o3 += b * x[v3 + i + 1];
      }
      if (last < n) {
        const a = x[u + last];
        e0 += a * x[v0 + last];
        e1 += a * x[v1 + last];
        e2 += a * x[v2 + last];
        e3 += a * x[v3 + last];
      }
      out[p * r + q] = out[q * r + p] = e0 + o0;
      out[p * r + q + 1] = out[(q + 1) * r + p] = e1 + o1;
      out[p * r + q + 2] = out[(q + 2) * r + p] = e2 + o2;
      out[p * r + q + 3] = out[(q + 3) * r + p] = e3 + o3;
    }
    for (; q < r; q++) {
      const v = q * n;
      let even = 0;
      let odd = 0;
      for (let i = 0; i < last; i += 2) {
        even += x[u + i] * x[v + i];
        odd += x[u + i + 1] * x[v + i + 1];
      }
      if (last < n) even += x[u + last] * x[v + last];
      out[p * r + q] = out[q * r + p] = even + odd;
    }
  }
}
var localFloats, scaledLeft, nonZero, byColumn, transposed;
var init_factors = __esm({
  "src/merge/factors.ts"() {
    "use strict";
    init_file_handles();
    init_row_reader();
    init_merge_kernel();
    localFloats = (length) => new Float64Array(length);
    scaledLeft = new Float64Array(64);
    nonZero = new Int32Array(64);
    byColumn = /* @__PURE__ */ new WeakMap();
    transposed = new Float64Array(0);
  }
});

// src/merge/float-arena.ts
var KEEP_BYTES, FloatArena;
var init_float_arena = __esm({
  "src/merge/float-arena.ts"() {
    "use strict";
    KEEP_BYTES = 64 * 1024 * 1024;
    FloatArena = class _FloatArena {
      constructor(shared) {
        this.shared = shared;
      }
      shared;
      static arenas = /* @__PURE__ */ new Map();
      /** The process's arena for shared (SharedArrayBuffer) or local arrays: kept from one run to the next. */
      static of(shared) {
        let arena = _FloatArena.arenas.get(shared);
        if (!arena) {
          arena = new _FloatArena(shared);
          _FloatArena.arenas.set(shared, arena);
        }
        return arena;
      }
      /** Free buffers by size class (bytes rounded up to a quarter of their power of two: ≤ 25% unused). */
      free = /* @__PURE__ */ new Map();
      freeBytes = 0;
      /** An allocator whose arrays (reused ones hold old values) are listed in `taken`, to give back with `release`. */
      allocator(taken) {
        return (length) => {
          const array = this.take(length);
          taken.push(array);
          return array;
        };
      }
      release(arrays) {
        for (const array of arrays) {
          const buffer = array.buffer;
          if (this.freeBytes + buffer.byteLength > KEEP_BYTES) continue;
          const list = this.free.get(buffer.byteLength) ?? [];
          list.push(buffer);
          this.free.set(buffer.byteLength, list);
          this.freeBytes += buffer.byteLength;
        }
      }
      take(length) {
        const bytes = Math.max(64, length * 8);
        const unit = 2 ** Math.max(4, Math.floor(Math.log2(bytes)) - 2);
        const size = Math.ceil(bytes / unit) * unit;
        const buffer = this.free.get(size)?.pop();
        if (buffer) {
          this.freeBytes -= size;
          return new Float64Array(buffer, 0, length);
        }
        return new Float64Array(this.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size), 0, length);
      }
    };
  }
});

// src/merge/factor-prefetch.ts
var FactorPrefetch;
var init_factor_prefetch = __esm({
  "src/merge/factor-prefetch.ts"() {
    "use strict";
    init_factors();
    init_file_handles();
    init_float_arena();
    FactorPrefetch = class {
      prepared = /* @__PURE__ */ new Map();
      tasksLeft = /* @__PURE__ */ new Map();
      arena;
      files = new FileHandles();
      /** `shared`: the factors go to worker threads (SharedArrayBuffer, never copied). */
      constructor(shared, tasksPerModule) {
        this.arena = FloatArena.of(shared);
        for (const moduleIndex of tasksPerModule)
          this.tasksLeft.set(moduleIndex, (this.tasksLeft.get(moduleIndex) ?? 0) + 1);
      }
      /** The module's factors, prepared now if no earlier call started them. */
      get(moduleIndex, work) {
        let entry = this.prepared.get(moduleIndex);
        if (!entry) {
          const arrays = [];
          entry = { factors: prepareFactors(work, this.arena.allocator(arrays), this.files), arrays };
          entry.factors.catch(() => {
          });
          this.prepared.set(moduleIndex, entry);
        }
        return entry.factors;
      }
      /** Closes the files read (after every task is over). */
      close() {
        return this.files.closeAll();
      }
      /** One task of the module is over; after its last, its arrays go back to the arena. */
      taskDone(moduleIndex) {
        const left = (this.tasksLeft.get(moduleIndex) ?? 1) - 1;
        this.tasksLeft.set(moduleIndex, left);
        const entry = this.prepared.get(moduleIndex);
        if (left > 0 || !entry) return;
        this.prepared.delete(moduleIndex);
        const release = () => this.arena.release(entry.arrays);
        entry.factors.then(release, release);
      }
    };
  }
});

// src/merge/memory-budget.ts
var MemoryBudget;
var init_memory_budget = __esm({
  "src/merge/memory-budget.ts"() {
    "use strict";
    MemoryBudget = class {
      constructor(limit) {
        this.limit = limit;
      }
      limit;
      used = 0;
      waiting = [];
      /** Reserve `bytes` (a request larger than the whole budget is clamped to it, so it runs alone). */
      async acquire(bytes) {
        const amount = Math.min(bytes, this.limit);
        if (this.used + amount > this.limit || this.waiting.length > 0) {
          await new Promise((wake) => this.waiting.push({ bytes: amount, wake }));
        } else {
          this.used += amount;
        }
        return amount;
      }
      release(amount) {
        this.used -= amount;
        while (this.waiting.length > 0 && this.used + this.waiting[0].bytes <= this.limit) {
          const next = this.waiting.shift();
          this.used += next.bytes;
          next.wake();
        }
      }
    };
  }
});

// src/safetensors/encode.ts
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
var f32, u32;
var init_encode = __esm({
  "src/safetensors/encode.ts"() {
    "use strict";
    f32 = new Float32Array(1);
    u32 = new Uint32Array(f32.buffer);
  }
});

// src/merge/float-formats.ts
function isWeightDtype(dtype) {
  return dtype === "F16" || dtype === "BF16" || dtype === "F32" || dtype === "F64";
}
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
function tablesFor(dtype) {
  let tables2 = halfTables.get(dtype);
  if (!tables2) {
    const value = decodeTable(dtype);
    const squareOrInf = new Float64Array(65536);
    const ulpSquare = new Float64Array(65536);
    const nonFinite2 = new Uint8Array(65536);
    for (let bits = 0; bits < 65536; bits++) {
      const v = value[bits];
      if (Number.isFinite(v)) {
        squareOrInf[bits] = v * v;
        const u = ulpOf(dtype, v);
        ulpSquare[bits] = u * u;
      } else {
        nonFinite2[bits] = 1;
        squareOrInf[bits] = Number.POSITIVE_INFINITY;
        ulpSquare[bits] = Number.POSITIVE_INFINITY;
      }
    }
    tables2 = { value, squareOrInf, ulpSquare, nonFinite: nonFinite2 };
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
var MANTISSA_BITS, halfTables, scratchF32, scratchU32;
var init_float_formats = __esm({
  "src/merge/float-formats.ts"() {
    "use strict";
    init_decode();
    init_encode();
    MANTISSA_BITS = { F16: 10, BF16: 7, F32: 23, F64: 52 };
    halfTables = /* @__PURE__ */ new Map();
    scratchF32 = new Float32Array(1);
    scratchU32 = new Uint32Array(scratchF32.buffer);
  }
});

// src/merge/plan.ts
function planModule(adapter, module, inputs, conv1dModel = false) {
  const down = tensorOf(module.down);
  const up = tensorOf(module.up);
  if (!module.down || !module.up || !down || !up) return null;
  let scale;
  try {
    scale = moduleScaling(adapter, module);
  } catch {
    scale = 1;
  }
  const blank = {
    adapter: adapter.path,
    module: module.name,
    baseTensor: null,
    scale,
    updateNorm: Number.NaN,
    baseNorm: Number.NaN,
    ratio: Number.NaN
  };
  const rank = down.dims[0] ?? 0;
  if (down.dims.length < 2 || up.dims.length < 2 || (up.dims[1] ?? -1) !== rank || rank === 0) {
    return {
      kind: "done",
      stats: {
        ...blank,
        skipped: `lora_A ${shapeText(down.dims)} and lora_B ${shapeText(up.dims)} do not form a rank-r pair`
      }
    };
  }
  if (!isWeightDtype(down.dtype) || !isWeightDtype(up.dtype)) {
    return {
      kind: "done",
      stats: { ...blank, skipped: `LoRA factors of dtype ${down.dtype} are not merged` }
    };
  }
  const singularValues = usesSingularValues(adapter, module) ? tensorOf(module.singularValues) : null;
  if (!singularValues && adapter.layout === "peft" && adapter.config?.peftType === "ADALORA") {
    return { kind: "done", stats: { ...blank, skipped: "AdaLoRA module without lora_E" } };
  }
  if (singularValues && (product(singularValues.dims) !== rank || !isWeightDtype(singularValues.dtype))) {
    return {
      kind: "done",
      stats: {
        ...blank,
        skipped: `lora_E ${shapeText(singularValues.dims)} (${singularValues.dtype}) does not hold one float per rank of lora_A ${shapeText(down.dims)}`
      }
    };
  }
  const parameterTarget = targetParameter(adapter, module);
  if (parameterTarget) {
    return {
      kind: "done",
      stats: {
        ...blank,
        skipped: `a target_parameters module (${parameterTarget}): per-expert merges are not checked yet`
      }
    };
  }
  const paths = [module.name];
  if (module.component) paths.push(`${module.component}.${module.name}`);
  paths.push(modulePathFromKey(module.down.name));
  const found = inputs.baseNames.resolve(paths);
  if (!found) {
    return {
      kind: "done",
      stats: {
        ...blank,
        baseMismatch: `no weight for ${module.name} in the base checkpoint ${inputs.base.display}`
      }
    };
  }
  const baseTensor = inputs.base.tensors.get(found.name);
  const withBase = {
    ...blank,
    baseTensor: found.name,
    baseFile: baseTensor.file,
    baseDtype: baseTensor.info.dtype
  };
  const baseDtype = baseTensor.info.dtype;
  if (!isWeightDtype(baseDtype)) {
    return {
      kind: "done",
      stats: {
        ...withBase,
        baseMismatch: `base weight ${found.name} has dtype ${baseDtype} (quantized or not a float): it can't be merged`
      }
    };
  }
  const embedding = module.kind === "embedding" || module.down.name.includes("lora_embedding_A");
  const fanInFanOut = moduleConfig(adapter, module)?.fanInFanOut ?? false;
  const layout2 = fitLayout(baseTensor.info.dims, down.dims, up.dims, embedding, fanInFanOut || conv1dModel);
  if (typeof layout2 === "string") {
    return {
      kind: "done",
      stats: { ...withBase, baseMismatch: `${found.name} ${shapeText(baseTensor.info.dims)}: ${layout2}` }
    };
  }
  let dora = "none";
  const magnitude = module.magnitude ? tensorOf(module.magnitude) : null;
  if (magnitude) dora = layout2.transposed ? "columns" : "rows";
  if (magnitude && product(magnitude.dims) !== (dora === "columns" ? layout2.cols : layout2.rows)) {
    return {
      kind: "done",
      stats: {
        ...withBase,
        baseMismatch: `DoRA magnitude ${shapeText(magnitude.dims)} does not match ${found.name} ${shapeText(baseTensor.info.dims)}`
      }
    };
  }
  let merged;
  let stats = {
    ...withBase,
    orientation: layout2.transposed ? "transposed" : "normal",
    dora: dora !== "none"
  };
  if (inputs.merged && inputs.mergedNames) {
    const mergedFound = inputs.merged.tensors.has(found.name) ? { name: found.name } : inputs.mergedNames.resolve(paths);
    const mergedTensor = mergedFound ? inputs.merged.tensors.get(mergedFound.name) : null;
    const problem = mergedProblem(mergedTensor, baseTensor, found.name);
    if (problem) {
      stats = {
        ...stats,
        mergedTensor: mergedTensor?.name,
        mergedFile: mergedTensor?.file,
        mergedVerdict: "mismatch",
        mergedDetail: problem
      };
    } else if (mergedTensor) {
      merged = { ...location(mergedTensor), dtype: mergedTensor.info.dtype };
      stats = { ...stats, mergedTensor: mergedTensor.name, mergedFile: mergedTensor.file };
    }
  }
  const work = {
    key: `${adapter.path}\0${module.name}`,
    down: locationOfRef(module.down, down),
    up: locationOfRef(module.up, up),
    magnitude: magnitude && module.magnitude ? locationOfRef(module.magnitude, magnitude) : void 0,
    singularValues: singularValues && module.singularValues ? locationOfRef(module.singularValues, singularValues) : void 0,
    scale,
    transposed: layout2.transposed,
    rank,
    rows: layout2.rows,
    cols: layout2.cols,
    base: { ...location(baseTensor), dtype: baseDtype },
    merged,
    conv: layout2.conv,
    dora
  };
  return { kind: "work", work, stats };
}
function tensorOf(ref) {
  return ref ? ref.file.header?.tensors.get(ref.name) ?? null : null;
}
function location(tensor) {
  const { start, byteLength, dtype, dims } = tensor.info;
  return { path: tensor.path, start, byteLength, dtype, dims };
}
function locationOfRef(ref, info) {
  return {
    path: ref.file.absPath,
    start: info.start,
    byteLength: info.byteLength,
    dtype: info.dtype,
    dims: info.dims
  };
}
function fitLayout(w, a, b, embedding, fanInFanOut) {
  const aCols = product(a.slice(1));
  const bRows = b[0];
  if (product(b.slice(2)) !== 1) return `lora_B ${shapeText(b)} has a kernel larger than 1`;
  if (w.length >= 3) {
    const rows = w[0];
    const cols = product(w.slice(1));
    const kernelOk = a.length === w.length ? a.slice(1).every((d, i) => d === w[i + 1]) : product(w.slice(2)) === 1;
    if (bRows !== rows) return `lora_B has ${bRows} rows, the conv weight has ${rows} output channels`;
    if (!kernelOk || aCols !== cols)
      return `lora_A ${shapeText(a)} does not fit the conv weight's input and kernel`;
    return { rows, cols, transposed: false, conv: true };
  }
  if (w.length !== 2) return `a ${w.length}-D base weight can't take a LoRA update`;
  if (product(a.slice(2)) !== 1) return `lora_A ${shapeText(a)} is a conv kernel, the base weight is 2-D`;
  const [p, q] = w;
  const normal = bRows === p && aCols === q;
  const transposed2 = aCols === p && bRows === q;
  if (embedding) {
    if (transposed2) return { rows: p, cols: q, transposed: true, conv: false };
    return `embedding update needs lora_embedding_A [r, ${p}] and lora_embedding_B [${q}, r]; got A ${shapeText(a)}, B ${shapeText(b)}`;
  }
  if (normal && transposed2) return { rows: p, cols: q, transposed: fanInFanOut, conv: false };
  if (normal) return { rows: p, cols: q, transposed: false, conv: false };
  if (transposed2) return { rows: p, cols: q, transposed: true, conv: false };
  return `lora_B rows (${bRows}) vs out features and lora_A columns (${aCols}) vs in features fit neither [out, in] nor the transposed [in, out] (fan_in_fan_out) layout`;
}
function targetParameter(adapter, module) {
  const config = moduleConfig(adapter, module);
  const entries = config?.raw.target_parameters;
  if (!Array.isArray(entries)) return null;
  for (const entry of entries) {
    if (typeof entry !== "string") continue;
    const parent = entry.includes(".") ? entry.slice(0, entry.lastIndexOf(".")) : "";
    if (parent !== "" && (module.name === parent || module.name.endsWith(`.${parent}`))) return entry;
  }
  return null;
}
function baseProvesConv1d(base) {
  for (const [name, tensor] of base.tensors) {
    if (!/(?:^|\.)attn\.c_attn\.weight$/.test(name)) continue;
    const [rows, cols] = tensor.info.dims;
    if (tensor.info.dims.length === 2 && rows !== void 0 && cols === 3 * rows) return true;
  }
  return false;
}
function provesConv1d(plan, module) {
  if (plan?.kind !== "work") return false;
  const { work } = plan;
  const embedding = module.kind === "embedding" || (module.down?.name.includes("lora_embedding_A") ?? false);
  return work.transposed && !work.conv && !embedding && work.rows !== work.cols;
}
function mergedProblem(merged, base, baseName) {
  if (!merged) return `the merged checkpoint has no tensor ${baseName}`;
  if (!isWeightDtype(merged.info.dtype)) return `merged tensor has dtype ${merged.info.dtype}`;
  const m = merged.info.dims;
  const w = base.info.dims;
  if (m.length === w.length && m.every((d, i) => d === w[i])) return null;
  if (m.length === 2 && w.length === 2 && m[0] === w[1] && m[1] === w[0]) {
    return `merged tensor is ${shapeText(m)}, the transpose of the base ${shapeText(w)}`;
  }
  return `merged tensor is ${shapeText(m)}, the base weight ${shapeText(w)}`;
}
var shapeText, product;
var init_plan = __esm({
  "src/merge/plan.ts"() {
    "use strict";
    init_module_config();
    init_scaling();
    init_base_names();
    init_float_formats();
    shapeText = (dims) => `[${dims.join(", ")}]`;
    product = (dims) => dims.reduce((a, b) => a * b, 1);
  }
});

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
function hashSeed(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
function sampleIndices(n, count, seed) {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  const next = rng(seed);
  const chosen = /* @__PURE__ */ new Set();
  for (let j = n - count; j < n; j++) {
    const t = Math.floor(next() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
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
var init_random = __esm({
  "src/merge/random.ts"() {
    "use strict";
  }
});

// src/merge/index.ts
function sampleRowCount(rank) {
  return Math.max(MIN_SAMPLE_ROWS, Math.min(SAMPLE_ROWS, Math.floor(SAMPLE_ROWS * 64 / Math.max(1, rank))));
}
async function checkMerges(adapters, options) {
  const base = await openCheckpoint(options.cwd, options.base);
  const merged = options.merged ? await openCheckpoint(options.cwd, options.merged) : null;
  const problems = [...base.problems, ...merged?.problems ?? []];
  if (!base.readable) return { stats: [], problems };
  const inputs = {
    base,
    baseNames: new BaseNameResolver(base.tensors),
    merged: merged?.readable ? merged : null,
    mergedNames: merged?.readable ? new BaseNameResolver(merged.tensors) : null
  };
  const plans = [];
  const conv1dBase = baseProvesConv1d(base);
  for (const adapter of adapters) {
    let planned = adapter.modules.map((module) => planModule(adapter, module, inputs, conv1dBase));
    if (!conv1dBase && planned.some((plan, i) => provesConv1d(plan, adapter.modules[i]))) {
      planned = adapter.modules.map((module) => planModule(adapter, module, inputs, true));
    }
    for (const plan of planned) if (plan) plans.push(plan);
  }
  const threads = Math.max(1, options.executor.threads);
  const concurrency = options.executor.threads > 0 ? threads * 2 : 1;
  const maxMemory = options.maxMemory > 0 ? options.maxMemory : DEFAULT_MAX_MEMORY;
  const chunkBytes = clamp(Math.floor(maxMemory / (concurrency * 8)), 64 * 1024, 512 * 1024);
  const tileBytes = options.tileBytes ?? TILE_BYTES;
  const tailBytes = TAIL_TILES * tileBytes;
  const tileFor = /* @__PURE__ */ new Map();
  let fromEnd = 0;
  for (let i = plans.length - 1; i >= 0 && fromEnd < tailBytes; i--) {
    const plan = plans[i];
    if (plan.kind !== "work") continue;
    tileFor.set(i, Math.max(1, Math.floor(tileBytes / 4)));
    fromEnd += plan.work.base.byteLength;
  }
  const jobs = [];
  plans.forEach((plan, moduleIndex) => {
    if (plan.kind === "work") {
      const tile = tileFor.get(moduleIndex) ?? tileBytes;
      for (const job of jobsFor(plan.work, moduleIndex, options.exact, chunkBytes, tile)) jobs.push(job);
    }
  });
  const results = plans.map(() => []);
  const errors = /* @__PURE__ */ new Map();
  const budget = new MemoryBudget(maxMemory);
  let done = 0;
  options.onProgress?.({ phase: "merge", done, total: jobs.length });
  const factors = new FactorPrefetch(
    options.executor.threads > 0,
    jobs.map((job) => job.moduleIndex)
  );
  const factorsOf = (job) => factors.get(job.moduleIndex, job.payload.work);
  let next = 0;
  const runner = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (next < jobs.length) factorsOf(jobs[next]);
      if (!errors.has(job.moduleIndex)) {
        const reserved = await budget.acquire(job.bytes);
        try {
          if (!errors.has(job.moduleIndex)) {
            const payload = { ...job.payload, factors: await factorsOf(job) };
            const result = await options.executor.run({ kind: "merge", payload });
            results[job.moduleIndex].push(result);
          }
        } catch (error) {
          errors.set(job.moduleIndex, describe2(error));
        } finally {
          budget.release(reserved);
        }
      }
      factors.taskDone(job.moduleIndex);
      done++;
      options.onProgress?.({
        phase: "merge",
        done,
        total: jobs.length,
        label: job.payload.work.key.split("\0")[1]
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, jobs.length)) }, runner));
  } finally {
    await factors.close();
  }
  const stats = plans.map((plan, i) => {
    if (plan.kind === "done") return plan.stats;
    const error = errors.get(i);
    if (error !== void 0) return { ...plan.stats, error };
    return moduleStats(plan.stats, plan.work, results[i], options.exact);
  });
  return { stats, problems };
}
function jobsFor(work, moduleIndex, exact, chunkBytes, tileBytes) {
  const rowBytes = work.cols * work.base.byteLength / Math.max(1, work.rows * work.cols);
  const factorBytes = (work.rows + work.cols) * work.rank * 8 * 2 + work.cols * 8 * 6;
  const bytes = chunkBytes * (work.merged ? 2 : 1) + Math.max(chunkBytes, rowBytes) + factorBytes + (1 << 20);
  if (work.dora !== "none") return [{ moduleIndex, bytes, payload: { type: "dora", work, chunkBytes } }];
  const seed = hashSeed(work.key);
  const sample = exact ? null : sampleIndices(work.rows, sampleRowCount(work.rank), seed);
  const rowsPerTile = Math.max(1, Math.floor(tileBytes / Math.max(1, rowBytes)));
  const jobs = [];
  for (let rowStart = 0; rowStart < work.rows; rowStart += rowsPerTile) {
    const rowEnd = Math.min(work.rows, rowStart + rowsPerTile);
    const exactRows = sample ? sample.filter((o) => o >= rowStart && o < rowEnd) : "all";
    jobs.push({
      moduleIndex,
      // The sampled rows' ΔW, computed up front.
      bytes: bytes + (exactRows === "all" ? 0 : exactRows.length * work.cols * 8),
      payload: {
        type: "tile",
        work,
        rowStart,
        rowEnd,
        exactRows,
        gram: rowStart === 0,
        probes: PROBES,
        seed: (seed ^ rowStart) >>> 0,
        chunkBytes
      }
    });
  }
  return jobs;
}
function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}
function describe2(error) {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
var DEFAULT_MAX_MEMORY, SAMPLE_ROWS, MIN_SAMPLE_ROWS, PROBES, TILE_BYTES, TAIL_TILES;
var init_merge = __esm({
  "src/merge/index.ts"() {
    "use strict";
    init_aggregate();
    init_base_names();
    init_checkpoint();
    init_factor_prefetch();
    init_memory_budget();
    init_plan();
    init_random();
    DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024;
    SAMPLE_ROWS = 64;
    MIN_SAMPLE_ROWS = 32;
    PROBES = 2;
    TILE_BYTES = 64 * 1024 * 1024;
    TAIL_TILES = 4;
  }
});

// node_modules/piscina/package.json
var require_package = __commonJS({
  "node_modules/piscina/package.json"(exports, module) {
    module.exports = {
      name: "piscina",
      version: "5.3.2",
      description: "A fast, efficient Node.js Worker Thread Pool implementation",
      main: "./dist/main.js",
      types: "./dist/index.d.ts",
      exports: {
        types: "./dist/index.d.ts",
        import: "./dist/esm-wrapper.mjs",
        require: "./dist/main.js"
      },
      engines: {
        node: ">=20.x"
      },
      scripts: {
        build: "tsc && gen-esm-wrapper . dist/esm-wrapper.mjs",
        lint: "eslint",
        test: "node scripts/run-tests.js",
        "test:jest": "jest --config test/jest/jest.config.js",
        "test:ci": "npm run lint && npm run build && npm run test:coverage && npm run test:jest",
        "test:coverage": "node scripts/run-tests.js --coverage",
        prepack: "npm run build",
        benchmark: "node --allow-natives-syntax benchmark/index.js --scope all",
        "benchmark:ci": "node --allow-natives-syntax benchmark/index.js --scope all --reporter json | jq '.[] | .name, .opsSec'",
        "benchmark:simple": "node --allow-natives-syntax benchmark/index.js --scope simple:all",
        "benchmark:simple:default": "node --allow-natives-syntax benchmark/index.js --scope simple",
        "benchmark:simple:async": "node --allow-natives-syntax benchmark/index.js --scope simple:async",
        "benchmark:startup": "node --allow-natives-syntax benchmark/index.js --scope startup",
        "benchmark:queue": "node --allow-natives-syntax benchmark/index.js --scope queue"
      },
      repository: {
        type: "git",
        url: "git+https://github.com/piscinajs/piscina.git"
      },
      keywords: [
        "fast",
        "worker threads",
        "thread pool",
        "wade wilson"
      ],
      author: "James M Snell <jasnell@gmail.com>",
      contributors: [
        "Anna Henningsen <anna@addaleax.net>",
        "Matteo Collina <matteo.collina@gmail.com>",
        "Carlos Fuentes <me@metcoder.dev>"
      ],
      license: "MIT",
      devDependencies: {
        "@types/jest": "^30.0.0",
        "@types/node": "^22.4.1",
        "abort-controller": "^3.0.0",
        "bench-node": "^0.7.0",
        "concat-stream": "^2.0.0",
        eslint: "^9.16.0",
        "gen-esm-wrapper": "^1.1.1",
        glob: "^13.0.1",
        jest: "^30.2.0",
        neostandard: "^0.13.0",
        "ts-jest": "^29.4.6",
        tsx: "^4.20.3",
        typescript: "5.8.3"
      },
      optionalDependencies: {
        "@napi-rs/nice": "^1.0.4"
      },
      bugs: {
        url: "https://github.com/piscinajs/piscina/issues"
      },
      homepage: "https://github.com/piscinajs/piscina#readme",
      directories: {
        example: "examples",
        test: "test"
      }
    };
  }
});

// node_modules/piscina/dist/symbols.js
var require_symbols = __commonJS({
  "node_modules/piscina/dist/symbols.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.kFieldCount = exports.kResponseCountField = exports.kRequestCountField = exports.kQueueOptions = exports.kValue = exports.kTransferable = exports.kWorkerData = exports.kMovable = void 0;
    exports.kMovable = /* @__PURE__ */ Symbol("Piscina.kMovable");
    exports.kWorkerData = /* @__PURE__ */ Symbol("Piscina.kWorkerData");
    exports.kTransferable = /* @__PURE__ */ Symbol.for("Piscina.transferable");
    exports.kValue = /* @__PURE__ */ Symbol.for("Piscina.valueOf");
    exports.kQueueOptions = /* @__PURE__ */ Symbol.for("Piscina.queueOptions");
    exports.kRequestCountField = 0;
    exports.kResponseCountField = 1;
    exports.kFieldCount = 2;
  }
});

// node_modules/piscina/dist/abort.js
var require_abort = __commonJS({
  "node_modules/piscina/dist/abort.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AbortError = void 0;
    exports.onabort = onabort;
    var AbortError = class extends Error {
      constructor(reason) {
        super("The task has been aborted", { cause: reason });
      }
      get name() {
        return "AbortError";
      }
    };
    exports.AbortError = AbortError;
    function onabort(abortSignal, listener) {
      if ("addEventListener" in abortSignal) {
        abortSignal.addEventListener("abort", listener, { once: true });
        return () => abortSignal.removeEventListener("abort", listener);
      } else {
        abortSignal.once("abort", listener);
        return () => abortSignal.removeListener("abort", listener);
      }
    }
  }
});

// node_modules/piscina/dist/common.js
var require_common = __commonJS({
  "node_modules/piscina/dist/common.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.commonState = exports.READY = void 0;
    exports.isTransferable = isTransferable;
    exports.isMovable = isMovable;
    exports.markMovable = markMovable;
    exports.maybeFileURLToPath = maybeFileURLToPath;
    exports.getAvailableParallelism = getAvailableParallelism;
    exports.withNullPrototype = withNullPrototype;
    exports.promiseResolvers = promiseResolvers;
    var node_url_1 = __require("node:url");
    var node_os_1 = __require("node:os");
    var symbols_1 = require_symbols();
    exports.READY = "_WORKER_READY";
    function isTransferable(value) {
      return value != null && typeof value === "object" && symbols_1.kTransferable in value && symbols_1.kValue in value;
    }
    function isMovable(value) {
      return isTransferable(value) && value[symbols_1.kMovable] === true;
    }
    function markMovable(value) {
      Object.defineProperty(value, symbols_1.kMovable, {
        enumerable: false,
        configurable: true,
        writable: true,
        value: true
      });
    }
    exports.commonState = {
      isWorkerThread: false,
      workerData: void 0
    };
    function maybeFileURLToPath(filename) {
      return filename.startsWith("file:") ? (0, node_url_1.fileURLToPath)(new node_url_1.URL(filename)) : filename;
    }
    function getAvailableParallelism() {
      return (0, node_os_1.availableParallelism)();
    }
    function withNullPrototype(source, overrides) {
      return Object.assign(/* @__PURE__ */ Object.create(null), source, overrides);
    }
    function promiseResolvers() {
      if (Promise.withResolvers != null)
        return Promise.withResolvers();
      let res;
      let rej;
      return {
        promise: new Promise((resolve11, reject) => {
          res = resolve11;
          rej = reject;
        }),
        resolve: res,
        reject: rej
      };
    }
  }
});

// node_modules/piscina/dist/task_queue/array_queue.js
var require_array_queue = __commonJS({
  "node_modules/piscina/dist/task_queue/array_queue.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod2) {
      return mod2 && mod2.__esModule ? mod2 : { "default": mod2 };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ArrayTaskQueue = void 0;
    var node_assert_1 = __importDefault(__require("node:assert"));
    var ArrayTaskQueue2 = class {
      constructor() {
        this.tasks = [];
      }
      get size() {
        return this.tasks.length;
      }
      shift() {
        var _a;
        return (_a = this.tasks.shift()) !== null && _a !== void 0 ? _a : null;
      }
      push(task) {
        this.tasks.push(task);
      }
      unshift(task) {
        this.tasks.unshift(task);
      }
      remove(task) {
        const index = this.tasks.indexOf(task);
        node_assert_1.default.notStrictEqual(index, -1);
        this.tasks.splice(index, 1);
      }
    };
    exports.ArrayTaskQueue = ArrayTaskQueue2;
  }
});

// node_modules/piscina/dist/task_queue/fixed_queue.js
var require_fixed_queue = __commonJS({
  "node_modules/piscina/dist/task_queue/fixed_queue.js"(exports) {
    "use strict";
    var __classPrivateFieldGet = exports && exports.__classPrivateFieldGet || function(receiver, state, kind, f) {
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
      return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
    };
    var __classPrivateFieldSet = exports && exports.__classPrivateFieldSet || function(receiver, state, value, kind, f) {
      if (kind === "m") throw new TypeError("Private method is not writable");
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
      return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
    };
    var __importDefault = exports && exports.__importDefault || function(mod2) {
      return mod2 && mod2.__esModule ? mod2 : { "default": mod2 };
    };
    var _FixedQueue_size;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.FixedQueue = void 0;
    var node_assert_1 = __importDefault(__require("node:assert"));
    var kSize = 2048;
    var kMask = kSize - 1;
    var FixedCircularBuffer = class {
      constructor() {
        this.bottom = 0;
        this.top = 0;
        this.list = new Array(kSize);
        this.next = null;
      }
      isEmpty() {
        return this.top === this.bottom;
      }
      isFull() {
        return (this.top + 1 & kMask) === this.bottom;
      }
      push(data) {
        this.list[this.top] = data;
        this.top = this.top + 1 & kMask;
      }
      unshift(data) {
        this.bottom = this.bottom - 1 & kMask;
        this.list[this.bottom] = data;
      }
      shift() {
        const nextItem = this.list[this.bottom];
        if (nextItem === void 0) {
          return null;
        }
        this.list[this.bottom] = void 0;
        this.bottom = this.bottom + 1 & kMask;
        return nextItem;
      }
      remove(task) {
        const indexToRemove = this.list.indexOf(task);
        node_assert_1.default.notStrictEqual(indexToRemove, -1);
        let curr = indexToRemove;
        while (true) {
          const next = curr + 1 & kMask;
          this.list[curr] = this.list[next];
          if (this.list[curr] === void 0) {
            break;
          }
          if (next === indexToRemove) {
            this.list[curr] = void 0;
            break;
          }
          curr = next;
        }
        this.top = this.top - 1 & kMask;
      }
    };
    var FixedQueue2 = class {
      constructor() {
        _FixedQueue_size.set(this, 0);
        this.head = this.tail = new FixedCircularBuffer();
      }
      isEmpty() {
        return this.head.isEmpty();
      }
      push(data) {
        var _a;
        if (this.head.isFull()) {
          this.head = this.head.next = new FixedCircularBuffer();
        }
        this.head.push(data);
        __classPrivateFieldSet(this, _FixedQueue_size, (_a = __classPrivateFieldGet(this, _FixedQueue_size, "f"), _a++, _a), "f");
      }
      unshift(data) {
        var _a;
        if (this.tail.isFull()) {
          const newTail = new FixedCircularBuffer();
          newTail.next = this.tail;
          this.tail = newTail;
        }
        this.tail.unshift(data);
        __classPrivateFieldSet(this, _FixedQueue_size, (_a = __classPrivateFieldGet(this, _FixedQueue_size, "f"), _a++, _a), "f");
      }
      shift() {
        var _a;
        const tail = this.tail;
        const next = tail.shift();
        if (next !== null)
          __classPrivateFieldSet(this, _FixedQueue_size, (_a = __classPrivateFieldGet(this, _FixedQueue_size, "f"), _a--, _a), "f");
        if (tail.isEmpty() && tail.next !== null) {
          this.tail = tail.next;
          tail.next = null;
        }
        return next;
      }
      remove(task) {
        var _a;
        let prev = null;
        let buffer = this.tail;
        while (true) {
          if (buffer.list.includes(task)) {
            buffer.remove(task);
            __classPrivateFieldSet(this, _FixedQueue_size, (_a = __classPrivateFieldGet(this, _FixedQueue_size, "f"), _a--, _a), "f");
            break;
          }
          if (buffer.next === null)
            break;
          prev = buffer;
          buffer = buffer.next;
        }
        if (buffer.isEmpty()) {
          if (prev === null) {
            if (buffer.next !== null)
              this.tail = buffer.next;
          } else {
            if (buffer.next === null) {
              this.head = prev;
            } else {
              prev.next = buffer.next;
            }
          }
        }
      }
      get size() {
        return __classPrivateFieldGet(this, _FixedQueue_size, "f");
      }
    };
    exports.FixedQueue = FixedQueue2;
    _FixedQueue_size = /* @__PURE__ */ new WeakMap();
  }
});

// node_modules/piscina/dist/task_queue/index.js
var require_task_queue = __commonJS({
  "node_modules/piscina/dist/task_queue/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.TaskInfo = exports.FixedQueue = exports.ArrayTaskQueue = void 0;
    exports.isTaskQueue = isTaskQueue;
    var node_perf_hooks_1 = __require("node:perf_hooks");
    var node_async_hooks_1 = __require("node:async_hooks");
    var abort_1 = require_abort();
    var common_1 = require_common();
    var symbols_1 = require_symbols();
    var array_queue_1 = require_array_queue();
    Object.defineProperty(exports, "ArrayTaskQueue", { enumerable: true, get: function() {
      return array_queue_1.ArrayTaskQueue;
    } });
    var fixed_queue_1 = require_fixed_queue();
    Object.defineProperty(exports, "FixedQueue", { enumerable: true, get: function() {
      return fixed_queue_1.FixedQueue;
    } });
    function isTaskQueue(value) {
      return typeof value === "object" && value !== null && "size" in value && typeof value.shift === "function" && typeof value.remove === "function" && typeof value.push === "function";
    }
    var taskIdCounter = 0;
    var TaskInfo = class extends node_async_hooks_1.AsyncResource {
      constructor({ task, transferList, filename, name, abortSignal, triggerAsyncId }, callback2) {
        super("Piscina.Task", { requireManualDestroy: true, triggerAsyncId });
        this.workerInfo = null;
        this.aborted = false;
        this._abortListener = () => {
          this.aborted = true;
        };
        this._abortCleaner = null;
        this.callback = callback2;
        this.task = task;
        this.transferList = transferList;
        if ((0, common_1.isMovable)(task)) {
          if (this.transferList == null) {
            this.transferList = [];
          }
          this.transferList = this.transferList.concat(task[symbols_1.kTransferable]);
          this.task = task[symbols_1.kValue];
        }
        this.filename = filename;
        this.name = name;
        this.taskId = taskIdCounter++;
        this.abortSignal = abortSignal;
        this.created = node_perf_hooks_1.performance.now();
        this.started = 0;
      }
      onAbort(value) {
        this._abortListener = () => {
          this.aborted = true;
          value();
        };
      }
      setAbortListener(signal) {
        this._abortCleaner = (0, abort_1.onabort)(signal, this._abortListener);
      }
      releaseTask() {
        const ret = this.task;
        this.task = null;
        return ret;
      }
      // TODO: implement - helpful for streaming chunks of data from worker to parent
      onResponse(_result) {
      }
      done(err, result) {
        var _a;
        this.runInAsyncScope(this.callback, null, err, result);
        this.emitDestroy();
        (_a = this._abortCleaner) === null || _a === void 0 ? void 0 : _a.call(this);
      }
      get [symbols_1.kQueueOptions]() {
        var _a, _b;
        return (_b = (_a = this.task) === null || _a === void 0 ? void 0 : _a[symbols_1.kQueueOptions]) !== null && _b !== void 0 ? _b : null;
      }
      get interface() {
        return {
          taskId: this.taskId,
          filename: this.filename,
          name: this.name,
          created: this.created,
          isAbortable: this.abortSignal !== null,
          [symbols_1.kQueueOptions]: this[symbols_1.kQueueOptions]
        };
      }
    };
    exports.TaskInfo = TaskInfo;
  }
});

// node_modules/piscina/dist/errors.js
var require_errors = __commonJS({
  "node_modules/piscina/dist/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Errors = void 0;
    exports.Errors = {
      ThreadTermination: () => new Error("Terminating worker thread"),
      FilenameNotProvided: () => new Error("filename must be provided to run() or in options object"),
      TaskQueueAtLimit: () => new Error("Task queue is at limit"),
      NoTaskQueueAvailable: () => new Error("No task queue available and all Workers are busy"),
      CloseTimeout: () => new Error("Close operation timed out")
    };
  }
});

// node_modules/piscina/dist/histogram.js
var require_histogram = __commonJS({
  "node_modules/piscina/dist/histogram.js"(exports) {
    "use strict";
    var __classPrivateFieldSet = exports && exports.__classPrivateFieldSet || function(receiver, state, value, kind, f) {
      if (kind === "m") throw new TypeError("Private method is not writable");
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
      return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
    };
    var __classPrivateFieldGet = exports && exports.__classPrivateFieldGet || function(receiver, state, kind, f) {
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
      return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
    };
    var _PiscinaHistogramHandler_runTime;
    var _PiscinaHistogramHandler_waitTime;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PiscinaHistogramHandler = void 0;
    var node_perf_hooks_1 = __require("node:perf_hooks");
    var PiscinaHistogramHandler = class _PiscinaHistogramHandler {
      constructor() {
        _PiscinaHistogramHandler_runTime.set(this, void 0);
        _PiscinaHistogramHandler_waitTime.set(this, void 0);
        __classPrivateFieldSet(this, _PiscinaHistogramHandler_runTime, (0, node_perf_hooks_1.createHistogram)(), "f");
        __classPrivateFieldSet(this, _PiscinaHistogramHandler_waitTime, (0, node_perf_hooks_1.createHistogram)(), "f");
      }
      get runTimeSummary() {
        return _PiscinaHistogramHandler.createHistogramSummary(__classPrivateFieldGet(this, _PiscinaHistogramHandler_runTime, "f"));
      }
      get waitTimeSummary() {
        return _PiscinaHistogramHandler.createHistogramSummary(__classPrivateFieldGet(this, _PiscinaHistogramHandler_waitTime, "f"));
      }
      get runTimeCount() {
        return __classPrivateFieldGet(this, _PiscinaHistogramHandler_runTime, "f").count;
      }
      recordRunTime(value) {
        __classPrivateFieldGet(this, _PiscinaHistogramHandler_runTime, "f").record(_PiscinaHistogramHandler.toHistogramIntegerNano(value));
      }
      recordWaitTime(value) {
        __classPrivateFieldGet(this, _PiscinaHistogramHandler_waitTime, "f").record(_PiscinaHistogramHandler.toHistogramIntegerNano(value));
      }
      resetWaitTime() {
        __classPrivateFieldGet(this, _PiscinaHistogramHandler_waitTime, "f").reset();
      }
      resetRunTime() {
        __classPrivateFieldGet(this, _PiscinaHistogramHandler_runTime, "f").reset();
      }
      static createHistogramSummary(histogram) {
        const { mean, stddev, min, max } = histogram;
        return {
          average: mean / 1e3,
          mean: mean / 1e3,
          stddev: stddev / 1e3,
          min: min / 1e3,
          max: max / 1e3,
          p0_001: histogram.percentile(1e-3) / 1e3,
          p0_01: histogram.percentile(0.01) / 1e3,
          p0_1: histogram.percentile(0.1) / 1e3,
          p1: histogram.percentile(1) / 1e3,
          p2_5: histogram.percentile(2.5) / 1e3,
          p10: histogram.percentile(10) / 1e3,
          p25: histogram.percentile(25) / 1e3,
          p50: histogram.percentile(50) / 1e3,
          p75: histogram.percentile(75) / 1e3,
          p90: histogram.percentile(90) / 1e3,
          p97_5: histogram.percentile(97.5) / 1e3,
          p99: histogram.percentile(99) / 1e3,
          p99_9: histogram.percentile(99.9) / 1e3,
          p99_99: histogram.percentile(99.99) / 1e3,
          p99_999: histogram.percentile(99.999) / 1e3
        };
      }
      static toHistogramIntegerNano(milliseconds) {
        return Math.max(1, Math.trunc(milliseconds * 1e3));
      }
    };
    exports.PiscinaHistogramHandler = PiscinaHistogramHandler;
    _PiscinaHistogramHandler_runTime = /* @__PURE__ */ new WeakMap(), _PiscinaHistogramHandler_waitTime = /* @__PURE__ */ new WeakMap();
  }
});

// node_modules/piscina/dist/worker_pool/base.js
var require_base = __commonJS({
  "node_modules/piscina/dist/worker_pool/base.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod2) {
      return mod2 && mod2.__esModule ? mod2 : { "default": mod2 };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AsynchronouslyCreatedResourcePool = exports.AsynchronouslyCreatedResource = void 0;
    var node_assert_1 = __importDefault(__require("node:assert"));
    var AsynchronouslyCreatedResource = class {
      constructor() {
        this.onreadyListeners = [];
        this.ondestroyListeners = [];
      }
      markAsReady() {
        const listeners = this.onreadyListeners;
        (0, node_assert_1.default)(listeners != null);
        this.onreadyListeners = null;
        for (const listener of listeners) {
          listener();
        }
      }
      isReady() {
        return this.onreadyListeners == null;
      }
      onReady(fn) {
        if (this.onreadyListeners == null) {
          fn();
          return;
        }
        this.onreadyListeners.push(fn);
      }
      onDestroy(fn) {
        if (this.ondestroyListeners == null) {
          return;
        }
        this.ondestroyListeners.push(fn);
      }
      markAsDestroyed() {
        const listeners = this.ondestroyListeners;
        (0, node_assert_1.default)(listeners != null);
        this.ondestroyListeners = null;
        for (const listener of listeners) {
          listener();
        }
      }
      isDestroyed() {
        return this.ondestroyListeners == null;
      }
    };
    exports.AsynchronouslyCreatedResource = AsynchronouslyCreatedResource;
    var AsynchronouslyCreatedResourcePool = class {
      constructor(maximumUsage) {
        this.pendingItems = /* @__PURE__ */ new Set();
        this.readyItems = /* @__PURE__ */ new Set();
        this.maximumUsage = maximumUsage;
        this.onAvailableListeners = [];
        this.onTaskDoneListeners = [];
      }
      add(item) {
        this.pendingItems.add(item);
        item.onReady(() => {
          if (this.pendingItems.has(item)) {
            this.pendingItems.delete(item);
            this.readyItems.add(item);
            this.maybeAvailable(item);
          }
        });
      }
      delete(item) {
        this.pendingItems.delete(item);
        this.readyItems.delete(item);
      }
      *[Symbol.iterator]() {
        yield* this.pendingItems;
        yield* this.readyItems;
      }
      get size() {
        return this.pendingItems.size + this.readyItems.size;
      }
      maybeAvailable(item) {
        if (item.currentUsage() < this.maximumUsage) {
          for (const listener of this.onAvailableListeners) {
            listener(item);
          }
        }
      }
      onAvailable(fn) {
        this.onAvailableListeners.push(fn);
      }
      taskDone(item) {
        for (let i = 0; i < this.onTaskDoneListeners.length; i++) {
          this.onTaskDoneListeners[i](item);
        }
      }
      onTaskDone(fn) {
        this.onTaskDoneListeners.push(fn);
      }
      getCurrentUsage() {
        let inFlight = 0;
        for (const worker of this.readyItems) {
          const currentUsage = worker.currentUsage();
          if (Number.isFinite(currentUsage))
            inFlight += currentUsage;
        }
        return inFlight;
      }
    };
    exports.AsynchronouslyCreatedResourcePool = AsynchronouslyCreatedResourcePool;
  }
});

// node_modules/piscina/dist/worker_pool/balancer/index.js
var require_balancer = __commonJS({
  "node_modules/piscina/dist/worker_pool/balancer/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.LeastBusyBalancer = LeastBusyBalancer;
    function LeastBusyBalancer(opts) {
      const { maximumUsage } = opts;
      return (task, workers) => {
        let candidate = null;
        let checkpoint = maximumUsage;
        for (const worker of workers) {
          if (worker.currentUsage === 0) {
            candidate = worker;
            break;
          }
          if (worker.isRunningAbortableTask)
            continue;
          if (task.isAbortable === false && worker.currentUsage < checkpoint) {
            candidate = worker;
            checkpoint = worker.currentUsage;
          }
        }
        return candidate;
      };
    }
  }
});

// node_modules/piscina/dist/worker_pool/index.js
var require_worker_pool = __commonJS({
  "node_modules/piscina/dist/worker_pool/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    var __importDefault = exports && exports.__importDefault || function(mod2) {
      return mod2 && mod2.__esModule ? mod2 : { "default": mod2 };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AsynchronouslyCreatedResourcePool = exports.WorkerInfo = void 0;
    var node_worker_threads_1 = __require("node:worker_threads");
    var node_perf_hooks_1 = __require("node:perf_hooks");
    var node_assert_1 = __importDefault(__require("node:assert"));
    var errors_1 = require_errors();
    var symbols_1 = require_symbols();
    var histogram_1 = require_histogram();
    var base_1 = require_base();
    Object.defineProperty(exports, "AsynchronouslyCreatedResourcePool", { enumerable: true, get: function() {
      return base_1.AsynchronouslyCreatedResourcePool;
    } });
    __exportStar(require_balancer(), exports);
    var WorkerInfo = class extends base_1.AsynchronouslyCreatedResource {
      constructor({ worker, port, enableHistogram }, onMessage) {
        super();
        this.idleTimeout = null;
        this.lastSeenResponseCount = 0;
        this.terminating = false;
        this.destroyed = false;
        const { filename, ...workerOpts } = worker;
        this.worker = new node_worker_threads_1.Worker(filename, workerOpts);
        this.port = port;
        this.onMessage = onMessage;
        this.port.on("message", this._handleResponse.bind(this));
        this.taskInfos = /* @__PURE__ */ new Map();
        this.sharedBuffer = new Int32Array(new SharedArrayBuffer(symbols_1.kFieldCount * Int32Array.BYTES_PER_ELEMENT));
        this.histogram = enableHistogram ? (0, node_perf_hooks_1.createHistogram)() : null;
      }
      get id() {
        return this.worker.threadId;
      }
      onWorkerMessage(handler) {
        this.worker.on("message", handler);
      }
      onWorkerError(handler) {
        this.worker.on("error", handler);
      }
      onWorkerExit(handler) {
        this.worker.on("exit", handler);
      }
      onPortClose(handler) {
        this.port.on("close", handler);
      }
      init(msg, toTransfer) {
        this.worker.postMessage(msg, toTransfer);
        return this;
      }
      workerRef() {
        this.worker.ref();
        return this;
      }
      workerUnref() {
        this.worker.unref();
        return this;
      }
      destroy() {
        if (this.terminating || this.destroyed)
          return;
        this.terminating = true;
        this.clearIdleTimeout();
        this.worker.terminate();
        this.port.close();
        for (const taskInfo of this.taskInfos.values()) {
          taskInfo.done(errors_1.Errors.ThreadTermination());
        }
        this.taskInfos.clear();
        this.terminating = false;
        this.destroyed = true;
        this.markAsDestroyed();
      }
      setIdleTimeout(handler, ms, ...args) {
        this.idleTimeout = setTimeout(handler, ms, ...args).unref();
      }
      clearIdleTimeout() {
        if (this.idleTimeout != null) {
          clearTimeout(this.idleTimeout);
          this.idleTimeout = null;
        }
      }
      ref() {
        this.port.ref();
        return this;
      }
      unref() {
        this.port.unref();
        return this;
      }
      _handleResponse(message) {
        var _a;
        (_a = this.histogram) === null || _a === void 0 ? void 0 : _a.record(histogram_1.PiscinaHistogramHandler.toHistogramIntegerNano(message === null || message === void 0 ? void 0 : message.time));
        this.onMessage(message);
        if (this.taskInfos.size === 0) {
          this.unref();
        }
      }
      postTask(taskInfo) {
        (0, node_assert_1.default)(!this.taskInfos.has(taskInfo.taskId));
        (0, node_assert_1.default)(!this.terminating && !this.destroyed);
        const message = {
          task: taskInfo.releaseTask(),
          taskId: taskInfo.taskId,
          filename: taskInfo.filename,
          name: taskInfo.name,
          histogramEnabled: this.histogram != null ? 1 : 0
        };
        try {
          this.port.postMessage(message, taskInfo.transferList);
          queueMicrotask(() => this.clearIdleTimeout());
          taskInfo.workerInfo = this;
          this.taskInfos.set(taskInfo.taskId, taskInfo);
          this.ref();
          Atomics.add(this.sharedBuffer, symbols_1.kRequestCountField, 1);
          Atomics.notify(this.sharedBuffer, symbols_1.kRequestCountField, 1);
        } catch (err) {
          taskInfo.done(err);
        }
      }
      processPendingMessages() {
        if (this.destroyed)
          return;
        const actualResponseCount = Atomics.load(this.sharedBuffer, symbols_1.kResponseCountField);
        if (actualResponseCount !== this.lastSeenResponseCount) {
          this.lastSeenResponseCount = actualResponseCount;
          let entry;
          while ((entry = (0, node_worker_threads_1.receiveMessageOnPort)(this.port)) != null) {
            this._handleResponse(entry.message);
          }
        }
      }
      isRunningAbortableTask() {
        if (this.taskInfos.size !== 1)
          return false;
        const [[, task]] = this.taskInfos;
        return task.abortSignal != null;
      }
      currentUsage() {
        return this.isRunningAbortableTask() ? Infinity : this.taskInfos.size;
      }
      popTask(taskId) {
        var _a;
        const task = (_a = this.taskInfos.get(taskId)) !== null && _a !== void 0 ? _a : null;
        if (task != null)
          this.taskInfos.delete(taskId);
        return task;
      }
      get interface() {
        const worker = this;
        return {
          get id() {
            return worker.worker.threadId;
          },
          get currentUsage() {
            return worker.currentUsage();
          },
          get isRunningAbortableTask() {
            return worker.isRunningAbortableTask();
          },
          get histogram() {
            return worker.histogram != null ? histogram_1.PiscinaHistogramHandler.createHistogramSummary(worker.histogram) : null;
          },
          get terminating() {
            return worker.terminating;
          },
          get destroyed() {
            return worker.destroyed;
          },
          [symbols_1.kWorkerData]: worker
        };
      }
    };
    exports.WorkerInfo = WorkerInfo;
  }
});

// node_modules/piscina/dist/index.js
var require_dist = __commonJS({
  "node_modules/piscina/dist/index.js"(exports) {
    "use strict";
    var __classPrivateFieldSet = exports && exports.__classPrivateFieldSet || function(receiver, state, value, kind, f) {
      if (kind === "m") throw new TypeError("Private method is not writable");
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
      return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
    };
    var __classPrivateFieldGet = exports && exports.__classPrivateFieldGet || function(receiver, state, kind, f) {
      if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
      if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
      return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
    };
    var _DirectlyTransferable_value;
    var _ArrayBufferViewTransferable_view;
    var _Piscina_pool;
    var _Piscina_histogram;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.workerData = exports.isWorkerThread = exports.move = exports.ArrayTaskQueue = exports.FixedQueue = exports.version = exports.queueOptionsSymbol = exports.valueSymbol = exports.transferableSymbol = exports.Piscina = void 0;
    var node_worker_threads_1 = __require("node:worker_threads");
    var node_events_1 = __require("node:events");
    var node_path_1 = __require("node:path");
    var node_util_1 = __require("node:util");
    var node_perf_hooks_1 = __require("node:perf_hooks");
    var promises_1 = __require("node:timers/promises");
    var package_json_1 = require_package();
    Object.defineProperty(exports, "version", { enumerable: true, get: function() {
      return package_json_1.version;
    } });
    var symbols_1 = require_symbols();
    Object.defineProperty(exports, "queueOptionsSymbol", { enumerable: true, get: function() {
      return symbols_1.kQueueOptions;
    } });
    Object.defineProperty(exports, "transferableSymbol", { enumerable: true, get: function() {
      return symbols_1.kTransferable;
    } });
    Object.defineProperty(exports, "valueSymbol", { enumerable: true, get: function() {
      return symbols_1.kValue;
    } });
    var task_queue_1 = require_task_queue();
    Object.defineProperty(exports, "ArrayTaskQueue", { enumerable: true, get: function() {
      return task_queue_1.ArrayTaskQueue;
    } });
    Object.defineProperty(exports, "FixedQueue", { enumerable: true, get: function() {
      return task_queue_1.FixedQueue;
    } });
    var worker_pool_1 = require_worker_pool();
    var abort_1 = require_abort();
    var histogram_1 = require_histogram();
    var errors_1 = require_errors();
    var common_1 = require_common();
    var cpuParallelism = (0, common_1.getAvailableParallelism)();
    var kDefaultOptions = {
      filename: null,
      name: "default",
      minThreads: Math.max(Math.floor(cpuParallelism / 2), 1),
      maxThreads: cpuParallelism * 1.5,
      idleTimeout: 0,
      maxQueue: Infinity,
      concurrentTasksPerWorker: 1,
      atomics: "sync",
      taskQueue: new task_queue_1.ArrayTaskQueue(),
      niceIncrement: 0,
      trackUnmanagedFds: true,
      closeTimeout: 3e4,
      recordTiming: true,
      stricterFIFO: false,
      workerHistogram: false
    };
    var kDefaultRunOptions = {
      transferList: void 0,
      filename: null,
      signal: null,
      name: null
    };
    var kDefaultCloseOptions = {
      force: false
    };
    var DirectlyTransferable = class {
      constructor(value) {
        _DirectlyTransferable_value.set(this, void 0);
        __classPrivateFieldSet(this, _DirectlyTransferable_value, value, "f");
      }
      get [(_DirectlyTransferable_value = /* @__PURE__ */ new WeakMap(), symbols_1.kTransferable)]() {
        return __classPrivateFieldGet(this, _DirectlyTransferable_value, "f");
      }
      get [symbols_1.kValue]() {
        return __classPrivateFieldGet(this, _DirectlyTransferable_value, "f");
      }
    };
    var ArrayBufferViewTransferable = class {
      constructor(view) {
        _ArrayBufferViewTransferable_view.set(this, void 0);
        __classPrivateFieldSet(this, _ArrayBufferViewTransferable_view, view, "f");
      }
      get [(_ArrayBufferViewTransferable_view = /* @__PURE__ */ new WeakMap(), symbols_1.kTransferable)]() {
        return __classPrivateFieldGet(this, _ArrayBufferViewTransferable_view, "f").buffer;
      }
      get [symbols_1.kValue]() {
        return __classPrivateFieldGet(this, _ArrayBufferViewTransferable_view, "f");
      }
    };
    var ThreadPool = class {
      constructor(publicInterface, options) {
        var _a, _b, _c;
        this.skipQueue = [];
        this.completed = 0;
        this.histogram = null;
        this.start = node_perf_hooks_1.performance.now();
        this.inProcessPendingMessages = false;
        this.startingUp = false;
        this.closingUp = false;
        this.workerFailsDuringBootstrap = false;
        this.destroying = false;
        this.publicInterface = publicInterface;
        this.taskQueue = (_a = options.taskQueue) !== null && _a !== void 0 ? _a : new task_queue_1.FixedQueue();
        const filename = options.filename ? (0, common_1.maybeFileURLToPath)(options.filename) : null;
        this.options = (0, common_1.withNullPrototype)({
          ...kDefaultOptions,
          ...options,
          filename,
          maxQueue: 0
        });
        if (this.options.recordTiming) {
          this.histogram = new histogram_1.PiscinaHistogramHandler();
        }
        if (options.maxThreads !== void 0 && this.options.minThreads >= options.maxThreads) {
          this.options.minThreads = options.maxThreads;
        }
        if (options.minThreads !== void 0 && this.options.maxThreads <= options.minThreads) {
          this.options.maxThreads = options.minThreads;
        }
        if (options.maxQueue === "auto") {
          this.options.maxQueue = this.options.maxThreads ** 2;
        } else {
          this.options.maxQueue = (_b = options.maxQueue) !== null && _b !== void 0 ? _b : kDefaultOptions.maxQueue;
        }
        this.balancer = (_c = this.options.loadBalancer) !== null && _c !== void 0 ? _c : (0, worker_pool_1.LeastBusyBalancer)({ maximumUsage: this.options.concurrentTasksPerWorker });
        this.workers = new worker_pool_1.AsynchronouslyCreatedResourcePool(this.options.concurrentTasksPerWorker);
        this.workers.onTaskDone(this._onWorkerTaskDone.bind(this));
        this.maxCapacity = this.options.maxThreads * this.options.concurrentTasksPerWorker;
        this.startingUp = true;
        this._ensureMinimumWorkers();
        this.startingUp = false;
        this._needsDrain = false;
      }
      _ensureMinimumWorkers() {
        if (this.closingUp || this.destroying) {
          return;
        }
        while (this.workers.size < this.options.minThreads) {
          this._addNewWorker();
        }
      }
      _addNewWorker() {
        if (this.closingUp === true)
          return;
        const { port1, port2 } = new node_worker_threads_1.MessageChannel();
        const workerInfo = new worker_pool_1.WorkerInfo({
          worker: {
            filename: (0, node_path_1.resolve)(__dirname, "worker.js"),
            env: this.options.env,
            argv: this.options.argv,
            execArgv: this.options.execArgv,
            resourceLimits: this.options.resourceLimits,
            workerData: this.options.workerData,
            trackUnmanagedFds: this.options.trackUnmanagedFds
          },
          port: port1,
          enableHistogram: this.options.workerHistogram
        }, onMessage.bind(this));
        const message = {
          filename: this.options.filename,
          name: this.options.name,
          port: port2,
          sharedBuffer: workerInfo.sharedBuffer,
          atomics: this.options.atomics,
          niceIncrement: this.options.niceIncrement
        };
        workerInfo.onDestroy(() => {
          this.publicInterface.emit("workerDestroy", workerInfo.interface);
        });
        workerInfo.onWorkerMessage(onWorkerMessage.bind(this));
        workerInfo.onWorkerError(onWorkerError.bind(this));
        workerInfo.onWorkerExit(onWorkerExit.bind(this));
        workerInfo.onPortClose(() => {
          workerInfo.workerRef();
        });
        if (this.startingUp === true) {
          workerInfo.markAsReady();
          queueMicrotask(() => {
            this.publicInterface.emit("workerCreate", workerInfo.interface);
            this._onWorkerReady(workerInfo);
          });
        } else {
          workerInfo.onReady(() => {
            this.publicInterface.emit("workerCreate", workerInfo.interface);
            this._onWorkerReady(workerInfo);
          });
        }
        workerInfo.init(message, [port2]).workerUnref();
        this.workers.add(workerInfo);
        function onMessage(message2) {
          const { taskId, result } = message2;
          const taskInfo = workerInfo.popTask(taskId);
          this.workers.taskDone(workerInfo);
          if (taskInfo == null) {
            const err = new Error(`Unexpected message from Worker: ${(0, node_util_1.inspect)(message2)}`);
            this.publicInterface.emit("error", err);
          } else {
            taskInfo.done(message2.error, result);
          }
          this._processPendingMessages();
        }
        function onWorkerReady() {
          workerInfo.currentUsage() === 0 && workerInfo.unref();
          workerInfo.isReady() === false && workerInfo.markAsReady();
        }
        function onEventMessage(message2) {
          this.publicInterface.emit("message", message2);
        }
        function onWorkerMessage(message2) {
          const isReadyMessage = message2 instanceof Object && common_1.READY in message2 || typeof message2 === "object" && message2 !== null && common_1.READY in message2;
          if (isReadyMessage) {
            onWorkerReady();
          } else {
            onEventMessage.call(this, message2);
          }
        }
        function onWorkerError(err) {
          this._onError(workerInfo, err, false);
        }
        function onWorkerExit(code) {
          if (this.destroying === false) {
            const err = new Error(`worker exited with code: ${code}`);
            this._onError(workerInfo, err, true);
          }
        }
      }
      _onError(workerInfo, err, onlyErrorUnfinishedTasks) {
        const taskInfos = [...workerInfo.taskInfos.values()];
        workerInfo.taskInfos.clear();
        this._removeWorker(workerInfo);
        if (workerInfo.isReady() && !this.workerFailsDuringBootstrap) {
          this._ensureMinimumWorkers();
        } else {
          this.workerFailsDuringBootstrap = true;
        }
        if (taskInfos.length > 0) {
          for (const taskInfo of taskInfos) {
            taskInfo.done(err, null);
          }
        } else if (!onlyErrorUnfinishedTasks) {
          this.publicInterface.emit("error", err);
        }
      }
      _processPendingMessages() {
        if (this.inProcessPendingMessages || this.options.atomics === "disabled") {
          return;
        }
        this.inProcessPendingMessages = true;
        try {
          for (const workerInfo of this.workers) {
            workerInfo.processPendingMessages();
          }
        } finally {
          this.inProcessPendingMessages = false;
        }
      }
      _removeWorker(workerInfo) {
        workerInfo.destroy();
        this.workers.delete(workerInfo);
      }
      _removeTaskFromQueue(taskInfo) {
        this.taskQueue.remove(taskInfo);
        const skipQueueIndex = this.skipQueue.indexOf(taskInfo);
        if (skipQueueIndex !== -1) {
          this.skipQueue.splice(skipQueueIndex, 1);
        }
      }
      _onWorkerReady(workerInfo) {
        this._onWorkerAvailable(workerInfo);
      }
      _onWorkerTaskDone(workerInfo) {
        this._onWorkerAvailable(workerInfo);
      }
      _onWorkerAvailable(workerInfo) {
        let workers = null;
        while (this.taskQueue.size > 0 || this.skipQueue.length > 0) {
          const taskInfo = this.skipQueue.shift() || this.taskQueue.shift();
          if (workers == null) {
            workers = [...this.workers].map((workerInfo2) => workerInfo2.interface);
          }
          const distributed = this._distributeTask(taskInfo, workers);
          if (distributed) {
            continue;
          }
          if (this.workers.size < this.options.maxThreads) {
            this._addNewWorker();
            continue;
          } else {
            break;
          }
        }
        if (this.options.idleTimeout === Infinity) {
          return;
        }
        if (workerInfo.currentUsage() === 0 && this.workers.size > this.options.minThreads) {
          workerInfo.setIdleTimeout(() => {
            if (workerInfo.currentUsage() !== 0) {
              return;
            }
            if (this.workers.size > this.options.minThreads) {
              this._removeWorker(workerInfo);
            }
          }, this.options.idleTimeout);
        }
      }
      _distributeTask(task, workers) {
        var _a;
        if (task.aborted)
          return true;
        const candidate = this.balancer(task.interface, workers);
        if (candidate != null && candidate[symbols_1.kWorkerData] != null) {
          const now = node_perf_hooks_1.performance.now();
          (_a = this.histogram) === null || _a === void 0 ? void 0 : _a.recordWaitTime(now - task.created);
          task.started = now;
          candidate[symbols_1.kWorkerData].postTask(task);
          queueMicrotask(() => this._maybeDrain());
          return true;
        }
        this._returnUndistributedTask(task, !this.options.stricterFIFO);
        return false;
      }
      _returnUndistributedTask(task, toTail = false) {
        if (task.abortSignal != null) {
          if (toTail) {
            this.skipQueue.push(task);
          } else {
            this.skipQueue.unshift(task);
          }
          return;
        }
        if (toTail) {
          this.taskQueue.push(task);
        } else if (this.taskQueue.unshift != null) {
          this.taskQueue.unshift(task);
        } else {
          this.taskQueue.push(task);
        }
      }
      runTask(task, options) {
        var _a;
        let { filename, name } = options;
        const { transferList = [] } = options;
        filename = filename !== null && filename !== void 0 ? filename : this.options.filename;
        name = name !== null && name !== void 0 ? name : this.options.name;
        if (typeof filename !== "string") {
          return Promise.reject(errors_1.Errors.FilenameNotProvided());
        }
        filename = (0, common_1.maybeFileURLToPath)(filename);
        let signal;
        if (this.closingUp || this.destroying) {
          const closingUpAbortController = new AbortController();
          closingUpAbortController.abort("queue is being terminated");
          signal = closingUpAbortController.signal;
        } else {
          signal = (_a = options.signal) !== null && _a !== void 0 ? _a : null;
        }
        const { promise: ret, resolve: resolve11, reject } = (0, common_1.promiseResolvers)();
        const taskInfo = new task_queue_1.TaskInfo({
          task,
          transferList,
          filename,
          name,
          abortSignal: signal,
          triggerAsyncId: this.publicInterface.asyncResource.asyncId()
        }, (err, result) => {
          var _a2;
          this.completed++;
          if (taskInfo.started) {
            (_a2 = this.histogram) === null || _a2 === void 0 ? void 0 : _a2.recordRunTime(node_perf_hooks_1.performance.now() - taskInfo.started);
          }
          if (err !== null) {
            reject(err);
          } else {
            resolve11(result);
          }
          queueMicrotask(this._maybeDrain.bind(this));
        });
        if (signal != null) {
          if (signal.aborted) {
            reject(new abort_1.AbortError(signal.reason));
            return ret;
          }
          taskInfo.onAbort(() => {
            reject(new abort_1.AbortError(signal.reason));
            if (taskInfo.workerInfo != null) {
              this._removeWorker(taskInfo.workerInfo);
              this._ensureMinimumWorkers();
            } else {
              this._removeTaskFromQueue(taskInfo);
            }
          });
          taskInfo.setAbortListener(signal);
        }
        if (this.taskQueue.size > 0) {
          const totalCapacity = this.options.maxQueue + this.pendingCapacity();
          if (this.taskQueue.size >= totalCapacity) {
            if (this.options.maxQueue === 0) {
              reject(errors_1.Errors.NoTaskQueueAvailable());
            } else {
              reject(errors_1.Errors.TaskQueueAtLimit());
            }
          } else {
            this.taskQueue.push(taskInfo);
            if (this.workers.size < this.options.maxThreads) {
              this._addNewWorker();
            }
          }
          queueMicrotask(this._maybeDrain.bind(this));
          return ret;
        }
        const workers = [...this.workers.readyItems].map((workerInfo) => workerInfo.interface);
        const distributed = this._distributeTask(taskInfo, workers);
        if (!distributed) {
          if (this.workers.size < this.options.maxThreads) {
            this._addNewWorker();
          }
          if (this.options.maxQueue <= 0 && this.pendingCapacity() === 0) {
            reject(errors_1.Errors.NoTaskQueueAvailable());
          }
        }
        ;
        queueMicrotask(this._maybeDrain.bind(this));
        return ret;
      }
      pendingCapacity() {
        return this.workers.pendingItems.size * this.options.concurrentTasksPerWorker;
      }
      _maybeDrain() {
        const { maxCapacity } = this;
        const currentUsage = this.workers.getCurrentUsage();
        if (maxCapacity === currentUsage) {
          this._needsDrain = true;
          queueMicrotask(() => this.publicInterface.emit("needsDrain"));
        } else if (maxCapacity > currentUsage && this._needsDrain) {
          this._needsDrain = false;
          queueMicrotask(() => this.publicInterface.emit("drain"));
        }
      }
      async destroy() {
        this.destroying = true;
        while (this.skipQueue.length > 0) {
          const taskInfo = this.skipQueue.shift();
          taskInfo.done(new Error("Terminating worker thread"));
        }
        while (this.taskQueue.size > 0) {
          const taskInfo = this.taskQueue.shift();
          taskInfo.done(new Error("Terminating worker thread"));
        }
        const exitEvents = [];
        while (this.workers.size > 0) {
          const [workerInfo] = this.workers;
          exitEvents.push((0, node_events_1.once)(workerInfo.worker, "exit"));
          this._removeWorker(workerInfo);
        }
        await Promise.allSettled(exitEvents);
        this.destroying = false;
      }
      async close(options) {
        this.closingUp = true;
        if (options.force) {
          const skipQueueLength = this.skipQueue.length;
          for (let i = 0; i < skipQueueLength; i++) {
            const taskInfo = this.skipQueue.shift();
            if (taskInfo.workerInfo === null) {
              taskInfo.done(new abort_1.AbortError("pool is closed"));
            } else {
              this.skipQueue.push(taskInfo);
            }
          }
          const taskQueueLength = this.taskQueue.size;
          for (let i = 0; i < taskQueueLength; i++) {
            const taskInfo = this.taskQueue.shift();
            if (taskInfo.workerInfo === null) {
              taskInfo.done(new abort_1.AbortError("pool is closed"));
            } else {
              this.taskQueue.push(taskInfo);
            }
          }
        }
        const onPoolFlushed = () => new Promise((resolve11) => {
          const numberOfWorkers = this.workers.size;
          if (numberOfWorkers === 0) {
            resolve11();
            return;
          }
          let numberOfWorkersDone = 0;
          const checkIfWorkerIsDone = (workerInfo) => {
            if (workerInfo.taskInfos.size === 0) {
              numberOfWorkersDone++;
            }
            if (numberOfWorkers === numberOfWorkersDone) {
              resolve11();
            }
          };
          this.workers.onTaskDone(checkIfWorkerIsDone);
          for (const workerInfo of this.workers) {
            checkIfWorkerIsDone(workerInfo);
            this.workers.onTaskDone(checkIfWorkerIsDone);
          }
        });
        const throwOnTimeOut = async (timeout) => {
          await (0, promises_1.setTimeout)(timeout, null, { ref: false });
          throw errors_1.Errors.CloseTimeout();
        };
        try {
          await Promise.race([
            onPoolFlushed(),
            throwOnTimeOut(this.options.closeTimeout)
          ]);
        } catch (error) {
          this.publicInterface.emit("error", error);
        } finally {
          await this.destroy();
          this.publicInterface.emit("close");
          this.closingUp = false;
        }
      }
    };
    var Piscina2 = class _Piscina extends node_events_1.EventEmitterAsyncResource {
      constructor(options = {}) {
        const opts = (0, common_1.withNullPrototype)(options);
        super((0, common_1.withNullPrototype)(opts, { name: "Piscina" }));
        _Piscina_pool.set(this, void 0);
        _Piscina_histogram.set(this, null);
        if (typeof opts.filename !== "string" && opts.filename != null) {
          throw new TypeError("options.filename must be a string or null");
        }
        if (typeof opts.name !== "string" && opts.name != null) {
          throw new TypeError("options.name must be a string or null");
        }
        if (opts.minThreads !== void 0 && (typeof opts.minThreads !== "number" || opts.minThreads < 0)) {
          throw new TypeError("options.minThreads must be a non-negative integer");
        }
        if (opts.maxThreads !== void 0 && (typeof opts.maxThreads !== "number" || opts.maxThreads < 1)) {
          throw new TypeError("options.maxThreads must be a positive integer");
        }
        if (opts.minThreads !== void 0 && opts.maxThreads !== void 0 && opts.minThreads > opts.maxThreads) {
          throw new RangeError("options.minThreads and options.maxThreads must not conflict");
        }
        if (opts.idleTimeout !== void 0 && (typeof opts.idleTimeout !== "number" || opts.idleTimeout < 0)) {
          throw new TypeError("options.idleTimeout must be a non-negative integer");
        }
        if (opts.maxQueue !== void 0 && opts.maxQueue !== "auto" && (typeof opts.maxQueue !== "number" || opts.maxQueue < 0)) {
          throw new TypeError("options.maxQueue must be a non-negative integer");
        }
        if (opts.concurrentTasksPerWorker !== void 0 && (typeof opts.concurrentTasksPerWorker !== "number" || opts.concurrentTasksPerWorker < 1)) {
          throw new TypeError("options.concurrentTasksPerWorker must be a positive integer");
        }
        if (opts.atomics != null && (typeof opts.atomics !== "string" || !["sync", "async", "disabled"].includes(opts.atomics))) {
          throw new TypeError("options.atomics should be a value of sync, sync or disabled.");
        }
        if (opts.resourceLimits !== void 0 && (typeof opts.resourceLimits !== "object" || opts.resourceLimits === null)) {
          throw new TypeError("options.resourceLimits must be an object");
        }
        if (opts.taskQueue !== void 0 && !(0, task_queue_1.isTaskQueue)(opts.taskQueue)) {
          throw new TypeError("options.taskQueue must be a TaskQueue object");
        }
        if (opts.niceIncrement !== void 0 && (typeof opts.niceIncrement !== "number" || opts.niceIncrement < 0 && process.platform !== "win32")) {
          throw new TypeError("options.niceIncrement must be a non-negative integer on Unix systems");
        }
        if (opts.trackUnmanagedFds !== void 0 && typeof opts.trackUnmanagedFds !== "boolean") {
          throw new TypeError("options.trackUnmanagedFds must be a boolean value");
        }
        if (opts.closeTimeout !== void 0 && (typeof opts.closeTimeout !== "number" || opts.closeTimeout < 0)) {
          throw new TypeError("options.closeTimeout must be a non-negative integer");
        }
        if (opts.loadBalancer !== void 0 && (typeof opts.loadBalancer !== "function" || opts.loadBalancer.length < 1)) {
          throw new TypeError("options.loadBalancer must be a function with at least two args");
        }
        if (opts.workerHistogram !== void 0 && typeof opts.workerHistogram !== "boolean") {
          throw new TypeError("options.workerHistogram must be a boolean");
        }
        if (opts.stricterFIFO !== void 0 && typeof opts.stricterFIFO !== "boolean") {
          throw new TypeError("options.stricterFIFO must be a boolean");
        }
        __classPrivateFieldSet(this, _Piscina_pool, new ThreadPool(this, opts), "f");
      }
      run(task, options = kDefaultRunOptions) {
        var _a, _b, _c;
        if (options === null || typeof options !== "object") {
          return Promise.reject(new TypeError("options must be an object"));
        }
        options = (0, common_1.withNullPrototype)(options);
        const transferList = options.transferList;
        const signal = (_a = options.signal) !== null && _a !== void 0 ? _a : null;
        const filename = (_b = options.filename) !== null && _b !== void 0 ? _b : null;
        const name = (_c = options.name) !== null && _c !== void 0 ? _c : null;
        if (transferList !== void 0 && !Array.isArray(transferList)) {
          return Promise.reject(new TypeError("transferList argument must be an Array"));
        }
        if (filename != null && typeof filename !== "string") {
          return Promise.reject(new TypeError("filename argument must be a string"));
        }
        if (name != null && typeof name !== "string") {
          return Promise.reject(new TypeError("name argument must be a string"));
        }
        if (signal != null && typeof signal !== "object") {
          return Promise.reject(new TypeError("signal argument must be an object"));
        }
        return __classPrivateFieldGet(this, _Piscina_pool, "f").runTask(task, { transferList, filename, name, signal });
      }
      async close(options = kDefaultCloseOptions) {
        if (options === null || typeof options !== "object") {
          throw TypeError("options must be an object");
        }
        options = (0, common_1.withNullPrototype)(options);
        let { force } = options;
        if (force !== void 0 && typeof force !== "boolean") {
          return Promise.reject(new TypeError("force argument must be a boolean"));
        }
        force !== null && force !== void 0 ? force : force = kDefaultCloseOptions.force;
        return __classPrivateFieldGet(this, _Piscina_pool, "f").close({
          force
        });
      }
      destroy() {
        return __classPrivateFieldGet(this, _Piscina_pool, "f").destroy();
      }
      [(_Piscina_pool = /* @__PURE__ */ new WeakMap(), _Piscina_histogram = /* @__PURE__ */ new WeakMap(), Symbol.dispose)]() {
        this.close();
      }
      [Symbol.asyncDispose]() {
        return this.close();
      }
      get maxThreads() {
        return __classPrivateFieldGet(this, _Piscina_pool, "f").options.maxThreads;
      }
      get minThreads() {
        return __classPrivateFieldGet(this, _Piscina_pool, "f").options.minThreads;
      }
      get options() {
        return __classPrivateFieldGet(this, _Piscina_pool, "f").options;
      }
      get threads() {
        const ret = [];
        for (const workerInfo of __classPrivateFieldGet(this, _Piscina_pool, "f").workers) {
          ret.push(workerInfo.worker);
        }
        return ret;
      }
      get idleThreads() {
        let count = 0;
        for (const workerInfo of __classPrivateFieldGet(this, _Piscina_pool, "f").workers.readyItems) {
          if (workerInfo.currentUsage() === 0)
            count++;
        }
        return count;
      }
      get queueSize() {
        const pool = __classPrivateFieldGet(this, _Piscina_pool, "f");
        return Math.max(pool.taskQueue.size + pool.skipQueue.length - pool.pendingCapacity(), 0);
      }
      get completed() {
        return __classPrivateFieldGet(this, _Piscina_pool, "f").completed;
      }
      get histogram() {
        if (__classPrivateFieldGet(this, _Piscina_histogram, "f") == null) {
          const piscinahistogram = {
            // @ts-expect-error
            get runTime() {
              var _a;
              return (_a = this.histogram) === null || _a === void 0 ? void 0 : _a.runTimeSummary;
            },
            // @ts-expect-error
            get waitTime() {
              var _a;
              return (_a = this.histogram) === null || _a === void 0 ? void 0 : _a.waitTimeSummary;
            },
            resetRunTime() {
              var _a;
              (_a = this.histogram) === null || _a === void 0 ? void 0 : _a.resetRunTime();
            },
            resetWaitTime() {
              var _a;
              (_a = this.histogram) === null || _a === void 0 ? void 0 : _a.resetWaitTime();
            }
          };
          Object.defineProperty(piscinahistogram, "histogram", {
            value: __classPrivateFieldGet(this, _Piscina_pool, "f").histogram,
            writable: false,
            enumerable: false,
            configurable: false
          });
          __classPrivateFieldSet(this, _Piscina_histogram, piscinahistogram, "f");
        }
        ;
        return __classPrivateFieldGet(this, _Piscina_histogram, "f");
      }
      get utilization() {
        if (__classPrivateFieldGet(this, _Piscina_pool, "f").histogram == null) {
          return 0;
        }
        const count = __classPrivateFieldGet(this, _Piscina_pool, "f").histogram.runTimeCount;
        if (count === 0) {
          return 0;
        }
        const capacity = this.duration * __classPrivateFieldGet(this, _Piscina_pool, "f").options.maxThreads;
        const totalMeanRuntime = __classPrivateFieldGet(this, _Piscina_pool, "f").histogram.runTimeSummary.mean / 1e3 * count;
        return totalMeanRuntime / capacity;
      }
      get duration() {
        return node_perf_hooks_1.performance.now() - __classPrivateFieldGet(this, _Piscina_pool, "f").start;
      }
      get needsDrain() {
        return __classPrivateFieldGet(this, _Piscina_pool, "f")._needsDrain;
      }
      static get isWorkerThread() {
        return common_1.commonState.isWorkerThread;
      }
      static get workerData() {
        return common_1.commonState.workerData;
      }
      static get version() {
        return package_json_1.version;
      }
      static get Piscina() {
        return _Piscina;
      }
      static get FixedQueue() {
        return task_queue_1.FixedQueue;
      }
      static get ArrayTaskQueue() {
        return task_queue_1.ArrayTaskQueue;
      }
      static move(val) {
        if (val != null && typeof val === "object" && typeof val !== "function") {
          if (!(0, common_1.isTransferable)(val)) {
            if (node_util_1.types.isArrayBufferView(val)) {
              val = new ArrayBufferViewTransferable(val);
            } else {
              val = new DirectlyTransferable(val);
            }
          }
          (0, common_1.markMovable)(val);
        }
        return val;
      }
      static get transferableSymbol() {
        return symbols_1.kTransferable;
      }
      static get valueSymbol() {
        return symbols_1.kValue;
      }
      static get queueOptionsSymbol() {
        return symbols_1.kQueueOptions;
      }
    };
    exports.default = Piscina2;
    exports.Piscina = Piscina2;
    var move2 = Piscina2.move;
    exports.move = move2;
    var isWorkerThread2 = Piscina2.isWorkerThread;
    exports.isWorkerThread = isWorkerThread2;
    var workerData2 = Piscina2.workerData;
    exports.workerData = workerData2;
  }
});

// node_modules/piscina/dist/main.js
var require_main = __commonJS({
  "node_modules/piscina/dist/main.js"(exports, module) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod2) {
      return mod2 && mod2.__esModule ? mod2 : { "default": mod2 };
    };
    var index_1 = __importDefault(require_dist());
    module.exports = index_1.default;
  }
});

// node_modules/piscina/dist/esm-wrapper.mjs
var import_main, ArrayTaskQueue, FixedQueue, Piscina, isWorkerThread, move, queueOptionsSymbol, transferableSymbol, valueSymbol, version, workerData;
var init_esm_wrapper = __esm({
  "node_modules/piscina/dist/esm-wrapper.mjs"() {
    import_main = __toESM(require_main(), 1);
    ArrayTaskQueue = import_main.default.ArrayTaskQueue;
    FixedQueue = import_main.default.FixedQueue;
    Piscina = import_main.default.Piscina;
    isWorkerThread = import_main.default.isWorkerThread;
    move = import_main.default.move;
    queueOptionsSymbol = import_main.default.queueOptionsSymbol;
    transferableSymbol = import_main.default.transferableSymbol;
    valueSymbol = import_main.default.valueSymbol;
    version = import_main.default.version;
    workerData = import_main.default.workerData;
  }
});

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
var init_row_decode = __esm({
  "src/merge/row-decode.ts"() {
    "use strict";
    init_float_formats();
  }
});

// src/merge/simd/tile-scan.ts
function layout(dtype, cols, rowsPerChunk, probing, rank, prepared2, offset) {
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
  const base = preparedAt + align(prepared2 * cols * 8);
  const merged = base + rowsBytes;
  const end = merged + (probing ? rowsBytes : 0);
  return { results, x, l, l1, ks, rowOut, right, colNorms, delta, prepared: preparedAt, base, merged, end };
}
var BYTES2, align, TileScan;
var init_tile_scan = __esm({
  "src/merge/simd/tile-scan.ts"() {
    "use strict";
    init_factors();
    init_merge_kernel();
    BYTES2 = { F16: 2, BF16: 2, F32: 4, F64: 8 };
    align = (n) => Math.ceil(n / 64) * 64;
    TileScan = class _TileScan {
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
      static bytesFor(dtype, cols, rowsPerChunk, probing, rank, prepared2 = 0) {
        return layout(dtype, cols, rowsPerChunk, probing, rank, prepared2, 0).end;
      }
      /**
       * A scan for a tile, or null when the kernel cannot take it (dtype, busy). `probes` (two ±1 vectors) when
       * the merged rows have the base's dtype and are probed; room for `prepared` rows of ΔW (prepareRows).
       */
      static open(kernel3, dtype, cols, rowsPerChunk, probes, factors, rank, prepared2 = 0) {
        if (!kernel3 || !isMergeKernelDtype(dtype) || probes && probes.length !== 2) return null;
        const probing = probes !== null;
        const lease = kernel3.lease(
          _TileScan.bytesFor(dtype, cols, rowsPerChunk, probing, rank, prepared2)
        );
        if (!lease) return null;
        const at = layout(dtype, cols, rowsPerChunk, probing, rank, prepared2, lease.offset);
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
        const prepared2 = this.preparedRows.get(row);
        let ok;
        if (prepared2 !== void 0) {
          ok = this.kernel.roundDeltaBf16(prepared2, this.cols, w, p.rowOut);
          this.current = prepared2;
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
  }
});

// src/merge/tile-check.ts
function ulpBound(dtype, x) {
  return Math.max(Math.abs(x) * 2 ** -MANTISSA[dtype], TINY[dtype]);
}
function updateTolerance(work, weightDtype) {
  let adapter = unitRoundoff(work.down.dtype);
  if (work.conv) adapter = Math.max(adapter, 2 ** -11);
  const extra = work.singularValues ? 3 : 0;
  return unitRoundoff(weightDtype) + (work.rank + 1 + extra) * adapter;
}
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
  const prepared2 = !allExact && baseDtype === "BF16" ? task.exactRows : [];
  const simd = allExact ? null : TileScan.open(
    mergeKernel(),
    baseDtype,
    cols,
    rowsPerChunk,
    probing ? probes : null,
    factors,
    rank,
    prepared2.length
  );
  const fusedProbes = simd !== null && simd.stride === 4;
  let base;
  let merged = null;
  try {
    simd?.prepareRows(factors, scale, prepared2);
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
var PROBE_SIGMAS, MANTISSA, TINY, MergedTally, scratchRows, scratchBusy;
var init_tile_check = __esm({
  "src/merge/tile-check.ts"() {
    "use strict";
    init_factors();
    init_float_formats();
    init_random();
    init_row_decode();
    init_row_reader();
    init_merge_kernel();
    init_tile_scan();
    PROBE_SIGMAS = 8;
    MANTISSA = { F16: 10, BF16: 7, F32: 23, F64: 52 };
    TINY = { F16: 2 ** -24, BF16: 2 ** -133, F32: 2 ** -149, F64: 2 ** -1074 };
    MergedTally = class {
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
    scratchRows = [];
    scratchBusy = false;
  }
});

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
var init_dora_check = __esm({
  "src/merge/dora-check.ts"() {
    "use strict";
    init_factors();
    init_float_formats();
    init_row_decode();
    init_row_reader();
    init_tile_check();
  }
});

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
var init_tasks = __esm({
  "src/merge/tasks.ts"() {
    "use strict";
    init_dora_check();
    init_tile_check();
  }
});

// src/pool/product-probe.ts
import { closeSync as closeSync2, openSync as openSync2 } from "node:fs";
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
var PRODUCT_PROBES, CHUNK_ELEMENTS, CORNER_ELEMENTS, CORNER_MARGIN, EXACT_ROUNDOFF, MAX_COLUMNS, MAX_RANK, KEEP_SCRATCH_BYTES, MANTISSA_BITS2, LITTLE_ENDIAN, scratch, ChunkReader, GridCount, Sketch;
var init_product_probe = __esm({
  "src/pool/product-probe.ts"() {
    "use strict";
    init_decode();
    init_dtypes();
    init_file();
    PRODUCT_PROBES = 4;
    CHUNK_ELEMENTS = 1 << 18;
    CORNER_ELEMENTS = 1 << 13;
    CORNER_MARGIN = 64;
    EXACT_ROUNDOFF = 2 ** -40;
    MAX_COLUMNS = 1 << 20;
    MAX_RANK = 1 << 16;
    KEEP_SCRATCH_BYTES = 8 << 20;
    MANTISSA_BITS2 = {
      BF16: 7,
      F16: 10,
      F8_E4M3: 3,
      F8_E4M3FNUZ: 3,
      F8_E5M2: 2,
      F8_E5M2FNUZ: 2,
      F8_E8M0: 0
    };
    LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 63;
    scratch = { values: new Float32Array(0), bytes: new Uint8Array(0), probes: new Float64Array(0) };
    ChunkReader = class {
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
    GridCount = class {
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
    Sketch = class {
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
        const relative6 = (2 * u) ** 2 + f32Rank * 2 ** -46;
        return { energy: this.energy, noiseFloor: PRODUCT_PROBES * relative6 * noise, probes: PRODUCT_PROBES };
      }
    };
  }
});

// src/pool/run-task.ts
import { isMainThread } from "node:worker_threads";
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
var init_run_task = __esm({
  "src/pool/run-task.ts"() {
    "use strict";
    init_tasks();
    init_safetensors();
    init_product_probe();
  }
});

// src/pool/index.ts
import { availableParallelism as availableParallelism2 } from "node:os";
function defaultThreads() {
  return availableParallelism2();
}
function createExecutor(threads = defaultThreads()) {
  if (threads <= 0) return inlineExecutor();
  return piscinaExecutor(threads);
}
function inlineExecutor() {
  let queue = Promise.resolve();
  return {
    threads: 0,
    run: (task) => {
      const result = queue.then(() => runTask(task));
      queue = result.catch(() => {
      });
      return result;
    },
    close: async () => {
    }
  };
}
function taskFile() {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    return { filename: new URL("./worker-entry.ts", here).href, execArgv: ["--import", "tsx"] };
  }
  return { filename: new URL("./pool-task.js", here).href, execArgv: [] };
}
function piscinaExecutor(threads, task = taskFile()) {
  const options = { filename: task.filename, execArgv: task.execArgv, minThreads: 0, maxThreads: threads };
  const pool = new Piscina({ ...options, idleTimeout: 1e3, concurrentTasksPerWorker: 2 });
  let alone = null;
  let closed = false;
  const wakes = /* @__PURE__ */ new Set();
  const wake = (p) => {
    const running = p.run({ kind: "wake" }).catch(() => {
    });
    wakes.add(running);
    running.finally(() => wakes.delete(running));
  };
  return {
    threads,
    run: async (job) => {
      try {
        return await pool.run(job);
      } catch (error) {
        if (closed) throw error;
        wake(pool);
        alone ??= new Piscina({ ...options, idleTimeout: 1e3 });
        try {
          return await alone.run(job);
        } catch (retryError) {
          if (!closed) wake(alone);
          throw retryError;
        }
      }
    },
    close: async () => {
      closed = true;
      await Promise.all([...wakes]);
      await Promise.all([pool.destroy(), alone?.destroy()]);
    }
  };
}
var init_pool = __esm({
  "src/pool/index.ts"() {
    "use strict";
    init_esm_wrapper();
    init_run_task();
  }
});

// src/product-check.ts
function productJobs(adapters) {
  const jobs = [];
  for (const adapter of adapters) {
    let current = [];
    let displayFile = "";
    let bytes = 0;
    for (const module of adapter.modules) {
      if (!module.down || !module.up || module.magnitude || usesSingularValues(adapter, module)) continue;
      const down = module.down.file.header?.tensors.get(module.down.name);
      const up = module.up.file.header?.tensors.get(module.up.name);
      if (!down || !up || !isDecodableDtype(down.dtype) || !isDecodableDtype(up.dtype)) continue;
      if (!nonZeroFinite(adapter.stats.get(down.name), adapter.stats.get(up.name))) continue;
      const rank = down.dims[0];
      if (rank === void 0 || up.dims[1] !== rank || rank === 0 || up.dims.slice(2).some((d) => d !== 1))
        continue;
      if (expertFactors(adapter, module, rank)) continue;
      if (current.length > 0 && bytes + down.byteLength + up.byteLength > TASK_BYTES) {
        jobs.push({ adapter, displayFile, modules: current });
        current = [];
        bytes = 0;
      }
      if (current.length === 0) displayFile = module.down.file.file;
      current.push({
        key: down.name,
        down: { file: module.down.file.absPath, start: down.start, dtype: down.dtype, numel: down.numel },
        up: { file: module.up.file.absPath, start: up.start, dtype: up.dtype, numel: up.numel },
        rank,
        seed: hashSeed(down.name),
        ...moduleConfig(adapter, module)?.initLoraWeights === "orthogonal" ? { init: "orthogonal" } : {}
      });
      bytes += down.byteLength + up.byteLength;
    }
    if (current.length > 0) jobs.push({ adapter, displayFile, modules: current });
  }
  return jobs;
}
function expertFactors(adapter, module, rank) {
  const config = adapter.layout === "peft" ? adapter.config : null;
  return !!config && Array.isArray(config.raw.target_parameters) && rank !== resolveRank(config, module.name);
}
function nonZeroFinite(...stats) {
  return stats.every(
    (s) => s !== void 0 && !s.allZero && s.nanCount + s.posInfCount + s.negInfCount === 0
  );
}
async function probeProducts2(adapters, executor, notices) {
  await Promise.all(
    productJobs(adapters).map(async ({ adapter, displayFile, modules }) => {
      try {
        const result = await executor.run({ kind: "product", modules });
        for (const [key, probe] of result.products)
          adapter.products.set(key, probe);
      } catch (error) {
        notices.push(
          `${displayFile}: the check for factors whose product is zero (AL301) was skipped for ${modules.length} module(s): ${error instanceof Error ? error.message : String(error)}`
        );
      }
    })
  );
}
var TASK_BYTES;
var init_product_check = __esm({
  "src/product-check.ts"() {
    "use strict";
    init_module_config();
    init_scaling();
    init_random();
    init_safetensors();
    TASK_BYTES = 64 * 1024 * 1024;
  }
});

// src/report/summary.ts
function severityRank(severity) {
  return SEVERITIES.indexOf(severity);
}
function countBySeverity(findings) {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
function compareFindings(a, b) {
  return severityRank(a.severity) - severityRank(b.severity) || compareText2(a.file, b.file) || compareText2(a.ruleId, b.ruleId) || compareText2(a.tensor ?? "", b.tensor ?? "") || compareText2(a.message, b.message);
}
function sortWorstFirst(findings) {
  return [...findings].sort(compareFindings);
}
function worstSeverity(findings) {
  let worst = null;
  for (const f of findings)
    if (worst === null || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
  return worst;
}
function sortAdaptersWorstFirst(adapters) {
  const key = (a) => {
    const worst = worstSeverity(a.findings);
    return worst === null ? SEVERITIES.length : severityRank(worst);
  };
  return [...adapters].sort((a, b) => {
    const ca = countBySeverity(a.findings);
    const cb = countBySeverity(b.findings);
    return key(a) - key(b) || cb.error - ca.error || cb.warning - ca.warning || cb.note - ca.note || compareText2(a.path, b.path);
  });
}
function shouldFail(report2, failOn) {
  if (failOn === "never") return false;
  const limit = severityRank(failOn);
  return report2.findings.some((f) => severityRank(f.severity) <= limit);
}
function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
function oneLine(text) {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").replace(/[\x00-\x1f\x7f\x9b]/g, "?");
}
function summaryLine(report2) {
  const c = countBySeverity(report2.findings);
  return `${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${plural(c.note, "note")} in ${plural(report2.adapters.length, "adapter")} (${plural(report2.files, "file")})`;
}
function findingKey(f) {
  return JSON.stringify([f.ruleId, f.severity, f.file, f.tensor ?? null, f.message]);
}
function unattachedFindings(report2) {
  const owned = /* @__PURE__ */ new Map();
  for (const a of report2.adapters)
    for (const f of a.findings) owned.set(findingKey(f), (owned.get(findingKey(f)) ?? 0) + 1);
  const rest = [];
  for (const f of report2.findings) {
    const key = findingKey(f);
    const left = owned.get(key) ?? 0;
    if (left > 0) owned.set(key, left - 1);
    else rest.push(f);
  }
  return rest;
}
function compareText2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var SEVERITIES;
var init_summary = __esm({
  "src/report/summary.ts"() {
    "use strict";
    SEVERITIES = ["error", "warning", "note"];
  }
});

// src/version.ts
var TOOL_NAME, TOOL_VERSION;
var init_version = __esm({
  "src/version.ts"() {
    "use strict";
    TOOL_NAME = "adapter-lint";
    TOOL_VERSION = "0.1.0";
  }
});

// src/lint.ts
import { resolve as resolve8 } from "node:path";
async function lint(options) {
  const cwd = resolve8(options.cwd);
  const discovery = await discoverAdapters({
    cwd,
    paths: options.paths,
    ...options.exclude ? { exclude: options.exclude } : {}
  });
  const notices = [...discovery.notices];
  const plans = selectPlans(discovery.plans, options, notices);
  options.onProgress?.({ phase: "discover", adapters: plans.length });
  let filesRead = 0;
  const adapters = [];
  await forEachLimited(plans, LOAD_CONCURRENCY, async (plan, i) => {
    const loaded = await loadAdapter(cwd, plan);
    adapters[i] = loaded.adapter;
    filesRead += loaded.filesRead;
  });
  const executor = createExecutor(options.threads ?? defaultThreads());
  const scanInline = options.threads === void 0 && totalScanBytes(adapters) < INLINE_SCAN_BYTES;
  let mergeStats = [];
  const extraProblems = [];
  try {
    await scanValues(adapters, scanInline ? createExecutor(0) : executor, options);
    if (!rulesOff(options, ["AL301", "zero-update"], ["AL302", "no-op-adapter"])) {
      await probeProducts2(adapters, scanInline ? createExecutor(0) : executor, notices);
    }
    if (options.base) {
      const result = await checkMerges(adapters, {
        cwd,
        base: options.base,
        ...options.merged ? { merged: options.merged } : {},
        executor,
        maxMemory: options.maxMemory ?? DEFAULT_MAX_MEMORY,
        exact: options.exact ?? false,
        ...options.onProgress ? { onProgress: options.onProgress } : {}
      });
      mergeStats = result.stats;
      for (const problem of result.problems) extraProblems.push(problem);
    }
  } finally {
    await executor.close();
  }
  const severityFor = severityResolver(options);
  const adapterReports = [];
  const all = [];
  for (const adapter of adapters) {
    const merge = options.base ? mergeStats.filter((s) => s.adapter === adapter.path) : null;
    const findings = runRules(adapter, merge, options, severityFor);
    adapterReports.push({
      path: adapter.path,
      layout: adapter.layout,
      modules: adapter.modules.length,
      findings
    });
    for (const finding of findings) all.push(finding);
  }
  if (extraProblems.length > 0) {
    const pseudo = problemCarrier(extraProblems);
    for (const finding of runRules(pseudo, null, options, severityFor)) all.push(finding);
  }
  all.sort(compareFindings);
  return {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    adapters: adapterReports,
    findings: all,
    merge: mergeStats,
    files: filesRead,
    notices
  };
}
function selectPlans(plans, options, notices) {
  let selected = [...plans];
  if (options.changedFiles) {
    const changed = new Set(options.changedFiles.map((f) => f.replace(/\\/g, "/").replace(/^\.\//, "")));
    selected = selected.filter((plan) => plan.owns.some((f) => changed.has(f)));
  }
  if (options.shard) {
    const { index, count } = options.shard;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
      throw new RangeError(`shard ${index}/${count}: the index must be between 1 and the count`);
    }
    selected = selected.filter((_, i) => i % count === index - 1);
  }
  if (plans.length === 0) notices.push("no adapter files were found");
  return selected;
}
async function forEachLimited(items, limit, work) {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  });
  await Promise.all(runners);
}
function scanJobs(adapters) {
  const jobs = [];
  for (const adapter of adapters) {
    for (const weights of adapter.weights) {
      if (!weights.header) continue;
      let current = [];
      let bytes = 0;
      for (const info of weights.header.tensors.values()) {
        if (info.numel === 0 || !isFloatDtype(info.dtype)) continue;
        if (current.length > 0 && bytes + info.byteLength > SCAN_TASK_BYTES) {
          jobs.push({ adapter, file: weights.absPath, displayFile: weights.file, tensors: current });
          current = [];
          bytes = 0;
        }
        current.push(info.name);
        bytes += info.byteLength;
      }
      if (current.length > 0)
        jobs.push({ adapter, file: weights.absPath, displayFile: weights.file, tensors: current });
    }
  }
  return jobs;
}
function totalScanBytes(adapters) {
  let total = 0;
  for (const adapter of adapters) {
    for (const weights of adapter.weights) {
      for (const info of weights.header?.tensors.values() ?? []) total += info.byteLength;
    }
  }
  return total;
}
async function scanValues(adapters, executor, options) {
  const jobs = scanJobs(adapters);
  let done = 0;
  const total = jobs.length;
  if (total > 0) options.onProgress?.({ phase: "scan", done, total });
  await Promise.all(
    jobs.map(async (job) => {
      const stats = job.adapter.stats;
      try {
        const result = await executor.run({ kind: "scan", file: job.file, tensors: job.tensors });
        for (const [name, value] of result.stats) stats.set(name, value);
      } catch (error) {
        job.adapter.fileProblems.push({
          kind: "unreadable",
          file: job.displayFile,
          message: `tensor values could not be read: ${error instanceof Error ? error.message : String(error)}`
        });
      }
      done++;
      options.onProgress?.({ phase: "scan", done, total, label: job.displayFile });
    })
  );
}
function rulesOff(options, ...rules) {
  const setting = (table, [id, slug]) => table?.[id] ?? table?.[slug];
  return rules.every(
    (rule) => setting(options.rules, rule) === "off" && (options.overrides ?? []).every((o) => (setting(o.rules, rule) ?? "off") === "off")
  );
}
function severityResolver(options) {
  const lookup = (table, rule) => table[rule.id] ?? table[rule.slug];
  const overrides = (options.overrides ?? []).map((o) => ({
    match: (0, import_picomatch3.default)([...o.files], { dot: true }),
    rules: o.rules
  }));
  return (rule, file, reported) => {
    let severity = reported;
    const global = options.rules ? lookup(options.rules, rule) : void 0;
    if (global) severity = global;
    for (const override of overrides) {
      const value = lookup(override.rules, rule);
      if (value && override.match(file)) severity = value;
    }
    return severity;
  };
}
function defaultFile(adapter) {
  return adapter.weights[0]?.file ?? adapter.configFile ?? adapter.path;
}
function runRules(adapter, merge, options, severityFor) {
  const findings = [];
  const context = {
    adapter,
    merge,
    noOpThreshold: options.noOpThreshold ?? 1e-6,
    precisionThreshold: options.precisionThreshold ?? 0.5
  };
  for (const rule of RULES) {
    const report2 = (input) => {
      const file = input.file ?? defaultFile(adapter);
      const severity = severityFor(rule, file, input.severity ?? rule.severity);
      if (severity === "off") return;
      findings.push({
        ruleId: rule.id,
        slug: rule.slug,
        severity,
        file,
        ...input.tensor !== void 0 ? { tensor: input.tensor } : {},
        message: input.message,
        ...input.data !== void 0 ? { data: input.data } : {}
      });
    };
    try {
      rule.check(context, report2);
    } catch (error) {
      const file = defaultFile(adapter);
      const severity = severityFor(rule, file, "error");
      if (severity === "off") continue;
      findings.push({
        ruleId: rule.id,
        slug: rule.slug,
        severity,
        file,
        message: `adapter-lint failed while checking ${rule.id} ${rule.slug} (${error instanceof Error ? error.message : String(error)}); please report this bug.`
      });
    }
  }
  return findings.sort(compareFindings);
}
function problemCarrier(problems) {
  return {
    path: problems[0].file,
    layout: "none",
    layoutNote: "base or merged checkpoint",
    configFile: null,
    config: null,
    configErrors: [],
    weights: [],
    fileProblems: problems,
    tensors: /* @__PURE__ */ new Map(),
    modules: [],
    stats: /* @__PURE__ */ new Map(),
    products: /* @__PURE__ */ new Map()
  };
}
var import_picomatch3, INLINE_SCAN_BYTES, SCAN_TASK_BYTES, LOAD_CONCURRENCY;
var init_lint = __esm({
  "src/lint.ts"() {
    "use strict";
    import_picomatch3 = __toESM(require_picomatch2(), 1);
    init_discover();
    init_load();
    init_merge();
    init_pool();
    init_product_check();
    init_summary();
    init_registry();
    init_safetensors();
    init_version();
    init_discover();
    INLINE_SCAN_BYTES = 32 * 1024 * 1024;
    SCAN_TASK_BYTES = 64 * 1024 * 1024;
    LOAD_CONCURRENCY = 8;
  }
});

// src/fix/key-fixes.ts
function fixPeftKey(key, addPrefix, enabled2 = ALL_RULES) {
  let segs = key.split(".");
  const rules = /* @__PURE__ */ new Set();
  const leftAlone = [];
  const wrapped = segs[0] === "module" && segs.length > 1 || segs.some((s) => CERTAIN_WRAPPERS.has(s));
  const judgePrefix = !wrapped || enabled2("AL205");
  if (enabled2("AL205")) {
    if (segs[0] === "module" && segs.length > 1) {
      segs = segs.slice(1);
      rules.add("AL205");
    }
    const unwrapped = segs.filter((s) => !CERTAIN_WRAPPERS.has(s));
    if (unwrapped.length !== segs.length) rules.add("AL205");
    segs = unwrapped;
  }
  let prefixes = 0;
  while (judgePrefix && segs[prefixes * 2] === "base_model" && segs[prefixes * 2 + 1] === "model" && segs.length > prefixes * 2 + 2) {
    prefixes++;
  }
  let body = segs.slice(prefixes * 2);
  const keptPrefixes = prefixes > 1 && !enabled2("AL204") ? prefixes : Math.min(prefixes, 1);
  if (keptPrefixes < prefixes) rules.add("AL204");
  const addsPrefix = judgePrefix && prefixes === 0 && addPrefix && enabled2("AL203");
  if (addsPrefix) rules.add("AL203");
  const part = lastLoraPartIndex(body);
  if (part >= 0) {
    const name = body[part];
    const tail = body.slice(part + 1);
    const last = tail[tail.length - 1];
    let suffix = [];
    if (last === "weight" && WEIGHT_PARTS.has(name)) suffix = ["weight"];
    else if (last === "bias" && name === "lora_B") suffix = ["bias"];
    const adapterNames = tail.length - suffix.length;
    const rule = adapterNames > 1 ? "AL201" : "AL202";
    if (adapterNames > 0 && enabled2(rule)) {
      rules.add(rule);
      if (name === "lora_magnitude_vector") suffix = [];
      body = [...body.slice(0, part + 1), ...suffix];
    }
  }
  if (body.includes("modules_to_save")) {
    leftAlone.push(
      "`.modules_to_save.` was kept: whether the copy or the original module is meant needs a person"
    );
  }
  if (body.includes("original_module")) {
    leftAlone.push("`.original_module.` was kept: it holds the untrained module, which PEFT never saves");
  }
  if (part >= 0 && body.slice(0, part).includes("base_layer")) {
    leftAlone.push("`.base_layer.` before the LoRA part was kept: nested adapters need a person to judge");
  }
  const prefix = PEFT_PREFIX.repeat(addsPrefix ? 1 : keptPrefixes);
  const to = prefix + body.join(".");
  return { to, rules: [...rules].sort(), leftAlone };
}
function fixDiffusersKey(key, enabled2 = ALL_RULES) {
  const component = hasComponentPrefix(key) ? key.slice(0, key.indexOf(".") + 1) : "";
  let rest = key.slice(component.length);
  let unwrapped = false;
  while (enabled2("AL205") && rest.startsWith(PEFT_PREFIX) && rest.length > PEFT_PREFIX.length) {
    rest = rest.slice(PEFT_PREFIX.length);
    unwrapped = true;
  }
  const fix = fixPeftKey(rest, false, enabled2);
  const rules = unwrapped ? [.../* @__PURE__ */ new Set([...fix.rules, "AL205"])].sort() : fix.rules;
  return { to: component + fix.to, rules, leftAlone: fix.leftAlone };
}
function lastLoraPartIndex(segs) {
  for (let i = segs.length - 1; i >= 1; i--) if (isLoraPart(segs[i])) return i;
  return -1;
}
function fixKohyaKey(key, enabled2 = ALL_RULES) {
  if (!enabled2("AL211")) return { to: key, rules: [], leftAlone: [] };
  let to = DOUBLED_COMPONENT.test(key) ? key.replace(DOUBLED_KOHYA_COMPONENT, "lora_$1_") : key;
  to = to.replace(UNDERSCORED_KOHYA_PART, ".$1.weight");
  if (!to.includes(".") && to.endsWith("_alpha")) to = `${to.slice(0, -"_alpha".length)}.alpha`;
  return { to, rules: to === key ? [] : ["AL211"], leftAlone: [] };
}
var ALL_RULES, CERTAIN_WRAPPERS, WEIGHT_PARTS, DOUBLED_KOHYA_COMPONENT, UNDERSCORED_KOHYA_PART;
var init_key_fixes = __esm({
  "src/fix/key-fixes.ts"() {
    "use strict";
    init_diffusers_key();
    init_kohya_key();
    init_peft_key();
    ALL_RULES = () => true;
    CERTAIN_WRAPPERS = /* @__PURE__ */ new Set(["_orig_mod", "_fsdp_wrapped_module", "_checkpoint_wrapped_module"]);
    WEIGHT_PARTS = /* @__PURE__ */ new Set(["lora_A", "lora_B", "lora_E", "lora_magnitude_vector"]);
    DOUBLED_KOHYA_COMPONENT = /^lora_(unet|te\d*|transformer)_(?:lora_)?\1_/;
    UNDERSCORED_KOHYA_PART = /_(lora_down|lora_up|lora_mid)\.weight$/;
  }
});

// src/fix/plan.ts
import { basename as basename5, dirname as dirname6 } from "node:path";
function planAdapterFix(adapter, context = {}) {
  const enabled2 = context.enabled ?? (() => true);
  const index = context.index ?? null;
  let files = [];
  const refused = [];
  for (const weights of adapter.weights) {
    if (!weights.header) continue;
    const renames = [];
    const notes = /* @__PURE__ */ new Set();
    const ruleOn = (rule) => enabled2(rule, weights.file);
    for (const key of weights.header.tensors.keys()) {
      const fix = fixKey(adapter, key, ruleOn);
      if (!fix) continue;
      for (const note of fix.leftAlone) notes.add(note);
      if (fix.to !== key) renames.push({ from: key, to: fix.to, rules: fix.rules });
    }
    for (const note of notes) refused.push({ file: weights.file, rule: "AL205", reason: note });
    if (renames.length === 0) continue;
    const collision = index ? null : findCollision([...weights.header.tensors.keys()], renames, "file");
    if (collision) {
      refused.push({ file: weights.file, rule: renames[0].rules[0] ?? "AL202", reason: collision });
      continue;
    }
    files.push({ file: weights.file, absPath: weights.absPath, renames });
  }
  let indexPlan = null;
  if (index && files.length > 0) {
    const rule = files[0].renames[0].rules[0] ?? "AL202";
    const broken = indexProblem(index, adapter);
    const collision = broken ? null : findCollision(
      adapter.weights.flatMap((w) => [...w.header?.tensors.keys() ?? []]),
      files.flatMap((f) => f.renames),
      "adapter"
    );
    if (broken || collision) {
      refused.push({ file: index.file, rule, reason: broken ?? collision });
      files = [];
    } else {
      indexPlan = { file: index.file, absPath: index.absPath, renames: files.flatMap((f) => f.renames) };
    }
  }
  const fileRename = enabled2("AL404", adapter.configFile ?? adapter.path) ? planWeightsRename(adapter, refused) : null;
  return { adapter: adapter.path, files, index: indexPlan, fileRename, refused };
}
function indexProblem(index, adapter) {
  const parsed = index.parsed;
  const unreadable = adapter.weights.some((w) => w.header === null);
  if (!parsed?.ok || unreadable || parsed.shards.some((s) => s.path === null || s.header === null)) {
    return "the shard index does not agree with its shards (see AL105/AL101), so no key in this adapter was renamed: renaming shards without a correct index would break it; fix the index first";
  }
  return null;
}
function fixKey(adapter, key, enabled2) {
  switch (adapter.layout) {
    case "peft":
      return fixPeftKey(key, true, enabled2);
    case "diffusers":
      return fixDiffusersKey(key, enabled2);
    case "kohya":
      return fixKohyaKey(key, enabled2);
    default:
      return null;
  }
}
function findCollision(keys, renames, scope) {
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const owners = /* @__PURE__ */ new Map();
  for (const key of keys) {
    const final = renamed.get(key) ?? key;
    const other = owners.get(final);
    if (other !== void 0) {
      const where = scope === "file" ? "in this file" : "in this adapter (its shards are renamed together)";
      return `renaming would make ${inlineCode(other)} and ${inlineCode(key)} both ${inlineCode(final)}, so nothing ${where} was renamed; remove the duplicate first`;
    }
    owners.set(final, key);
  }
  return null;
}
function planWeightsRename(adapter, refused) {
  const misnamed = adapter.misnamedWeights;
  if (!misnamed || misnamed.length === 0) return null;
  const candidates2 = adapter.weights.filter((w) => w.header !== null && w.file.endsWith(".safetensors"));
  const file = adapter.configFile ?? adapter.path;
  if (candidates2.length !== 1) {
    refused.push({
      file,
      rule: "AL404",
      reason: candidates2.length === 0 ? "no readable safetensors file to rename to adapter_model.safetensors" : `${candidates2.length} safetensors files could be the weights (${candidates2.map((c) => basename5(c.file)).join(", ")}); rename the right one by hand`
    });
    return null;
  }
  const weights = candidates2[0];
  const folder = dirname6(weights.file);
  return {
    from: weights.file,
    to: folder === "." ? PEFT_WEIGHTS_NAME : `${folder}/${PEFT_WEIGHTS_NAME}`,
    absFrom: weights.absPath,
    absTo: `${dirname6(weights.absPath)}/${PEFT_WEIGHTS_NAME}`
  };
}
var PEFT_WEIGHTS_NAME;
var init_plan2 = __esm({
  "src/fix/plan.ts"() {
    "use strict";
    init_inline_code();
    init_key_fixes();
    PEFT_WEIGHTS_NAME = "adapter_model.safetensors";
  }
});

// src/safetensors/write.ts
function encodeHeader(entries, metadata, headerLength) {
  const parts = [];
  const metaEntries = metadata instanceof Map ? [...metadata] : metadata ? Object.entries(metadata) : [];
  if (metadata) {
    const fields = metaEntries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    parts.push(`"__metadata__":{${fields.join(",")}}`);
  }
  const sorted = [...entries].sort(
    (a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]
  );
  for (const e of sorted) {
    const shape2 = e.shape.map((d) => d.toString()).join(",");
    parts.push(
      `${JSON.stringify(e.name)}:{"dtype":"${e.dtype}","shape":[${shape2}],"data_offsets":[${e.dataOffsets[0]},${e.dataOffsets[1]}]}`
    );
  }
  let json = `{${parts.join(",")}}`;
  const length = Buffer.byteLength(json);
  if (headerLength !== void 0 && length > headerLength) {
    throw new RangeError(`the header needs ${length} bytes, more than the ${headerLength} asked for`);
  }
  json += " ".repeat(headerLength !== void 0 ? headerLength - length : (8 - length % 8) % 8);
  const header = Buffer.from(json, "utf8");
  const out = Buffer.alloc(8 + header.length);
  out.writeBigUInt64LE(BigInt(header.length), 0);
  header.copy(out, 8);
  return out;
}
var init_write = __esm({
  "src/safetensors/write.ts"() {
    "use strict";
  }
});

// src/fix/rewrite-safetensors.ts
import { randomBytes } from "node:crypto";
import {
  constants,
  copyFile,
  lstat as lstat2,
  open as open5,
  readdir as readdir5,
  readFile as readFile2,
  rename,
  stat as stat6,
  unlink
} from "node:fs/promises";
import { basename as basename6, dirname as dirname7, join as join6 } from "node:path";
function temporaryPathFor(path) {
  return join6(dirname7(path), `.${basename6(path)}${TEMP_MARK}${randomBytes(8).toString("hex")}.tmp`);
}
function isTemporaryNameFor(target, name) {
  const stem = `.${basename6(target)}${TEMP_MARK}`;
  if (!name.startsWith(stem)) return false;
  const rest = name.slice(stem.length);
  return rest === "tmp" || /^[0-9a-f]{16}\.tmp$/.test(rest);
}
async function findLeftoverTemporaries(target) {
  const folder = dirname7(target);
  let names;
  try {
    names = await readdir5(folder);
  } catch {
    return [];
  }
  const found = [];
  for (const name of names.sort()) {
    if (!isTemporaryNameFor(target, name)) continue;
    const path = join6(folder, name);
    try {
      const info = await lstat2(path);
      found.push({ path, kind: info.isFile() ? "file" : info.isSymbolicLink() ? "symlink" : "other" });
    } catch {
    }
  }
  return found;
}
async function prepareTensorRename(path, renames, hooks = {}) {
  const source = await openSafetensors(path);
  try {
    let renamed = 0;
    const entries = [];
    for (const info of source.header.tensors.values()) {
      const name = renames.get(info.name) ?? info.name;
      if (name !== info.name) renamed++;
      entries.push({ name, dtype: info.dtype, shape: info.shape, dataOffsets: info.dataOffsets });
    }
    const dataLength = source.header.fileSize - source.header.dataStart;
    const compact = encodeHeader(entries, source.header.metadata);
    const temporary = compact.length <= source.header.dataStart ? await copyTemporary(path, async (write) => {
      await hooks.afterChunk?.(dataLength);
      await write(encodeHeader(entries, source.header.metadata, source.header.headerLength), 0);
    }) : await writeTemporary(path, async (write) => {
      await write(compact, 0);
      let copied = 0;
      while (copied < dataLength) {
        const length = Math.min(COPY_CHUNK_BYTES, dataLength - copied);
        const chunk = await source.readBytes(source.header.dataStart + copied, length);
        await write(chunk, compact.length + copied);
        copied += length;
        await hooks.afterChunk?.(copied);
      }
    });
    try {
      const check = await openSafetensors(temporary);
      try {
        assertHolds(check.header, entries, dataLength);
      } finally {
        await check.close();
      }
    } catch (error) {
      await unlink(temporary).catch(() => {
      });
      throw error;
    }
    return prepared(path, temporary, renamed);
  } finally {
    await source.close();
  }
}
function assertHolds(header, entries, dataLength) {
  const same = header.fileSize - header.dataStart === dataLength && header.tensors.size === entries.length && entries.every((e) => {
    const t = header.tensors.get(e.name);
    return t !== void 0 && t.dtype === e.dtype && t.dataOffsets[0] === e.dataOffsets[0] && t.dataOffsets[1] === e.dataOffsets[1] && t.shape.length === e.shape.length && t.shape.every((d, i) => d === BigInt(e.shape[i]));
  });
  if (!same)
    throw new Error("the rewritten file does not hold the planned tensors (did the file change meanwhile?)");
}
async function prepareIndexRename(path, renames) {
  const bytes = await readFile2(path);
  const edits = [];
  const seen = /* @__PURE__ */ new Set();
  const cursor = new JsonCursor(bytes);
  cursor.readObject((key) => {
    if (key !== "weight_map") {
      cursor.skipValue();
      return;
    }
    cursor.readObject((tensor, keyIndex) => {
      const to = renames.get(tensor);
      if (to !== void 0) {
        const keyEnd = new JsonCursor(bytes);
        keyEnd.pos = keyIndex;
        keyEnd.readString();
        edits.push({ start: keyIndex, end: keyEnd.pos, text: Buffer.from(JSON.stringify(to), "utf8") });
        seen.add(tensor);
      }
      cursor.skipValue();
    });
  });
  cursor.expectEnd();
  const missing = [...renames.keys()].filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new Error(
      `the index has no weight_map entry ${JSON.stringify(missing[0])} (it changed meanwhile?)`
    );
  }
  const parts = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    parts.push(Buffer.from(bytes.subarray(at, edit.start)), edit.text);
    at = edit.end;
  }
  parts.push(Buffer.from(bytes.subarray(at)));
  const text = Buffer.concat(parts);
  const temporary = await writeTemporary(path, (write) => write(text, 0));
  try {
    checkIndexText(bytes, await readFile2(temporary), renames);
  } catch (error) {
    await unlink(temporary).catch(() => {
    });
    throw error;
  }
  return prepared(path, temporary, edits.length);
}
function checkIndexText(original, rewritten, renames) {
  const entries = (bytes) => {
    const parsed = JSON.parse(Buffer.from(bytes).toString("utf8"));
    const map = parsed?.weight_map;
    if (typeof map !== "object" || map === null) throw new Error("the index has no weight_map");
    return Object.entries(map);
  };
  const expected = entries(original).map(([k, v]) => JSON.stringify([renames.get(k) ?? k, v]));
  const actual = entries(rewritten).map(([k, v]) => JSON.stringify([k, v]));
  if (JSON.stringify(expected.sort()) !== JSON.stringify(actual.sort())) {
    throw new Error("the rewritten index does not hold the expected weight_map");
  }
}
function prepared(target, temporary, renamed) {
  return {
    target,
    temporary,
    renamed,
    commit: () => rename(temporary, target),
    discard: () => unlink(temporary).catch(() => {
    })
  };
}
async function writeTemporary(target, fill) {
  const temporary = temporaryPathFor(target);
  const out = await open5(temporary, "wx", 384);
  return finishTemporary(target, temporary, out, fill);
}
async function copyTemporary(target, fill) {
  const temporary = temporaryPathFor(target);
  await copyFile(target, temporary, constants.COPYFILE_EXCL);
  let out;
  try {
    out = await open5(temporary, "r+");
  } catch (error) {
    await unlink(temporary).catch(() => {
    });
    throw error;
  }
  return finishTemporary(target, temporary, out, fill);
}
async function finishTemporary(target, temporary, out, fill) {
  try {
    try {
      const { mode } = await stat6(target);
      await fill(async (bytes, position) => {
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await out.write(bytes, done, bytes.length - done, position + done);
          done += bytesWritten;
        }
      });
      await out.chmod(mode & 4095);
      await out.sync();
    } finally {
      await out.close();
    }
  } catch (error) {
    await unlink(temporary).catch(() => {
    });
    throw error;
  }
  return temporary;
}
var COPY_CHUNK_BYTES, TEMP_MARK;
var init_rewrite_safetensors = __esm({
  "src/fix/rewrite-safetensors.ts"() {
    "use strict";
    init_safetensors();
    init_json_tokenizer();
    init_write();
    COPY_CHUNK_BYTES = 8 * 1024 * 1024;
    TEMP_MARK = ".adapter-lint-";
  }
});

// src/fix/rule-settings.ts
function ruleFilter(options) {
  const lookup = (table, id) => {
    const rule = findRule(id);
    return table[id] ?? (rule ? table[rule.slug] : void 0);
  };
  const overrides = (options.overrides ?? []).map((o) => ({
    match: (0, import_picomatch4.default)([...o.files], { dot: true }),
    rules: o.rules
  }));
  return (ruleId, file) => {
    let setting = options.rules ? lookup(options.rules, ruleId) : void 0;
    for (const override of overrides) {
      const value = lookup(override.rules, ruleId);
      if (value && override.match(file)) setting = value;
    }
    return setting !== "off";
  };
}
var import_picomatch4;
var init_rule_settings = __esm({
  "src/fix/rule-settings.ts"() {
    "use strict";
    import_picomatch4 = __toESM(require_picomatch2(), 1);
    init_registry();
  }
});

// src/fix/index.ts
import { link, lstat as lstat3, realpath as realpath4, unlink as unlink2 } from "node:fs/promises";
import { resolve as resolve9 } from "node:path";
async function fixAdapters(options) {
  const cwd = resolve9(options.cwd);
  const discovery = await discoverAdapters({
    cwd,
    paths: options.paths,
    ...options.exclude ? { exclude: options.exclude } : {}
  });
  const enabled2 = ruleFilter(options);
  const plans = [];
  const notices = [];
  for (const plan of selectPlans(discovery.plans, options, [])) {
    const { adapter } = await loadAdapter(cwd, plan);
    const index = plan.index ? {
      file: toRelative(cwd, plan.index.file.path),
      absPath: plan.index.file.path,
      parsed: plan.index.parsed
    } : null;
    const fix = await withoutLinkedFiles(planAdapterFix(adapter, { enabled: enabled2, index }), cwd);
    if (fix.files.length > 0 || fix.fileRename || fix.refused.length > 0) plans.push(fix);
    const targets = [...adapter.weights.map((w) => w.absPath), ...index ? [index.absPath] : []];
    for (const target of targets) {
      for (const leftover of await findLeftoverTemporaries(target)) {
        notices.push(leftoverNotice(cwd, leftover.path, leftover.kind));
      }
    }
  }
  if (options.dryRun) return { plans, changedFiles: 0, failures: [], notices };
  let changedFiles = 0;
  const failures = [];
  for (const plan of plans) {
    if (plan.index) {
      changedFiles += await applyTogether(plan, failures);
    } else {
      for (const file of plan.files) {
        try {
          const rewrite = await prepareTensorRename(file.absPath, renameMap(file.renames));
          await rewrite.commit();
          changedFiles++;
        } catch (error) {
          failures.push({
            file: file.file,
            message: `not rewritten, the original is unchanged: ${messageOf(error)}`
          });
        }
      }
    }
    const rename2 = plan.fileRename;
    if (rename2) {
      try {
        await link(rename2.absFrom, rename2.absTo);
        await unlink2(rename2.absFrom);
        changedFiles++;
      } catch (error) {
        failures.push({ file: rename2.from, message: `not renamed to ${rename2.to}: ${messageOf(error)}` });
      }
    }
  }
  return { plans, changedFiles, failures, notices };
}
async function withoutLinkedFiles(plan, cwd) {
  const paths = [
    ...plan.files.map((f) => f.absPath),
    ...plan.index ? [plan.index.absPath] : [],
    ...plan.fileRename ? [plan.fileRename.absFrom] : []
  ];
  const linked = /* @__PURE__ */ new Set();
  for (const path of paths) {
    const info = await lstat3(path).catch(() => null);
    if (info?.isSymbolicLink()) linked.add(path);
  }
  if (linked.size === 0) return plan;
  const targets = /* @__PURE__ */ new Map();
  const realCwd = await realpath4(cwd).catch(() => cwd);
  for (const path of linked) {
    const target = await realpath4(path).catch(() => null);
    if (target) targets.set(path, toRelative(realCwd, target));
  }
  const refusal = (path, rule) => {
    const target = targets.get(path);
    return {
      file: toRelative(cwd, path),
      rule,
      reason: `it is a symbolic link, so it was not rewritten (that would replace the link with a copy); fix the file it points to${target ? ` by naming it (${inlineCode(`adapter-lint --fix ${shellWord(target)}`)}); other links to it change too` : ""}`
    };
  };
  const keepFiles = plan.index ? [] : plan.files.filter((f) => !linked.has(f.absPath));
  const keyRule = plan.files[0]?.renames[0]?.rules[0] ?? "AL202";
  const refused = [...plan.refused];
  for (const path of linked)
    refused.push(refusal(path, plan.fileRename?.absFrom === path ? "AL404" : keyRule));
  return {
    ...plan,
    files: keepFiles,
    index: plan.index && keepFiles.length > 0 ? plan.index : null,
    fileRename: plan.fileRename && linked.has(plan.fileRename.absFrom) ? null : plan.fileRename,
    refused
  };
}
function shellWord(path) {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
async function applyTogether(plan, failures) {
  const index = plan.index;
  const ready = [];
  const fileOf = /* @__PURE__ */ new Map();
  let current = index.file;
  try {
    for (const file of plan.files) {
      current = file.file;
      const rewrite2 = await prepareTensorRename(file.absPath, renameMap(file.renames));
      ready.push(rewrite2);
      fileOf.set(rewrite2.target, file.file);
    }
    current = index.file;
    const rewrite = await prepareIndexRename(index.absPath, renameMap(index.renames));
    ready.push(rewrite);
    fileOf.set(rewrite.target, index.file);
  } catch (error) {
    await Promise.all(ready.map((r) => r.discard()));
    failures.push({
      file: current,
      message: `not rewritten, so neither the shards nor the index changed: ${messageOf(error)}`
    });
    return 0;
  }
  let committed = 0;
  for (const rewrite of ready) {
    try {
      await rewrite.commit();
      committed++;
    } catch (error) {
      const done = ready.slice(0, committed).map((r) => fileOf.get(r.target));
      await Promise.all(ready.slice(committed).map((r) => r.discard()));
      failures.push({
        file: fileOf.get(rewrite.target) ?? current,
        message: `could not be put in place (${messageOf(error)}); already replaced: ${done.join(", ") || "none"}, so the index and shards may disagree until the fix is run again`
      });
      break;
    }
  }
  return committed;
}
function renameMap(renames) {
  return new Map(renames.map((r) => [r.from, r.to]));
}
function leftoverNotice(cwd, path, kind) {
  const shown = toRelative(cwd, path);
  return kind === "file" ? `${shown}: a temporary file left by an interrupted adapter-lint fix; it was not deleted (it may be in use or not ours): delete it once no fix is running` : `${shown}: named like an adapter-lint temporary file but is a ${kind === "symlink" ? "symbolic link" : "non-regular file"}; it was neither followed nor touched: remove it`;
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
var init_fix = __esm({
  "src/fix/index.ts"() {
    "use strict";
    init_discover();
    init_load();
    init_inline_code();
    init_lint();
    init_plan2();
    init_rewrite_safetensors();
    init_rule_settings();
  }
});

// src/report/lfs-hint.ts
function messageWithFix(finding) {
  if (finding.ruleId !== "AL102" || finding.message.includes("lfs: true")) return finding.message;
  return `${finding.message} ${LFS_FIX}`;
}
var LFS_FIX;
var init_lfs_hint = __esm({
  "src/report/lfs-hint.ts"() {
    "use strict";
    LFS_FIX = "Fix: check out with `lfs: true` on actions/checkout so the real weights are present.";
  }
});

// src/report/github.ts
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotationTitle(f) {
  return `${f.ruleId} ${f.slug}`;
}
function annotationMessage(f) {
  const message = messageWithFix(f);
  return f.tensor === void 0 ? message : `${message}
Tensor: ${f.tensor}`;
}
function annotationProperties(f) {
  return [
    ["file", f.file],
    ["line", "1"],
    ["title", annotationTitle(f)]
  ];
}
function formatAnnotation(f) {
  const properties = annotationProperties(f).map(([name, value]) => `${name}=${escapeProperty(value)}`).join(",");
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(annotationMessage(f))}`;
}
function formatGithub(report2, options = {}) {
  const max = options.maxPerLevel ?? ANNOTATIONS_PER_LEVEL;
  const findings = sortWorstFirst(
    options.quiet ? report2.findings.filter((f) => f.severity === "error") : report2.findings
  );
  const annotated = [];
  const omitted = [];
  for (const severity of SEVERITIES) {
    const ofLevel = findings.filter((f) => f.severity === severity);
    for (const [i, finding] of ofLevel.entries()) (i < max ? annotated : omitted).push(finding);
  }
  if (omitted.length > 0) {
    const notes = annotated.filter((f) => f.severity === "note");
    if (max > 0 && notes.length >= max) {
      const last = notes[notes.length - 1];
      annotated.splice(annotated.lastIndexOf(last), 1);
      omitted.push(last);
    }
  }
  const lines = [];
  if (omitted.length > 0) {
    const text = `${omitted.length} more finding${omitted.length === 1 ? " is" : "s are"} not annotated (GitHub attaches ${max} per level per step); they are listed in the log below.`;
    lines.push(`::notice title=${escapeProperty("adapter-lint: more findings")}::${escapeData(text)}`);
  }
  for (const f of annotated) lines.push(formatAnnotation(f));
  for (const f of omitted)
    lines.push(
      oneLine(
        `${f.severity} ${f.ruleId} ${f.slug} ${f.file}${f.tensor ? `: ${f.tensor}` : ""}: ${messageWithFix(f)}`
      )
    );
  lines.push(summaryLine(report2));
  return `${lines.join("\n")}
`;
}
var ANNOTATIONS_PER_LEVEL, COMMAND;
var init_github = __esm({
  "src/report/github.ts"() {
    "use strict";
    init_lfs_hint();
    init_summary();
    ANNOTATIONS_PER_LEVEL = 10;
    COMMAND = {
      error: "error",
      warning: "warning",
      note: "notice"
    };
  }
});

// src/report/json.ts
function toJsonFinding(f) {
  return {
    ruleId: f.ruleId,
    slug: f.slug,
    severity: f.severity,
    file: f.file,
    ...f.tensor !== void 0 ? { tensor: f.tensor } : {},
    message: f.message,
    ...f.data !== void 0 ? { data: f.data } : {}
  };
}
function toJsonReport(report2) {
  const counts = countBySeverity(report2.findings);
  return {
    version: 1,
    tool: { name: report2.tool.name, version: report2.tool.version },
    adapters: report2.adapters.map((a) => ({
      path: a.path,
      layout: a.layout,
      modules: a.modules,
      findings: a.findings.map(toJsonFinding)
    })),
    findings: report2.findings.map(toJsonFinding),
    merge: report2.merge,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      notes: counts.note,
      adapters: report2.adapters.length,
      files: report2.files
    },
    notices: report2.notices
  };
}
function jsonReplacer(_key, value) {
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  return value;
}
function formatJson(report2) {
  return `${JSON.stringify(toJsonReport(report2), jsonReplacer, 2)}
`;
}
var init_json = __esm({
  "src/report/json.ts"() {
    "use strict";
    init_summary();
  }
});

// src/report/progress.ts
function describeProgress(event) {
  if (event.phase === "discover") return `found ${event.adapters} adapter${event.adapters === 1 ? "" : "s"}`;
  const verb = event.phase === "scan" ? "checking" : "merge check";
  return `${verb} ${event.done}/${event.total}${event.label ? ` ${event.label}` : ""}`;
}
function createProgressReporter(stream, timing = {}) {
  const now = timing.now ?? Date.now;
  const delay = timing.delayMs ?? 500;
  const interval = timing.intervalMs ?? 100;
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    onProgress(event) {
      const t = now();
      if (t - start < delay || t - lastDraw < interval) return;
      lastDraw = t;
      drawn = true;
      const text = describeProgress(event).replace(/[\x00-\x1f\x7f]/g, "?").slice(0, 100);
      stream.write(`\r\x1B[2K${text}`);
    },
    finish() {
      if (drawn) stream.write("\r\x1B[2K");
      drawn = false;
    }
  };
}
var init_progress = __esm({
  "src/report/progress.ts"() {
    "use strict";
  }
});

// src/rules/rule.ts
var RULE_DOCS_BASE;
var init_rule = __esm({
  "src/rules/rule.ts"() {
    "use strict";
    RULE_DOCS_BASE = "https://github.com/adapter-lint/adapter-lint/blob/main/docs/rules/";
  }
});

// src/report/sarif.ts
import { createHash } from "node:crypto";
function toSarif(report2, options = {}) {
  const rules = options.rules ?? RULES;
  const known = new Map(rules.map((r) => [r.id, r]));
  const fired = [];
  const ruleIndex = /* @__PURE__ */ new Map();
  for (const f of report2.findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, fired.length);
    fired.push(
      known.get(f.ruleId) ?? { id: f.ruleId, slug: f.slug, severity: f.severity, description: f.slug }
    );
  }
  const seen = /* @__PURE__ */ new Map();
  const results = report2.findings.map((f) => {
    const identity = fingerprintSource(f);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: f.severity,
      message: { text: f.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: fileUri(f.file) }, region: { startLine: 1 } },
          ...f.tensor !== void 0 ? { logicalLocations: [{ fullyQualifiedName: f.tensor }] } : {}
        }
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(identity, occurrence) },
      ...f.data !== void 0 ? { properties: { data: f.data } } : {}
    };
  });
  const run2 = {
    tool: {
      driver: {
        name: report2.tool.name,
        version: report2.tool.version,
        semanticVersion: report2.tool.version,
        informationUri: TOOL_INFORMATION_URI,
        rules: fired.map((r) => ({
          id: r.id,
          name: r.slug,
          shortDescription: { text: r.description },
          helpUri: `${RULE_DOCS_BASE}${r.id}.md`,
          defaultConfiguration: { level: r.severity }
        }))
      }
    },
    results
  };
  if (options.category) {
    run2.automationDetails = {
      id: options.category.endsWith("/") ? options.category : `${options.category}/`
    };
  }
  if (report2.notices.length > 0) {
    run2.invocations = [
      {
        executionSuccessful: true,
        toolExecutionNotifications: report2.notices.map((text) => ({ level: "note", message: { text } }))
      }
    ];
  }
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run2] };
}
function formatSarif(report2, options = {}) {
  return `${JSON.stringify(toSarif(report2, options), jsonReplacer, 2)}
`;
}
function fileUri(file) {
  return file.replace(/\\/g, "/").split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
function fingerprintSource(f) {
  return `${f.ruleId}\0${f.file}\0${f.tensor ?? ""}`;
}
function fingerprint(identity, occurrence) {
  return `${createHash("sha256").update(identity).digest("hex").slice(0, 32)}:${occurrence + 1}`;
}
var SARIF_SCHEMA_URI, TOOL_INFORMATION_URI, FINGERPRINT_KEY;
var init_sarif = __esm({
  "src/report/sarif.ts"() {
    "use strict";
    init_registry();
    init_rule();
    init_json();
    SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    TOOL_INFORMATION_URI = "https://github.com/adapter-lint/adapter-lint";
    FINGERPRINT_KEY = "adapterLintFinding/v1";
  }
});

// src/report/text.ts
function formatText(report2, options) {
  const paint = options.color ? (style, text) => `${style}${text}${ANSI.reset}` : (_style, text) => text;
  const quiet = options.quiet ?? false;
  const keep = (findings) => sortWorstFirst(quiet ? findings.filter((f) => f.severity === "error") : findings);
  const lines = [];
  for (const notice of report2.notices) lines.push(`${paint(ANSI.cyan, "notice")}: ${oneLine(notice)}`);
  if (report2.notices.length > 0) lines.push("");
  for (const adapter of sortAdaptersWorstFirst(report2.adapters)) {
    const findings = keep(adapter.findings);
    if (findings.length === 0) {
      if (!quiet && adapter.findings.length === 0)
        lines.push(
          `${paint(ANSI.green, "ok")} ${oneLine(adapter.path)} ${paint(ANSI.dim, describeAdapter(adapter))}`
        );
      continue;
    }
    lines.push(`${paint(ANSI.bold, oneLine(adapter.path))} ${paint(ANSI.dim, describeAdapter(adapter))}`);
    for (const f of findings) lines.push(findingLine(f, adapter.path, paint));
    lines.push("");
  }
  const others = keep(unattachedFindings(report2));
  if (others.length > 0) {
    lines.push(paint(ANSI.bold, "other files"));
    for (const f of others) lines.push(findingLine(f, "", paint));
    lines.push("");
  }
  if (report2.adapters.length === 0) lines.push("No adapters found.", "");
  if (!quiet && report2.merge.length > 0) {
    if (lines.length > 0 && lines[lines.length - 1] !== "") lines.push("");
    for (const line of mergeTable(report2.merge)) lines.push(line);
    lines.push("");
  }
  if (lines.length > 0 && lines[lines.length - 1] !== "") lines.push("");
  lines.push(paint(ANSI.bold, summaryLine(report2)));
  return `${lines.join("\n")}
`;
}
function describeAdapter(adapter) {
  return `(${adapter.layout}, ${plural(adapter.modules, "module")})`;
}
function findingLine(f, adapterPath, paint) {
  const severity = paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7));
  const where = oneLine([relativeToAdapter(f.file, adapterPath), f.tensor].filter(Boolean).join(": "));
  return `  ${severity}  ${f.ruleId} ${f.slug}  ${oneLine(f.message)}${where ? `  ${paint(ANSI.dim, where)}` : ""}`;
}
function relativeToAdapter(file, adapterPath) {
  if (adapterPath === "" || adapterPath === ".") return file;
  if (file === adapterPath) return "";
  if (file.startsWith(`${adapterPath}/`)) return file.slice(adapterPath.length + 1);
  return file;
}
function mergeTable(stats) {
  const header = ["adapter", "module", "scale", "|dW|/|W|", "rounded away", "merged"];
  const rows = stats.map((s) => [
    oneLine(s.adapter),
    oneLine(s.module),
    formatNumber(s.scale),
    s.error ? `error: ${oneLine(s.error)}` : s.baseMismatch ? "base mismatch" : s.skipped ? "skipped" : formatNumber(s.ratio),
    s.roundingLoss === void 0 ? "-" : `${(s.roundingLoss * 100).toFixed(1)}%`,
    s.mergedVerdict ?? "-"
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render2 = (cells) => cells.map((c, i) => i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])).join("  ").trimEnd();
  return [
    "merge check (per module)",
    render2(header),
    render2(widths.map((w) => "-".repeat(w))),
    ...rows.map(render2)
  ];
}
function formatNumber(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const abs = Math.abs(x);
  return abs >= 1e-3 && abs < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}
var ANSI, SEVERITY_COLOR;
var init_text = __esm({
  "src/report/text.ts"() {
    "use strict";
    init_summary();
    ANSI = {
      reset: "\x1B[0m",
      bold: "\x1B[1m",
      dim: "\x1B[2m",
      red: "\x1B[31m",
      yellow: "\x1B[33m",
      cyan: "\x1B[36m",
      green: "\x1B[32m"
    };
    SEVERITY_COLOR = { error: ANSI.red, warning: ANSI.yellow, note: ANSI.cyan };
  }
});

// src/cli.ts
var cli_exports = {};
__export(cli_exports, {
  EXIT_FINDINGS: () => EXIT_FINDINGS,
  EXIT_OK: () => EXIT_OK,
  EXIT_USAGE: () => EXIT_USAGE,
  HELP: () => HELP,
  main: () => main,
  parseShard: () => parseShard2,
  parseSize: () => parseSize,
  parseThreads: () => parseThreads2
});
import { stat as stat7, writeFile } from "node:fs/promises";
import { resolve as resolve10 } from "node:path";
import { parseArgs } from "node:util";
async function main(argv, ioOverrides = {}) {
  const io = {
    stdout: ioOverrides.stdout ?? process.stdout,
    stderr: ioOverrides.stderr ?? process.stderr,
    env: ioOverrides.env ?? process.env,
    cwd: ioOverrides.cwd ?? process.cwd(),
    isTTY: ioOverrides.isTTY ?? process.stdout.isTTY === true,
    // Progress goes to stderr: it is shown when stderr is a terminal, whatever stdout is redirected to.
    stderrIsTTY: ioOverrides.stderrIsTTY ?? (ioOverrides.stderr ? ioOverrides.isTTY === true : process.stderr.isTTY === true)
  };
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof LintInputError) {
      io.stderr.write(`${TOOL_NAME}: ${error.message}
`);
      if (error instanceof UsageError) io.stderr.write(`Run '${TOOL_NAME} --help' for usage.
`);
      return EXIT_USAGE;
    }
    const err = error;
    io.stderr.write(`${TOOL_NAME}: internal error: ${err?.message ?? String(error)}
`);
    if (io.env.ADAPTER_LINT_DEBUG && err?.stack) io.stderr.write(`${err.stack}
`);
    else io.stderr.write("Set ADAPTER_LINT_DEBUG=1 for the stack trace. No report was produced.\n");
    return EXIT_USAGE;
  }
}
async function run(argv, io) {
  const { values, positionals } = parseFlags(argv);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout.write(`${TOOL_NAME} ${TOOL_VERSION}
`);
    return EXIT_OK;
  }
  const format = oneOf(values.format ?? "text", FORMATS, "--format");
  if (values["list-rules"]) {
    io.stdout.write(listRules(format));
    return EXIT_OK;
  }
  const { config } = await loadConfig(io.cwd, values.config);
  const failOn = values["fail-on"] !== void 0 ? oneOf(values["fail-on"], FAIL_ON_VALUES, "--fail-on") : config.failOn ?? "error";
  const ignore = ruleIds(values.ignore, "--ignore");
  const select = ruleIds(values.select, "--select");
  const { rules, overrides } = resolveRuleSettings(config, { ignore, select });
  if (values.category !== void 0 && format !== "sarif")
    throw new UsageError(`--category only applies to --format sarif (got --format ${format})`);
  if (values.merged !== void 0 && values.base === void 0)
    throw new UsageError("--merged needs --base (the merged checkpoint is checked against base + adapter)");
  for (const path of positionals) await mustExist(io.cwd, path);
  if (values.base !== void 0) await mustExist(io.cwd, values.base, "--base");
  if (values.merged !== void 0) await mustExist(io.cwd, values.merged, "--merged");
  const quiet = values.quiet === true;
  const progress = (io.stderrIsTTY ?? io.isTTY) && !quiet ? createProgressReporter(io.stderr) : null;
  const options = {
    cwd: io.cwd,
    paths: positionals,
    rules,
    overrides,
    ...config.exclude.length > 0 ? { exclude: config.exclude } : {},
    ...values.base !== void 0 ? { base: values.base } : {},
    ...values.merged !== void 0 ? { merged: values.merged } : {},
    ...values.threads !== void 0 ? { threads: parseThreads2(values.threads) } : {},
    ...values["max-memory"] !== void 0 ? { maxMemory: parseSize(values["max-memory"]) } : {},
    ...values["no-op-threshold"] !== void 0 ? { noOpThreshold: parseValue(parseNoOpThreshold, values["no-op-threshold"], "--no-op-threshold") } : {},
    ...values["precision-threshold"] !== void 0 ? {
      precisionThreshold: parseValue(
        parsePrecisionThreshold,
        values["precision-threshold"],
        "--precision-threshold"
      )
    } : {},
    ...values.exact ? { exact: true } : {},
    ...values.shard !== void 0 ? { shard: parseShard2(values.shard) } : {},
    ...progress ? { onProgress: progress.onProgress } : {}
  };
  const fix = values.fix === true || values["fix-dry-run"] === true;
  if (fix) {
    const dryRun = values["fix-dry-run"] === true;
    const result = await fixAdapters({
      cwd: io.cwd,
      paths: positionals,
      dryRun,
      rules,
      overrides,
      ...options.exclude ? { exclude: options.exclude } : {},
      ...options.shard ? { shard: options.shard } : {}
    });
    const fixLog = format === "text" && values.output === void 0 ? io.stdout : io.stderr;
    fixLog.write(`${formatFixResult(result, dryRun)}
`);
  }
  let report2;
  try {
    report2 = await lint(options);
  } finally {
    progress?.finish();
  }
  const color = format === "text" && values.output === void 0 && colorWanted(io);
  const output = render(report2, format, { color, quiet, category: values.category });
  if (values.output !== void 0) {
    const target = resolve10(io.cwd, values.output);
    try {
      await writeFile(target, output);
    } catch (error) {
      throw new UsageError(`cannot write --output ${values.output}: ${error.message}`);
    }
    io.stdout.write(`${summaryLine(report2)} (report written to ${values.output})
`);
  } else {
    io.stdout.write(output);
  }
  return shouldFail(report2, failOn) ? EXIT_FINDINGS : EXIT_OK;
}
function parseFlags(argv) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        "fail-on": { type: "string" },
        ignore: { type: "string", multiple: true },
        select: { type: "string", multiple: true },
        config: { type: "string", short: "c" },
        base: { type: "string" },
        merged: { type: "string" },
        threads: { type: "string" },
        "max-memory": { type: "string" },
        exact: { type: "boolean" },
        "no-op-threshold": { type: "string" },
        "precision-threshold": { type: "string" },
        shard: { type: "string" },
        category: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        "list-rules": { type: "boolean" },
        fix: { type: "boolean" },
        "fix-dry-run": { type: "boolean" },
        version: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new UsageError(flagError(error));
  }
}
function flagError(error) {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option ${option}`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option && /ambiguous/.test(error.message))
    return `${option} needs a value; for one that starts with '-', write ${option}=VALUE`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) return `${option} needs a value`;
  return error.message;
}
function render(report2, format, options) {
  switch (format) {
    case "text":
      return formatText(report2, { color: options.color, quiet: options.quiet });
    case "json":
      return formatJson(report2);
    case "sarif":
      return formatSarif(report2, options.category ? { category: options.category } : {});
    case "github":
      return formatGithub(report2, { quiet: options.quiet });
  }
}
function colorWanted(io) {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== void 0 && io.env.FORCE_COLOR !== "0") return true;
  return io.isTTY;
}
function listRules(format) {
  const rules = RULES;
  if (format === "json") {
    const list = rules.map((r) => ({
      id: r.id,
      slug: r.slug,
      severity: r.severity,
      description: r.description
    }));
    return `${JSON.stringify(list, null, 2)}
`;
  }
  const slugWidth = Math.max(...rules.map((r) => r.slug.length), 4);
  const lines = rules.map(
    (r) => `${r.id}  ${r.slug.padEnd(slugWidth)}  ${r.severity.padEnd(7)}  ${r.description}`
  );
  return `${["ID     " + "slug".padEnd(slugWidth) + "  default  description", ...lines].join("\n")}
`;
}
function oneOf(value, allowed, flag) {
  if (allowed.includes(value)) return value;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}
function ruleIds(values, flag) {
  const ids = [];
  for (const item of (values ?? []).flatMap((v) => v.split(","))) {
    if (item.trim() === "") continue;
    try {
      ids.push(resolveRuleId(item));
    } catch (error) {
      throw new UsageError(`${flag}: ${error.message}`);
    }
  }
  return ids;
}
async function mustExist(cwd, path, flag) {
  if (GLOB_CHARS.test(path)) return;
  const found = await stat7(resolve10(cwd, path)).then(
    () => true,
    () => false
  );
  if (!found) throw new UsageError(`${flag ? `${flag}: ` : ""}no such file or folder: ${path}`);
}
function parseValue(parse, text, flag) {
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError(`${flag} ${error.message}`);
  }
}
function parseThreads2(text) {
  return parseValue(parseThreads, text, "--threads");
}
function parseShard2(text) {
  return parseValue(parseShard, text, "--shard");
}
function parseSize(text) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()]) : Number.NaN;
  if (!match || !Number.isFinite(bytes) || bytes < 1)
    throw new UsageError(`--max-memory must be a size such as 512M or 2G (got "${text}")`);
  return bytes;
}
var EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, FORMATS, HELP, UsageError, GLOB_CHARS, SIZE_UNITS;
var init_cli = __esm({
  "src/cli.ts"() {
    "use strict";
    init_config_file();
    init_format();
    init_fix();
    init_lint();
    init_github();
    init_json();
    init_progress();
    init_sarif();
    init_summary();
    init_text();
    init_registry();
    init_version();
    EXIT_OK = 0;
    EXIT_FINDINGS = 1;
    EXIT_USAGE = 2;
    FORMATS = ["text", "json", "sarif", "github"];
    HELP = `Usage: ${TOOL_NAME} [options] [paths...]

Lint LoRA adapter checkpoints (PEFT, kohya, diffusers). Paths are files, folders or globs;
none means the current folder.

Options:
  -f, --format FORMAT      text (default), json, sarif or github (workflow annotations)
  -o, --output FILE        write the report to FILE (stdout then gets only the count line)
      --fail-on LEVEL      exit 1 on findings at or above LEVEL: error (default), warning, note, never
      --ignore IDS         turn rules off, e.g. --ignore AL208,AL301 (IDs or slugs; repeatable)
      --select IDS         run only these rules (IDs or slugs; repeatable)
  -c, --config FILE        config file (default: ${DEFAULT_CONFIG_FILE} in the current folder, if present)
      --base PATH          base model weights (.safetensors file or folder): enables the merge checks (AL5xx)
      --merged PATH        a merged checkpoint to verify against base + adapter (needs --base)
      --threads N          worker threads for value scans and merges (0: inline; default: all cores;
                           at most ${THREADS_PER_CORE} per core)
      --max-memory SIZE    memory budget for tensor tiles in flight, e.g. 512M, 2G (default 1G)
      --exact              exact elementwise merge checks instead of sampling
      --no-op-threshold X  AL502: an update smaller than X times the base weight (||scale*B*A|| / ||W||)
                           counts as no change (default 1e-6)
      --precision-threshold F
                           AL503: warn when more than this fraction (0 to 1) of a module's elements round
                           back to the base weight when merged (default 0.5)
      --shard I/N          lint only shard I of N (adapters split evenly; for parallel CI jobs)
      --category NAME      SARIF automationDetails.id, to upload shards as separate categories (--format sarif only)
  -q, --quiet              report errors only (text and github formats; json and sarif stay complete);
                           no clean-adapter lines, merge table or progress. The exit code is unchanged.
      --fix                rename keys and files where the fix is certain (AL201-AL205, AL211, AL404),
                           then lint again and report what is left
      --fix-dry-run        print each rename --fix would make (old -> new) and change nothing
      --list-rules         list every rule: ID, slug, default severity, description
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 bad usage or a tool failure.

Examples:
  ${TOOL_NAME} adapters/                                  lint every adapter under adapters/
  ${TOOL_NAME} out/checkpoint-500 --fail-on warning       fail on warnings too
  ${TOOL_NAME} --format sarif --output adapter-lint.sarif  SARIF for GitHub code scanning
  ${TOOL_NAME} my-lora --base base-model/ --merged merged/ check a merge against the base weights
  ${TOOL_NAME} --ignore AL208 'loras/**/*.safetensors'    glob, one rule off
`;
    UsageError = class extends Error {
    };
    GLOB_CHARS = /[*?[\]{}]/;
    SIZE_UNITS = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
  }
});

// src/cli-entry.ts
function die(error) {
  process.stderr.write(`adapter-lint: internal error: ${error?.message ?? String(error)}
`);
  if (process.env.ADAPTER_LINT_DEBUG && error?.stack)
    process.stderr.write(`${error.stack}
`);
  process.exit(2);
}
process.on("uncaughtException", die);
process.on("unhandledRejection", die);
Promise.resolve().then(() => (init_cli(), cli_exports)).then(async ({ main: main2 }) => {
  process.exitCode = await main2(process.argv.slice(2));
}, die);
