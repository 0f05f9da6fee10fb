// SARIF 2.1.0 for code scanning: one run, the rules that fired, one result per finding.
import { createHash } from 'node:crypto';
import { RULES } from '../rules/registry.js';
import { RULE_DOCS_BASE, type Rule } from '../rules/rule.js';
import type { Finding, LintReport } from '../types.js';
import { jsonReplacer } from './json.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_INFORMATION_URI = 'https://github.com/adapter-lint/adapter-lint';
const FINGERPRINT_KEY = 'adapterLintFinding/v1';

export type RuleInfo = Pick<Rule, 'id' | 'slug' | 'severity' | 'description'>;

export interface SarifOptions {
  /** Written as `automationDetails.id` (with a trailing `/`), so separate jobs upload separate categories. */
  readonly category?: string;
  /** Rule metadata; defaults to the registry. */
  readonly rules?: readonly RuleInfo[];
}

export function toSarif(report: LintReport, options: SarifOptions = {}): Record<string, unknown> {
  const rules: readonly RuleInfo[] = options.rules ?? RULES;
  const known = new Map(rules.map((r) => [r.id, r]));
  const fired: RuleInfo[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of report.findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, fired.length);
    // A rule missing from the registry still gets a descriptor built from the finding itself.
    fired.push(
      known.get(f.ruleId) ?? { id: f.ruleId, slug: f.slug, severity: f.severity, description: f.slug },
    );
  }

  const seen = new Map<string, number>();
  const results = report.findings.map((f) => {
    const identity = fingerprintSource(f);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId)!,
      level: f.severity,
      message: { text: f.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: fileUri(f.file) }, region: { startLine: 1 } },
          ...(f.tensor !== undefined ? { logicalLocations: [{ fullyQualifiedName: f.tensor }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(identity, occurrence) },
      ...(f.data !== undefined ? { properties: { data: f.data } } : {}),
    };
  });

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: TOOL_INFORMATION_URI,
        rules: fired.map((r) => ({
          id: r.id,
          name: r.slug,
          shortDescription: { text: r.description },
          helpUri: `${RULE_DOCS_BASE}${r.id}.md`,
          defaultConfiguration: { level: r.severity },
        })),
      },
    },
    results,
  };
  if (options.category) {
    run.automationDetails = {
      id: options.category.endsWith('/') ? options.category : `${options.category}/`,
    };
  }
  if (report.notices.length > 0) {
    run.invocations = [
      {
        executionSuccessful: true,
        toolExecutionNotifications: report.notices.map((text) => ({ level: 'note', message: { text } })),
      },
    ];
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function formatSarif(report: LintReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), jsonReplacer, 2)}\n`;
}

/** A relative URI reference with forward slashes; each segment percent-encoded (spaces, `#`, `?`...). */
export function fileUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** What stays the same when a finding recurs on a later commit: rule, file and tensor, not the wording. */
function fingerprintSource(f: Finding): string {
  return `${f.ruleId}\u0000${f.file}\u0000${f.tensor ?? ''}`;
}

function fingerprint(identity: string, occurrence: number): string {
  return `${createHash('sha256').update(identity).digest('hex').slice(0, 32)}:${occurrence + 1}`;
}
