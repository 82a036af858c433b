import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the tree routes land here.
export function registerTreeRoutes(_app: FastifyInstance, _context: AppContext): void {}
