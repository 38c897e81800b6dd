import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { signInPage } from './SignInPage';
import { sidebar } from './Sidebar';

/** The portal's own parts of the app: guest sign-in and the sidebar. */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, sidebar],
});
