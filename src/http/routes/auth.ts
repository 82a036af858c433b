import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the auth routes land here.
export function registerAuthRoutes(_app: FastifyInstance, _context: AppContext): void {}
