#!/usr/bin/env node
// The `okr` command. TypeScript sources run through tsx's loader, so a fresh clone needs no
// build step (see docs/decisions/0002-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
