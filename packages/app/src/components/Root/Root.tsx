import { PropsWithChildren } from 'react';
import {
  CatalogIcon,
  Sidebar,
  SidebarItem,
  SidebarPage,
} from '@backstage/core-components';

/** The portal's frame: a sidebar with the one page this portal is about. */
export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <Sidebar>
      <SidebarItem icon={CatalogIcon} to="catalog" text="Workflows" />
    </Sidebar>
    {children}
  </SidebarPage>
);
