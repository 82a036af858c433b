import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the initiatives routes land here.
export function registerInitiativesRoutes(_app: FastifyInstance, _context: AppContext): void {}
