import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { liveChangesQuerySchema } from '@workflow-orders/plugin-workflow-orders-common';
import type { Router } from 'express';
import { parseInput } from '../service/validation';
import type { LiveChanges } from './liveChanges';

/**
 * Adds `GET /live/changes` to the plugin's router: the caller's credentials first (401 without),
 * then the query (400 naming the parameter), then the changes the caller may see after `after`.
 */
export function addLiveRoutes(
  router: Router,
  options: { httpAuth: HttpAuthService; live: LiveChanges },
): void {
  const { httpAuth, live } = options;
  router.get('/live/changes', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(
      liveChangesQuerySchema,
      req.query,
      'query parameter',
    );
    res.json(
      await live.changes(query, { credentials, request: req, via: 'http' }),
    );
  });
}
