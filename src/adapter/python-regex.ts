// Python `re` patterns (as PEFT applies them to module names) translated to JavaScript RegExps, with guards
// against patterns JavaScript reads differently and against exponential backtracking.

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
    return new RegExp(source, flags);
  } catch (error) {
    throw new PythonRegexError(
      `pattern "${pattern}" is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

export function testModuleName(regex: RegExp, name: string): boolean {
  return name.length <= MAX_SUBJECT_LENGTH && regex.test(name);
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
  while (i < pattern.length) {
    const c = pattern[i]!;
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
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
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
      if (/^[aiLmsux-]+[:)]/.test(rest)) {
        throw new PythonRegexError(`inline flags inside the pattern "${pattern}" are not supported`);
      }
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+') {
      throw new PythonRegexError('possessive quantifiers (*+, ++, ?+) are not supported');
    }
    out += c;
    i++;
  }
  return { body: out, flags };
}

/** True when a group with an unbounded quantifier inside is itself repeated without bound: (a+)+, (.*x)*. */
function hasNestedRepetition(body: string): boolean {
  const stack: boolean[] = [];
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
      current = false;
      continue;
    }
    const unbounded = isUnboundedQuantifier(body, i);
    if (c === ')') {
      const inner = current;
      current = stack.pop() ?? false;
      if (isUnboundedQuantifier(body, i + 1)) {
        if (inner) return true;
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
