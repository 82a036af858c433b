import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the teams routes land here.
export function registerTeamsRoutes(_app: FastifyInstance, _context: AppContext): void {}
