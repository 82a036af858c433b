import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the objectives routes land here.
export function registerObjectivesRoutes(_app: FastifyInstance, _context: AppContext): void {}
