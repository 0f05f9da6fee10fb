// Inline code in messages, written and read as CommonMark code spans: a run of N backticks opens a span that the
// next run of exactly N backticks closes. Messages quote names from checkpoints (tensor keys, adapter names)
// this way; `inlineCode` picks a fence no backtick in the name can close, so the job summary, which renders the
// spans as code (`splitInlineCode`), shows the whole name as code however many backticks it holds. In plain
// text (terminal, JSON, annotations) an ordinary name reads as before: `name`.

/** `text` as one code span: fenced by one backtick more than its longest run of backticks. */
export function inlineCode(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end of a span that begins and ends with one; pad when the name
  // itself begins or ends with a backtick (it would join the fence) or with spaces at both ends.
  const spacedEnds = text.length >= 2 && text.startsWith(' ') && text.endsWith(' ') && /[^ ]/.test(text);
  const pad = text.startsWith('`') || text.endsWith('`') || spacedEnds ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export interface InlinePart {
  readonly code: boolean;
  readonly text: string;
}

/**
 * Text split into plain parts and code spans, as CommonMark reads them: a backtick run with no closing run of
 * the same length is plain text; in a span, line breaks become spaces and one space is stripped from each end
 * when both ends have one (and the span is not all spaces).
 */
export function splitInlineCode(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      const next = text.indexOf('`', i);
      const end = next < 0 ? text.length : next;
      plain += text.slice(i, end);
      i = end;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    const close = closingRun(text, i + n, n);
    if (close < 0) {
      plain += text.slice(i, i + n);
      i += n;
      continue;
    }
    if (plain) parts.push({ code: false, text: plain });
    plain = '';
    let content = text.slice(i + n, close).replace(/\r\n|[\r\n]/g, ' ');
    if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content))
      content = content.slice(1, -1);
    parts.push({ code: true, text: content });
    i = close + n;
  }
  if (plain) parts.push({ code: false, text: plain });
  return parts;
}

/** Where the next run of exactly `n` backticks from `from` starts, or -1. */
function closingRun(text: string, from: number, n: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0) {
    let m = 0;
    while (text[i + m] === '`') m++;
    if (m === n) return i;
    i = text.indexOf('`', i + m);
  }
  return -1;
}
