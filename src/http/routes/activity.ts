import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the activity routes land here.
export function registerActivityRoutes(_app: FastifyInstance, _context: AppContext): void {}
