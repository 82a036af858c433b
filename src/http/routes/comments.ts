import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the comments routes land here.
export function registerCommentsRoutes(_app: FastifyInstance, _context: AppContext): void {}
