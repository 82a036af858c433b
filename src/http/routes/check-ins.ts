import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the check-ins routes land here.
export function registerCheckInsRoutes(_app: FastifyInstance, _context: AppContext): void {}
