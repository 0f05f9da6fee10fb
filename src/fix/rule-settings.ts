// Whether the user left a rule on for a file: the same resolution as lint's severities (the rule's default,
// then `rules`, then every matching `overrides` entry in order; IDs or slugs), so `--fix` never applies a fix
// for a rule the user turned off.
import picomatch from 'picomatch';
import { findRule } from '../rules/registry.js';
import type { LintOptions, SeverityOrOff } from '../types.js';

/** `(ruleId, file)`: true unless the rule's setting for that file (relative path) is `'off'`. */
export type RuleFilter = (ruleId: string, file: string) => boolean;

export function ruleFilter(options: Pick<LintOptions, 'rules' | 'overrides'>): RuleFilter {
  const lookup = (table: Readonly<Record<string, SeverityOrOff>>, id: string): SeverityOrOff | undefined => {
    const rule = findRule(id);
    return table[id] ?? (rule ? table[rule.slug] : undefined);
  };
  const overrides = (options.overrides ?? []).map((o) => ({
    match: picomatch([...o.files], { dot: true }),
    rules: o.rules,
  }));
  return (ruleId, file) => {
    let setting: SeverityOrOff | undefined = options.rules ? lookup(options.rules, ruleId) : undefined;
    for (const override of overrides) {
      const value = lookup(override.rules, ruleId);
      if (value && override.match(file)) setting = value;
    }
    return setting !== 'off';
  };
}
