import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Where the counts of each checked view are written, one JSON file per view. */
export const AXE_RESULTS_DIR = resolve(__dirname, '../../test-results/axe');

/** The impacts axe-core gives a violation, mildest first. */
const IMPACTS = ['minor', 'moderate', 'serious', 'critical'] as const;

/** How many violations (rules) and affected elements of each impact a view has. */
export interface AxeCounts {
  view: string;
  url: string;
  checkedAt: string;
  violations: Record<(typeof IMPACTS)[number], number>;
  nodes: Record<(typeof IMPACTS)[number], number>;
  /** Every violated rule with its impact, how many elements it hit, and the first few of them. */
  rules: {
    id: string;
    impact: string;
    nodes: number;
    help: string;
    targets: string[];
  }[];
  /** The parts of the page left out of the check, and why. */
  excluded?: { selectors: string[]; reason?: string };
}

/** Options of {@link expectNoSeriousA11yViolations}. */
export interface AxeCheckOptions {
  /** CSS selectors of parts of the page that are not checked, e.g. another plugin's widget. */
  exclude?: string[];
  /** Why `exclude` leaves those parts out; written to the results beside them. */
  excludeReason?: string;
  /** Only this part of the page is checked, e.g. `[role="dialog"]`. */
  include?: string;
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page as it is now, writes the
 * counts by impact to `test-results/axe/<view>.json`, and fails when any violation is serious or
 * critical, naming the rules and elements so the failure says what to fix.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  view: string,
  options: AxeCheckOptions = {},
): Promise<AxeCounts> {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) {
    builder = builder.exclude(selector);
  }
  const results = await builder.analyze();

  const zero = () => ({ minor: 0, moderate: 0, serious: 0, critical: 0 });
  const counts: AxeCounts = {
    view,
    url: page.url(),
    checkedAt: new Date().toISOString(),
    violations: zero(),
    nodes: zero(),
    rules: [],
    ...(options.exclude?.length
      ? {
          excluded: {
            selectors: options.exclude,
            reason: options.excludeReason,
          },
        }
      : {}),
  };
  for (const violation of results.violations) {
    const impact = violation.impact ?? 'minor';
    counts.violations[impact] += 1;
    counts.nodes[impact] += violation.nodes.length;
    counts.rules.push({
      id: violation.id,
      impact,
      nodes: violation.nodes.length,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map(node => node.target.join(' ')),
    });
  }
  await mkdir(AXE_RESULTS_DIR, { recursive: true });
  await writeFile(
    join(AXE_RESULTS_DIR, `${view}.json`),
    `${JSON.stringify(counts, null, 2)}\n`,
  );

  const blocking = results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .map(node => node.target.join(' '))
          .join(', ')}`,
    );
  expect(blocking, `serious or critical axe violations in ${view}`).toEqual([]);
  return counts;
}
