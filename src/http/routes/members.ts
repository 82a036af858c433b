import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the members routes land here.
export function registerMembersRoutes(_app: FastifyInstance, _context: AppContext): void {}
