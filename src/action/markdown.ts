// Escaping for text from checkpoints (file, tensor and module names, messages) placed in the job summary.
// The summary is GitHub-flavoured Markdown with raw HTML allowed, and core.summary escapes nothing.

import { splitInlineCode } from '../inline-code.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '\\': '&#92;',
  '[': '&#91;',
  ']': '&#93;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '#': '&#35;',
  '!': '&#33;',
};

/** Safe inside a table cell or a heading: no markup, no HTML, no line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[&<>"|`\\[\]*_~#!]/g, (ch) => ENTITIES[ch]!);
}

/**
 * Free text (a message, a notice) with its inline code shown as code: each code span (`splitInlineCode`, the
 * CommonMark reading) becomes a `<code>` element. Inside and outside the spans everything is escaped as
 * `escapeMarkdown` escapes it, so the only markup in the result is the `<code>` / `</code>` pairs written here,
 * always balanced: a name from a checkpoint can't close the element (its `<` is `&lt;`), open a span of its own
 * (its backticks are `&#96;`), end a table cell (`|` is `&#124;`) or start a line.
 */
export function inlineMarkdown(text: string): string {
  return splitInlineCode(text)
    .map((part) => (part.code ? `<code>${escapeMarkdown(part.text)}</code>` : escapeMarkdown(part.text)))
    .join('');
}

/** A label inside a Mermaid string ("..."): quotes and anything that could end the block are dropped. */
export function escapeMermaidLabel(text: string): string {
  return text.replace(/["`\r\n\u2028\u2029]/g, ' ').replace(/[<>&]/g, '');
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A ratio as a plain decimal with 3 significant digits (Mermaid's xychart does not read exponents). */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const decimals = Math.min(20, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return value.toFixed(decimals);
}
