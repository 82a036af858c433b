import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the dependencies routes land here.
export function registerDependenciesRoutes(_app: FastifyInstance, _context: AppContext): void {}
