import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the me routes land here.
export function registerMeRoutes(_app: FastifyInstance, _context: AppContext): void {}
