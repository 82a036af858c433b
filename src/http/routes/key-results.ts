import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the key-results routes land here.
export function registerKeyResultsRoutes(_app: FastifyInstance, _context: AppContext): void {}
