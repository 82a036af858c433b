/**
 * A cycle as a Markdown report for people: objectives grouped by level and team, each with its
 * owner, progress and health, key results as "start → current / target unit", initiatives and
 * dependencies. One way only: import reads JSON or CSV.
 */
import type {
  CycleFile,
  CycleFileKeyResult,
  CycleFileObjective,
} from '../../contracts/cycle-file.ts';
import { OBJECTIVE_LEVELS, type Health, type ObjectiveLevel } from '../../contracts/model.ts';

export interface DerivedProgress {
  objectives: Map<string, { progress: number; health: Health | null }>;
  keyResults: Map<string, { progress: number; health: Health | null }>;
}

const LEVEL_HEADINGS: Record<ObjectiveLevel, string> = {
  company: 'Company objectives',
  shared: 'Shared objectives',
  team: 'Team objectives',
  individual: 'Individual objectives',
};

/** Thousands separators for whole numbers, the same on every machine. */
const GROUPED = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 0 });

const HEALTH_LABELS: Record<Health, string> = {
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
};

const DIRECTION_LABELS = {
  increase: 'increase',
  decrease: 'decrease',
  at_least: 'stay at least',
  at_most: 'stay at most',
};

/** Text inside a line: Markdown punctuation escaped, line breaks folded. */
function inline(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`)
    .trim();
}

function percent(progress: number): string {
  return `${Math.round(progress * 100)}%`;
}

function progressText(entry: { progress: number; health: Health | null } | undefined): string {
  if (!entry) return '—';
  return entry.health
    ? `${percent(entry.progress)} (${HEALTH_LABELS[entry.health]})`
    : percent(entry.progress);
}

/** "start → current / target unit", in the key result's own terms. */
export function keyResultValues(kr: CycleFileKeyResult): string {
  if (kr.kind === 'milestone') return kr.current >= 1 ? 'done' : 'not done';
  const value = (n: number) => {
    const shown = Number.isInteger(n) && Math.abs(n) < 1e21 ? GROUPED.format(n) : String(n);
    return kr.kind === 'percentage' ? `${shown}%` : shown;
  };
  const unit = kr.kind === 'currency' ? (kr.currency ?? kr.unit) : kr.unit;
  const target = kr.target === null ? 'target not set yet (baseline first)' : value(kr.target);
  const suffix = kr.target !== null && unit && unit !== '%' ? ` ${unit}` : '';
  return inline(`${value(kr.start)} → ${value(kr.current)} / ${target}${suffix}`);
}

/** Writes the report. `derived` carries progress and health, which the cycle file leaves out. */
export function formatCycleMarkdown(file: CycleFile, derived: DerivedProgress): string {
  const names = new Map(file.people.map((p) => [p.email, p.name]));
  const person = (email: string | null) => {
    if (email === null) return 'no owner';
    const name = names.get(email);
    return name ? `${inline(name)} (${inline(email)})` : inline(email);
  };
  const titles = new Map(file.objectives.map((o) => [o.id, o.title]));
  const krTitles = new Map(
    file.objectives.flatMap((o) => o.keyResults.map((k) => [k.id, k.title] as const)),
  );
  const keyResultCount = file.objectives.reduce((sum, o) => sum + o.keyResults.length, 0);

  const out: string[] = [];
  out.push(`# ${inline(file.cycle.name)} — ${inline(file.organisation.name)}`, '');
  out.push(
    `${file.cycle.startDate} to ${file.cycle.endDate} · ${file.cycle.status} · ` +
      `${file.objectives.length} objectives · ${keyResultCount} key results`,
    '',
  );
  if (file.organisation.mission) out.push(`**Mission:** ${inline(file.organisation.mission)}`, '');
  if (file.organisation.vision) out.push(`**Vision:** ${inline(file.organisation.vision)}`, '');

  const objective = (o: CycleFileObjective, heading: string) => {
    out.push(`${heading} ${inline(o.title)}`, '');
    const facts = [
      `Owner: ${person(o.owner)}`,
      `Progress: ${progressText(derived.objectives.get(o.id))}`,
      `Status: ${o.status}`,
    ];
    if (o.score !== null) facts.push(`Score: ${o.score}`);
    if (o.visibility === 'private')
      facts.push(`Private (readers: ${o.readers.map(person).join(', ') || 'none'})`);
    out.push(facts.join(' · '), '');
    if (o.parents.length > 0) {
      out.push(`Aligned to: ${o.parents.map((id) => inline(titles.get(id) ?? id)).join('; ')}`, '');
    }
    if (o.contributingTeams.length > 0)
      out.push(`Contributing teams: ${o.contributingTeams.map(inline).join(', ')}`, '');
    if (o.tags.length > 0) out.push(`Tags: ${o.tags.map(inline).join(', ')}`, '');
    if (o.rationale) {
      for (const line of o.rationale.split(/\r?\n/))
        out.push(line.trim() === '' ? '>' : `> ${inline(line)}`);
      out.push('');
    }
    const keyResults = [...o.keyResults].sort((a, b) => a.position - b.position);
    if (keyResults.length === 0) {
      out.push('_No key results yet._', '');
      return;
    }
    out.push(
      '| Key result | Direction | Start → current / target | Progress | Owner | Confidence |',
    );
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const kr of keyResults) {
      const confidence = kr.confidence === null ? '—' : `${Math.round(kr.confidence * 100)}%`;
      out.push(
        `| ${inline(kr.title)} | ${DIRECTION_LABELS[kr.direction]} | ${keyResultValues(kr)} | ` +
          `${progressText(derived.keyResults.get(kr.id))} | ${person(kr.owner)} | ${confidence} |`,
      );
    }
    out.push('');
    for (const kr of keyResults) {
      const lines: string[] = [];
      for (const initiative of kr.initiatives) {
        const done = initiative.status === 'done' ? 'x' : ' ';
        const due = initiative.dueDate ? `, due ${initiative.dueDate}` : '';
        lines.push(
          `- [${done}] ${inline(initiative.title)} (${initiative.status}, ${person(initiative.owner)}${due})`,
        );
      }
      for (const dependency of kr.dependsOn) {
        const other = krTitles.get(dependency.keyResult) ?? dependency.keyResult;
        const needed = dependency.neededBy ? `, needed by ${dependency.neededBy}` : '';
        lines.push(`- Depends on: ${inline(other)} (${dependency.status}${needed})`);
      }
      if (lines.length > 0) out.push(`${inline(kr.title)}:`, '', ...lines, '');
    }
  };

  for (const level of OBJECTIVE_LEVELS) {
    const atLevel = file.objectives.filter((o) => o.level === level);
    if (atLevel.length === 0) continue;
    out.push(`## ${LEVEL_HEADINGS[level]}`, '');
    const byTeam = new Map<string | null, CycleFileObjective[]>();
    for (const o of atLevel) byTeam.set(o.team, [...(byTeam.get(o.team) ?? []), o]);
    const teams = [...byTeam.keys()].sort((a, b) =>
      a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
    for (const team of teams) {
      const list = byTeam.get(team) ?? [];
      if (team === null) {
        for (const o of list) objective(o, '###');
      } else {
        out.push(`### Team: ${inline(team)}`, '');
        for (const o of list) objective(o, '####');
      }
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
