import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the cycles routes land here.
export function registerCyclesRoutes(_app: FastifyInstance, _context: AppContext): void {}
