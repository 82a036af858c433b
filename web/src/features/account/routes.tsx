/** Routes of the account feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import type { RouteObject } from 'react-router';

export const accountRoutes: RouteObject[] = [];
