import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { homeRedirect } from './HomeRedirect';
import { signInPage } from './SignInPage';
import { sidebar } from './Sidebar';

/** The portal's own parts of the app: demo sign-in, the sidebar, and `/` opening the catalog. */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, sidebar, homeRedirect],
});
