/** The first step of an import: what the CSV holds and which column probably holds which field. */
import type { ImportPreview, ImportPreviewBody } from '../../contracts/api/imports.ts';
import { REQUIRED_FIELDS, proposeMapping } from '../../domain/sheet-import.ts';
import { authorize } from '../../policy/policy.ts';
import type { ServiceContext } from '../context.ts';
import { readSheet } from './sheet.ts';

const SAMPLES = 3;

export function previewImport(
  ctx: Pick<ServiceContext, 'actor'>,
  body: ImportPreviewBody,
): ImportPreview {
  authorize(ctx.actor, 'import.run', { type: 'organisation' });
  const sheet = readSheet(body.csv);
  const columns = sheet.columns.map((name, index) => {
    const samples: string[] = [];
    for (const row of sheet.rows) {
      const value = (row.values[index] ?? '').trim();
      if (value !== '' && !samples.includes(value))
        samples.push(value.length > 80 ? `${value.slice(0, 79)}…` : value);
      if (samples.length === SAMPLES) break;
    }
    return { name, samples };
  });
  return {
    delimiter: sheet.delimiter,
    hasHeader: sheet.hasHeader,
    rowCount: sheet.rows.length,
    columns,
    proposedMapping: proposeMapping(sheet.columns),
    requiredFields: [...REQUIRED_FIELDS],
  };
}
