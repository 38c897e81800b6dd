// The identities of the local portal's sign-in page (catalog/people.yaml).

/** The people of the demo catalog, each with the button that signs in as them. */
export const IDENTITIES = {
  tara: { button: 'Tara — Trading desk', group: 'trading-desk' },
  quinn: { button: 'Quinn — Quant research', group: 'quant-research' },
  olivia: { button: 'Olivia — Operations', group: 'operations' },
} as const;

/** A user of the demo catalog. */
export type Identity = keyof typeof IDENTITIES;

/** Where the setup project keeps the signed-in browser state of `identity`. */
export const storageStateOf = (identity: Identity) =>
  `test-results/e2e-${identity}.json`;

/** The header of the portal's demo sign-in, naming the user to sign in as. */
export const DEMO_USER_HEADER = 'x-workflow-orders-demo-user';
