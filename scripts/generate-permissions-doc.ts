// Rewrites docs/permissions.md from the policy rules.
import fs from 'node:fs';
import path from 'node:path';
import { renderPermissionsMarkdown } from '../src/policy/permissions-doc.ts';

const target = path.resolve(import.meta.dirname, '../docs/permissions.md');
fs.writeFileSync(target, renderPermissionsMarkdown());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
