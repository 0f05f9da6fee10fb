// Python `re` patterns (as PEFT applies them to module names) translated to JavaScript RegExps, with guards
// against patterns JavaScript reads differently and against exponential backtracking.

import { Script } from 'node:vm';

export class PythonRegexError extends Error {
  override readonly name = 'PythonRegexError';
}

/** Longest pattern accepted; configs hold names, not programs. */
export const MAX_PATTERN_LENGTH = 2000;
/** Longest module name a pattern is run against (longer names never match). */
export const MAX_SUBJECT_LENGTH = 1000;

const IGNORED_FLAGS = new Set(['a', 'u']);

/**
 * Translate a Python pattern. `anchor` says how Python applies it: `fullmatch` (target_modules strings) or
 * `suffix` (rank_pattern / alpha_pattern keys: `re.match(r"(.*\.)?(p)$", name)`).
 */
export function compilePythonRegex(pattern: string, anchor: 'fullmatch' | 'suffix'): RegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new PythonRegexError(`pattern is ${pattern.length} characters long (limit ${MAX_PATTERN_LENGTH})`);
  }
  const { body, flags } = translate(pattern);
  if (hasNestedRepetition(body)) {
    throw new PythonRegexError(
      `pattern "${pattern}" repeats a group that itself repeats, which can take exponential time; rewrite it without nesting`,
    );
  }
  const source = anchor === 'fullmatch' ? `^(?:${body})$` : `^(?:.*\\.)?(?:${body})$`;
  try {
    const regex = new RegExp(source, flags);
    if (hasRepeatedAlternation(body)) risky.add(regex);
    return regex;
  } catch (error) {
    throw new PythonRegexError(
      `pattern "${pattern}" is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

/** Patterns that may backtrack exponentially on some names (a repeated alternation such as `(a|aa)*`). */
const risky = new WeakSet<RegExp>();
/** Risky patterns that already ran out of time once: not run again. */
const timedOut = new WeakSet<RegExp>();
/** Time a risky pattern may take on one module name. */
const RISKY_TIMEOUT_MS = 50;
let riskyScript: Script | null = null;

/**
 * Does the pattern match the module name? null when it can't be decided in time: a risky pattern runs in a
 * vm context with a timeout, because JavaScript regexes can't be interrupted otherwise.
 */
export function matchModuleName(regex: RegExp, name: string): boolean | null {
  if (name.length > MAX_SUBJECT_LENGTH) return false;
  if (!risky.has(regex)) return regex.test(name);
  if (timedOut.has(regex)) return null;
  riskyScript ??= new Script('re.test(name)');
  try {
    return riskyScript.runInNewContext({ re: regex, name }, { timeout: RISKY_TIMEOUT_MS }) === true;
  } catch {
    timedOut.add(regex);
    return null;
  }
}

export function testModuleName(regex: RegExp, name: string): boolean {
  return matchModuleName(regex, name) === true;
}

function translate(pattern: string): { body: string; flags: string } {
  let out = '';
  let flags = '';
  let inClass = false;
  let i = 0;
  const leading = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (leading) {
    for (const flag of leading[1]!) {
      if (flag === 'x') throw new PythonRegexError('verbose patterns ((?x)) are not supported');
      if (flag === 'L') throw new PythonRegexError('locale patterns ((?L)) are not supported');
      if (!IGNORED_FLAGS.has(flag) && !flags.includes(flag)) flags += flag;
    }
    i = leading[0].length;
  }
  // Scoped flags `(?i:...)` (Python 3.6+) have no JavaScript equivalent in Node 20: inside such a group,
  // letters are spelled out as `[xX]`. One entry per open group: is case folded inside it?
  const groups: boolean[] = [];
  let folded = false;
  const letter = (ch: string) => ch.toLowerCase() !== ch.toUpperCase();
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (folded && !inClass && c !== '\\' && letter(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
      i++;
      continue;
    }
    if (folded && inClass && letter(c)) {
      if (pattern[i + 1] === '-' || pattern[i - 1] === '-') {
        throw new PythonRegexError(`a letter range inside (?i:...) in "${pattern}" is not supported`);
      }
      out += c.toLowerCase() + c.toUpperCase();
      i++;
      continue;
    }
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new PythonRegexError(`pattern "${pattern}" ends with a lone backslash`);
      if (!inClass && next === 'Z') out += '(?![\\s\\S])';
      else if (!inClass && next === 'A') out += '^';
      else out += c + next;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal in both dialects; copy it so it does not close the class.
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      i++;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
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
      if (rest.startsWith('#')) {
        const end = pattern.indexOf(')', i);
        if (end < 0) throw new PythonRegexError(`pattern "${pattern}" has an unterminated comment`);
        i = end + 1;
        continue;
      }
      if (rest.startsWith('>')) throw new PythonRegexError('atomic groups ((?>...)) are not supported');
      const scoped = /^([aiLmsux]*)(?:-([imsx]+))?:/.exec(rest);
      if (scoped && (scoped[1] !== '' || scoped[2] !== undefined)) {
        const on = scoped[1]!;
        const off = scoped[2] ?? '';
        if (
          on.includes('x') ||
          on.includes('L') ||
          off.includes('x') ||
          (off.includes('i') && flags.includes('i'))
        ) {
          throw new PythonRegexError(
            `the scoped flags (?${rest.slice(0, scoped[0].length)} in "${pattern}" are not supported`,
          );
        }
        // m and s change nothing on a one-line module name; i is spelled out letter by letter.
        groups.push(folded);
        folded = folded || (on.includes('i') && !flags.includes('i'));
        out += '(?:';
        i += 2 + scoped[0].length;
        continue;
      }
      if (/^[aiLmsux-]+\)/.test(rest)) {
        throw new PythonRegexError(
          `global flags must open the pattern, but "${pattern}" sets them in the middle (Python 3.11+ rejects this)`,
        );
      }
    }
    if (c === '(') groups.push(folded);
    if (c === ')') folded = groups.pop() ?? false;
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+') {
      throw new PythonRegexError('possessive quantifiers (*+, ++, ?+) are not supported');
    }
    out += c;
    i++;
  }
  return { body: out, flags };
}

/**
 * True when a group with an unbounded quantifier inside is itself repeated without bound: (a+)+, (.*x)*.
 * Not when each repetition ends on a `\.` its inside can't match, as in `(\w+\.)*` or `(layers\.\d+\.)+`:
 * the dots then fix where every repetition ends, so there is a single way to match.
 */
function hasNestedRepetition(body: string): boolean {
  const stack: boolean[] = [];
  const starts: number[] = [];
  let current = false;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      stack.push(current);
      starts.push(i);
      current = false;
      continue;
    }
    const unbounded = isUnboundedQuantifier(body, i);
    if (c === ')') {
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

function isUnboundedQuantifier(body: string, i: number): boolean {
  const c = body[i];
  if (c === '*' || c === '+') return true;
  if (c === '{') return /^\{\d*,\}/.test(body.slice(i));
  return false;
}

/** A group body that ends on a literal `\.` and has no wildcard `.` or non-negated class that could eat one. */
function dotDelimited(inner: string): boolean {
  if (!inner.endsWith('\\.') || inner.includes('|')) return false;
  let inClass = false;
  let negated = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\') {
      const next = inner[i + 1];
      // \W, \S, \D match a dot.
      if (next === 'W' || next === 'S' || next === 'D') return false;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '.' && !negated) return false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      negated = inner[i + 1] === '^';
      continue;
    }
    if (c === '.' || c === '(') return false;
  }
  return true;
}

/** A group holding a top-level `|` that is repeated without bound, e.g. `(a|aa)*`. */
function hasRepeatedAlternation(body: string): boolean {
  const alternation: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') alternation.push(false);
    else if (c === '|' && alternation.length > 0) alternation[alternation.length - 1] = true;
    else if (c === ')') {
      if ((alternation.pop() ?? false) && isUnboundedQuantifier(body, i + 1)) return true;
    }
  }
  return false;
}
