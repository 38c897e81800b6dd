import { useEffect, useState } from 'react';
import { SidebarItem } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { RiUserLine } from '@remixicon/react';

/**
 * The sidebar's last item: "Sign out", which fits the sidebar's width (the visible text is the
 * accessible name), with who is signed in in its icon's tooltip.
 */
export function SignedInUser() {
  const identityApi = useApi(identityApiRef);
  const [name, setName] = useState<string>();

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

  const signedInAs = name ? `Signed in as ${name}` : 'Signed in';
  return (
    <SidebarItem
      icon={() => (
        <span title={signedInAs} data-testid="signed-in-user">
          <RiUserLine size={20} aria-hidden />
        </span>
      )}
      text="Sign out"
      onClick={() => identityApi.signOut()}
    />
  );
}
