/** Every route module of the API, registered in one place. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { registerHealthRoutes } from './health.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerMeRoutes } from './me.ts';
import { registerMembersRoutes } from './members.ts';
import { registerTeamsRoutes } from './teams.ts';
import { registerCyclesRoutes } from './cycles.ts';
import { registerObjectivesRoutes } from './objectives.ts';
import { registerKeyResultsRoutes } from './key-results.ts';
import { registerCheckInsRoutes } from './check-ins.ts';
import { registerInitiativesRoutes } from './initiatives.ts';
import { registerDependenciesRoutes } from './dependencies.ts';
import { registerCommentsRoutes } from './comments.ts';
import { registerActivityRoutes } from './activity.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerTreeRoutes } from './tree.ts';
import { registerOrganisationRoutes } from './organisation.ts';
import { registerTeamCollaborationRoutes } from './team-collaboration.ts';

export function registerRoutes(app: FastifyInstance, context: AppContext): void {
  registerHealthRoutes(app, context);
  registerAuthRoutes(app, context);
  registerMeRoutes(app, context);
  registerMembersRoutes(app, context);
  registerTeamsRoutes(app, context);
  registerCyclesRoutes(app, context);
  registerObjectivesRoutes(app, context);
  registerKeyResultsRoutes(app, context);
  registerCheckInsRoutes(app, context);
  registerInitiativesRoutes(app, context);
  registerDependenciesRoutes(app, context);
  registerCommentsRoutes(app, context);
  registerActivityRoutes(app, context);
  registerAuditRoutes(app, context);
  registerTreeRoutes(app, context);
  registerOrganisationRoutes(app, context);
  registerTeamCollaborationRoutes(app, context);
}
