import {
  CatalogIcon,
  Sidebar,
  SidebarDivider,
  SidebarItem,
  SidebarSpace,
} from '@backstage/core-components';
import { compatWrapper } from '@backstage/core-compat-api';
import {
  NavContentBlueprint,
  NavContentNavItem,
} from '@backstage/plugin-app-react';
import { SignedInUser } from './SignedInUser';
import { ThemeToggle } from './ThemeToggle';

const NavItem = (item: NavContentNavItem) => (
  <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
);

/**
 * The sidebar: the catalog, named for what this portal lists, then the pages plugins add, and at
 * the bottom the light/dark theme switch and who is signed in, with sign-out.
 */
export const sidebar = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const catalog = navItems.take('page:catalog');
      return compatWrapper(
        <Sidebar>
          <SidebarItem
            icon={CatalogIcon}
            to={catalog?.href ?? '/catalog'}
            text="Workflows"
          />
          <SidebarDivider />
          {navItems.withComponent(NavItem).rest({ sortBy: 'title' })}
          <SidebarSpace />
          <SidebarDivider />
          <ThemeToggle />
          <SignedInUser />
        </Sidebar>,
      );
    },
  },
});
