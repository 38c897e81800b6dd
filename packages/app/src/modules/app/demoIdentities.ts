/** A user of the demo catalog the local portal lets a newcomer sign in as. */
export interface DemoIdentity {
  /** The name of the User entity (catalog/people.yaml). */
  userName: string;
  /** The label of its button: who, and which group. */
  label: string;
  /** What the identity sees, under its button. */
  sees: string;
}

/** The identities of the sign-in page, in the order of their buttons. */
export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  {
    userName: 'tara',
    label: 'Tara — Trading desk',
    sees: "The orders of the trading desk's workflows",
  },
  {
    userName: 'quinn',
    label: 'Quinn — Quant research',
    sees: "The orders of quant research's workflows",
  },
  {
    userName: 'olivia',
    label: 'Olivia — Operations',
    sees: 'The orders of every workflow',
  },
];

/** The auth provider of the backend's demo sign-in module. */
export const DEMO_PROVIDER_ID = 'demo';

/** The header that tells the demo provider who to sign in as. */
export const DEMO_USER_HEADER = 'x-workflow-orders-demo-user';

/** Where the browser remembers the chosen identity across reloads, until sign-out. */
export const DEMO_USER_STORAGE_KEY = 'workflow-orders.demo-user';
