import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentProps,
  type Ref,
} from 'react';
import { SidebarItem } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { RiUserLine } from '@remixicon/react';

// The sidebar item forwards its ref to its button, which its type does not say.
const SidebarButtonItem = SidebarItem as (
  props: ComponentProps<typeof SidebarItem> & { ref?: Ref<HTMLButtonElement> },
) => JSX.Element;

/** The accessible name of the sign-out item: what it does and whom it signs out. */
export function signOutLabelOf(name?: string): string {
  return name ? `Sign out ${name}` : 'Sign out';
}

/**
 * The sidebar's last item: "Sign out", which fits the sidebar's width. Who is signed in is in its
 * accessible name ("Sign out Olivia", which starts with the visible text) and its icon's tooltip.
 */
export function SignedInUser() {
  const identityApi = useApi(identityApiRef);
  const [name, setName] = useState<string>();
  const item = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    identityApi.getProfileInfo().then(
      profile => current && setName(profile.displayName),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [identityApi]);

  // A button item of the core-components sidebar names itself by its visible text and takes no
  // aria-label; React leaves the attribute alone while that text stays the same.
  const label = signOutLabelOf(name);
  useLayoutEffect(() => {
    item.current?.setAttribute('aria-label', label);
  }, [label]);

  return (
    <SidebarButtonItem
      ref={item}
      icon={() => (
        <span
          title={name ? `Signed in as ${name}` : 'Signed in'}
          data-testid="signed-in-user"
        >
          <RiUserLine size={20} aria-hidden />
        </span>
      )}
      text="Sign out"
      onClick={() => identityApi.signOut()}
    />
  );
}
