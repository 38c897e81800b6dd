import { useEffect, useState } from 'react';
import { SidebarItem, UserIcon } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';

/** The sidebar's last item: who is signed in, and the way to sign out and pick someone else. */
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

  return (
    <SidebarItem
      icon={UserIcon}
      text={name ? `Sign out ${name}` : 'Sign out'}
      onClick={() => identityApi.signOut()}
    />
  );
}
