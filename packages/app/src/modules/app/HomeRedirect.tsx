import { Navigate } from 'react-router-dom';
import { PageBlueprint } from '@backstage/frontend-plugin-api';

/** The portal is about its workflows: its root opens the list of them. */
export const homeRedirect = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    loader: async () => <Navigate to="/catalog" replace />,
  },
});
