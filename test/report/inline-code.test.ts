// Inline code in messages: written with a fence no backtick in a name can close, read back as CommonMark does.
import { describe, expect, it } from 'vitest';
import { inlineCode, splitInlineCode } from '../../src/inline-code.js';

/** Names as a checkpoint may carry them: backticks anywhere, markup, HTML, line breaks. */
const HOSTILE = [
  'a`b',
  '`lead',
  'trail`',
  '``',
  'x ``` y ` z',
  ' spaced ',
  'a|b<script>alert(1)</script>',
  'line\nbreak::error::x',
];

describe('inlineCode', () => {
  it('writes an ordinary name as it always was, in single backticks', () => {
    expect(inlineCode('model.layers.0.q_proj.lora_A.weight')).toBe('`model.layers.0.q_proj.lora_A.weight`');
  });

  it('fences a name with one backtick more than its longest run, padding a name that starts or ends with one', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('x ``` y')).toBe('````x ``` y````');
    expect(inlineCode('`lead')).toBe('`` `lead ``');
    expect(inlineCode(' spaced ')).toBe('`  spaced  `');
  });

  it('every hostile name reads back whole, as one code span between the plain text around it', () => {
    for (const name of HOSTILE) {
      expect(splitInlineCode(`key ${inlineCode(name)}, e.g.`)).toEqual([
        { code: false, text: 'key ' },
        { code: true, text: name.replace(/\n/g, ' ') },
        { code: false, text: ', e.g.' },
      ]);
    }
  });
});

describe('splitInlineCode', () => {
  it('reads spans as CommonMark does: a run closes only at a run of the same length', () => {
    expect(splitInlineCode('set `lfs: true` on ``a`b`` now')).toEqual([
      { code: false, text: 'set ' },
      { code: true, text: 'lfs: true' },
      { code: false, text: ' on ' },
      { code: true, text: 'a`b' },
      { code: false, text: ' now' },
    ]);
  });

  it('keeps an unclosed backtick run as plain text', () => {
    expect(splitInlineCode('one ` alone and ``two')).toEqual([
      { code: false, text: 'one ` alone and ``two' },
    ]);
  });

  it('strips one space from each end only when both ends have one, and never from all spaces', () => {
    expect(splitInlineCode('` x `` ` `  `')).toEqual([
      { code: true, text: 'x ``' },
      { code: false, text: ' ' },
      { code: true, text: '  ' },
    ]);
  });
});
