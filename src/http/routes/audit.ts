import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';

// Placeholder: the audit routes land here.
export function registerAuditRoutes(_app: FastifyInstance, _context: AppContext): void {}
