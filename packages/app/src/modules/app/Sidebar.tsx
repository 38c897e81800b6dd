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

/** Characters of a label that fit the sidebar's default width. */
const FITS = 12;

/**
 * The label the sidebar shows for a page title: the title when it fits, otherwise its last words
 * that do ("Workflow orders" reads "Orders"), as Backstage's own items use one short word.
 */
export function sidebarLabelOf(title: string): string {
  if (title.length <= FITS) return title;
  const words = title.split(/\s+/);
  let label = words[words.length - 1];
  for (let i = words.length - 2; i >= 0; i--) {
    const longer = `${words[i]} ${label}`;
    if (longer.length > FITS) break;
    label = longer;
  }
  return label.charAt(0).toUpperCase() + label.slice(1);
}

// The full title stays the link's accessible name (and its tooltip).
const NavItem = (item: NavContentNavItem) => (
  <SidebarItem
    icon={() => item.icon}
    to={item.href}
    text={sidebarLabelOf(item.title)}
    aria-label={item.title}
    title={item.title}
  />
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
