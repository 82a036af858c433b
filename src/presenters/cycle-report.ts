/**
 * The cycle report as Markdown (for a wiki or an e-mail) and as CSV (for a spreadsheet: one row
 * per objective). People's text is escaped for each format: Markdown markup and table pipes in
 * titles are taken literally; CSV cells that a spreadsheet would run as a formula get a leading `'`.
 */
import type { CycleReportView } from '../contracts/api/knowledge.ts';

type Group = CycleReportView['byTeam'][number];

/** Text in a Markdown table cell: markup taken literally, on one line. */
function markdownCell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|#!~])/g, '\\$1');
}

const formatScore = (score: number | null) => (score === null ? '—' : score.toFixed(2));
const formatPercent = (progress: number) => `${Math.round(progress * 100)}%`;

function groupTable(title: string, column: string, groups: Group[]): string[] {
  return [
    `## ${title}`,
    '',
    `| ${column} | Objectives | Scored | Confirmed | Average score |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...groups.map(
      (g) =>
        `| ${markdownCell(g.key)} | ${g.objectives} | ${g.scored} | ${g.confirmed} | ${formatScore(g.average)} |`,
    ),
    '',
  ];
}

export function cycleReportMarkdown(report: CycleReportView): string {
  const { cycle, overall } = report;
  const lines = [
    `# Cycle report: ${markdownCell(cycle.name)}`,
    '',
    `${cycle.startDate} to ${cycle.endDate}, ${cycle.status}. ${overall.objectives} objectives, ` +
      `${overall.scored} scored, ${overall.confirmed} confirmed; average score ${formatScore(overall.average)}.`,
    '',
    'Scores run from 0.0 to 1.0; the confirmed score counts, else the proposed one.',
    '',
    ...groupTable('Scores per team', 'Team', report.byTeam),
    ...groupTable('Scores per level', 'Level', report.byLevel),
    '## Objectives',
    '',
    '| Objective | Level | Team | Owner | Progress | Proposed | Confirmed | Score |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
    ...report.objectives.map(
      (o) =>
        `| ${markdownCell(o.title)} | ${o.level} | ${markdownCell(o.team)} | ${markdownCell(o.owner ?? '—')} | ` +
        `${formatPercent(o.progress)} | ${formatScore(o.proposedScore)} | ${formatScore(o.confirmedScore)} | ${formatScore(o.score)} |`,
    ),
    '',
  ];
  const learned = report.objectives.filter((o) => o.learned);
  if (learned.length > 0) {
    lines.push('## What we learned', '');
    for (const o of learned)
      lines.push(`- **${markdownCell(o.title)}**: ${markdownCell(o.learned ?? '')}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** A CSV cell: formula-looking text gets a leading `'`, then RFC 4180 quoting. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CYCLE_REPORT_CSV_COLUMNS = [
  'objective_id',
  'objective',
  'level',
  'team',
  'owner',
  'progress',
  'proposed_score',
  'confirmed_score',
  'score',
  'state',
  'learned',
] as const;

export function cycleReportCsv(report: CycleReportView): string {
  const lines = [CYCLE_REPORT_CSV_COLUMNS.join(',')];
  for (const o of report.objectives) {
    lines.push(
      [
        o.id,
        o.title,
        o.level,
        o.team,
        o.owner,
        Math.round(o.progress * 10000) / 10000,
        o.proposedScore,
        o.confirmedScore,
        o.score,
        o.state,
        o.learned,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
