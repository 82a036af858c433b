/** Routes of the dashboards feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import type { RouteObject } from 'react-router';

export const dashboardsRoutes: RouteObject[] = [];
