import { useState } from 'react';
import { ProxiedSignInPage } from '@backstage/core-components';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  type SignInPageProps,
} from '@backstage/plugin-app-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Container,
  Flex,
  FullPage,
  Text,
} from '@backstage/ui';
import {
  DEMO_IDENTITIES,
  DEMO_PROVIDER_ID,
  DEMO_USER_HEADER,
  DEMO_USER_STORAGE_KEY,
} from './demoIdentities';

const remembered = () => window.localStorage.getItem(DEMO_USER_STORAGE_KEY);

/** The identity, forgetting the chosen user when it signs out so the next visit asks again. */
const forgettingOnSignOut = (identity: IdentityApi): IdentityApi => ({
  getProfileInfo: () => identity.getProfileInfo(),
  getBackstageIdentity: () => identity.getBackstageIdentity(),
  getCredentials: () => identity.getCredentials(),
  signOut: async () => {
    window.localStorage.removeItem(DEMO_USER_STORAGE_KEY);
    await identity.signOut();
  },
});

function IdentityPicker(props: {
  onPick: (userName: string) => void;
  error?: Error;
}) {
  return (
    <FullPage>
      <Container my="8">
        <Flex direction="column" gap="4">
          <Text as="h1" variant="title-large">
            Workflow orders
          </Text>
          <Text>
            Who are you? The local portal signs you in as a user of its demo
            catalog; each sees the orders of the workflows its group owns.
          </Text>
          {props.error && (
            <Alert
              status="danger"
              title="Could not sign in"
              description={props.error.message}
            />
          )}
          <Flex gap="4">
            {DEMO_IDENTITIES.map(identity => (
              <Card key={identity.userName}>
                <CardHeader>
                  <Text weight="bold">{identity.label}</Text>
                </CardHeader>
                <CardBody>
                  <Text>{identity.sees}</Text>
                </CardBody>
                <CardFooter>
                  <Button onPress={() => props.onPick(identity.userName)}>
                    {identity.label}
                  </Button>
                </CardFooter>
              </Card>
            ))}
          </Flex>
        </Flex>
      </Container>
    </FullPage>
  );
}

/**
 * The local portal's sign-in: pick one of the demo identities; the choice is remembered across
 * reloads and forgotten on sign-out. The backend's demo provider signs in as that catalog user.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const [userName, setUserName] = useState(remembered);
  // A new attempt remounts the proxied page, which signs in once when it mounts.
  const [attempt, setAttempt] = useState(0);

  const pick = (name: string) => {
    window.localStorage.setItem(DEMO_USER_STORAGE_KEY, name);
    setUserName(name);
    setAttempt(n => n + 1);
  };

  if (!userName) {
    return <IdentityPicker onPick={pick} />;
  }
  return (
    <ProxiedSignInPage
      key={attempt}
      provider={DEMO_PROVIDER_ID}
      headers={{ [DEMO_USER_HEADER]: userName }}
      onSignInSuccess={identity =>
        props.onSignInSuccess(forgettingOnSignOut(identity))
      }
      ErrorComponent={({ error: signInError }) => (
        <IdentityPicker
          onPick={pick}
          error={signInError ?? new Error(`Could not sign in as ${userName}`)}
        />
      )}
    />
  );
}

/** The sign-in page extension of the app. */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => DemoSignInPage,
  },
});
