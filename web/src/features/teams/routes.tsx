/** Routes of the teams feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import type { RouteObject } from 'react-router';

export const teamsRoutes: RouteObject[] = [];
