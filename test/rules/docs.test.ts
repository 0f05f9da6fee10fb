import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';

describe('rule pages', () => {
  for (const rule of RULES) {
    it(`docs/rules/${rule.id}.md names the rule and has every section`, async () => {
      const text = await readFile(new URL(`../../docs/rules/${rule.id}.md`, import.meta.url), 'utf8');
      expect(text.split('\n')[0]).toBe(`# ${rule.id} ${rule.slug}`);
      expect(text).toContain(`Default severity: **${rule.severity}**`);
      for (const section of [
        'What it catches',
        'Why it matters',
        'Failing example',
        'Passing example',
        'How to fix',
      ]) {
        expect(text).toContain(`## ${section}`);
      }
    });
  }
});
