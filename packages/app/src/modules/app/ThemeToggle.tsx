import { useEffect, useState } from 'react';
import { SidebarItem } from '@backstage/core-components';
import { appThemeApiRef, useApi } from '@backstage/frontend-plugin-api';
import { RiMoonLine, RiSunLine } from '@remixicon/react';

/** The mode the app shows when no theme is picked: the browser's preference. */
function preferredMode(): 'light' | 'dark' {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

/**
 * A sidebar item that switches the app between its light and dark theme, and remembers the choice
 * (the app's theme API keeps it in local storage), for a portal without the user settings page.
 */
export function ThemeToggle() {
  const themeApi = useApi(appThemeApiRef);
  const [active, setActive] = useState(() => themeApi.getActiveThemeId());

  useEffect(() => {
    const subscription = themeApi.activeThemeId$().subscribe(setActive);
    return () => subscription.unsubscribe();
  }, [themeApi]);

  const mode =
    active === 'dark' || active === 'light' ? active : preferredMode();
  const next = mode === 'dark' ? 'light' : 'dark';
  const Icon = next === 'dark' ? RiMoonLine : RiSunLine;
  return (
    <SidebarItem
      icon={() => <Icon size={20} aria-hidden />}
      text={next === 'dark' ? 'Dark theme' : 'Light theme'}
      onClick={() => themeApi.setActiveThemeId(next)}
    />
  );
}
