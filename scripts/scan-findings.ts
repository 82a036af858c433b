/**
 * Reading what sqlmap and wapiti found, for `npm run scan`. A scan passes only when each tool
 * says, in its own words, that it tested what it was given and found nothing: a finding fails
 * it, and so does a run that cannot be read (a tool that crashed or never reached the server
 * proves nothing).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ToolResult {
  tool: string;
  /** What the tool reported as a vulnerability or anomaly, one line each. */
  findings: string[];
  /** Reports checked against the server and found false, each with why (they do not fail the scan). */
  accepted: string[];
  /** Why the run proves nothing, when it does not (null: it completed). */
  problem: string | null;
  /** A one-line summary of what was tested. */
  summary: string;
}

/** The results files sqlmap writes in multiple-target mode: one CSV line per injection point. */
function sqlmapResultRows(outputDir: string): string[] {
  if (!fs.existsSync(outputDir)) return [];
  return fs
    .readdirSync(outputDir)
    .filter((f) => /^results-.*\.csv$/.test(f))
    .flatMap((f) =>
      fs
        .readFileSync(path.join(outputDir, f), 'utf8')
        .split('\n')
        .slice(1)
        .filter((line) => line.trim() !== ''),
    );
}

/** The injection points sqlmap logged per host (`<output>/<host>/log`), for single-target runs. */
function sqlmapLoggedInjections(outputDir: string): string[] {
  if (!fs.existsSync(outputDir)) return [];
  return fs
    .readdirSync(outputDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(outputDir, d.name, 'log'))
    .filter((f) => fs.existsSync(f) && fs.readFileSync(f, 'utf8').trim() !== '')
    .map((f) => `injection points logged in ${f}`);
}

/**
 * sqlmap's verdict: findings from its results CSV, its log and the lines that say a parameter
 * is (or heuristically might be) injectable; a problem when it did not finish each target with
 * "do not appear to be injectable" (or a finding).
 */
export function readSqlmap(
  name: string,
  stdout: string,
  outputDir: string,
  targets: number,
  exitCode: number | null,
): ToolResult {
  const lines = stdout.split('\n');
  const findings = [
    ...sqlmapResultRows(outputDir).map((row) => `sqlmap injection point: ${row}`),
    ...sqlmapLoggedInjections(outputDir),
    ...lines
      .filter((l) =>
        /is vulnerable|might be injectable|appears to be .* injectable|identified the following injection point/i.test(
          l,
        ),
      )
      .map((l) => l.trim()),
    // A server error under attack is a finding too (sqlmap lists the codes it met).
    ...lines
      .filter((l) => /\b5\d\d \([A-Za-z ]+\) - \d+ times/.test(l))
      .map((l) => `server errors: ${l.trim()}`),
  ];
  const clean = lines.filter((l) =>
    /all tested parameters do not appear to be injectable/.test(l),
  ).length;
  const tested = lines.filter((l) => /testing (URL|connection to the target URL)/i.test(l)).length;
  const unreachable = lines.filter(
    (l) =>
      /unable to connect|connection refused|connection timed out|not authorized, try|skipping to the next target/i.test(
        l,
      ) && !/do not appear to be injectable/.test(l),
  );
  let problem: string | null = null;
  if (exitCode !== 0) problem = `sqlmap exited with ${exitCode}`;
  else if (unreachable.length > 0) problem = `sqlmap: ${unreachable[0]?.trim() ?? ''}`;
  else if (findings.length === 0 && clean < targets)
    problem = `sqlmap finished ${clean} of ${targets} targets with "not injectable"`;
  return {
    tool: name,
    findings: [...new Set(findings)],
    accepted: [],
    problem,
    summary: `${targets} target(s), ${tested} connection test(s), ${clean} found not injectable`,
  };
}

interface WapitiReport {
  vulnerabilities?: Record<string, unknown[]>;
  anomalies?: Record<string, unknown[]>;
  additionals?: Record<string, unknown[]>;
  infos?: { target?: string };
}

/** One entry of a wapiti report. */
export interface WapitiItem {
  category: string;
  method: string;
  path: string;
  parameter: string;
  info: string;
}

function describe(item: WapitiItem): string {
  return `${item.category}: ${item.method} ${item.path} ${item.parameter ? `(${item.parameter}) ` : ''}— ${item.info}`;
}

/**
 * wapiti's verdict from its JSON report: every vulnerability, anomaly and additional is a
 * finding, unless `verify` checks it against the server and explains why it is false (it
 * returns the reason, or null when the report stands).
 */
export async function readWapiti(
  reportFile: string,
  exitCode: number | null,
  stdout: string,
  verify: (item: WapitiItem) => Promise<string | null>,
): Promise<ToolResult> {
  if (!fs.existsSync(reportFile))
    return {
      tool: 'wapiti',
      findings: [],
      accepted: [],
      problem: `wapiti wrote no report (exit ${exitCode}): ${stdout.split('\n').slice(-5).join(' ')}`,
      summary: '',
    };
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as WapitiReport;
  const findings: string[] = [];
  const accepted: string[] = [];
  for (const kind of ['vulnerabilities', 'anomalies', 'additionals'] as const)
    for (const [category, items] of Object.entries(report[kind] ?? {}))
      for (const raw of items) {
        const i = raw as Partial<Record<'method' | 'path' | 'parameter' | 'info', string>>;
        const item: WapitiItem = {
          category,
          method: i.method ?? '',
          path: i.path ?? '',
          parameter: i.parameter ?? '',
          info: i.info ?? '',
        };
        const reason = await verify(item);
        if (reason) accepted.push(`${describe(item)}: ${reason}`);
        else findings.push(describe(item));
      }
  const crawled = Number(/Wapiti found (\d+) URLs and forms/.exec(stdout)?.[1] ?? 0);
  const launched = stdout.split('\n').filter((l) => /^\[\*\] Launching module/.test(l)).length;
  let problem: string | null = null;
  if (exitCode !== 0) problem = `wapiti exited with ${exitCode}`;
  else if (crawled === 0) problem = 'wapiti found no URL to attack';
  return {
    tool: 'wapiti',
    findings,
    accepted,
    problem,
    summary: `${crawled} URLs and forms found, ${launched} module(s) launched`,
  };
}
