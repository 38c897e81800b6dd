import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';

/** The query string of the test app's URL, shown so a test reads it as a user would. */
export function ShownSearch() {
  return <output aria-label="URL query">{useLocation().search}</output>;
}

/** What {@link ShownSearch} shows. */
export const shownSearch = () => screen.getByLabelText('URL query').textContent;

/** Fails if any of `texts` is on the screen. */
export function expectNotShown(...texts: Array<string | RegExp>) {
  for (const text of texts) {
    expect(screen.queryByText(text)).not.toBeInTheDocument();
  }
}

/** Fails if a button named `name` is on the screen. */
export function expectNoButton(name: string) {
  expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
}

/** Waits for an error with a Retry button: its title, the backend's message and its status. */
export async function expectErrorWithRetry(
  title: RegExp,
  message: string,
  status?: string,
) {
  expect(await screen.findByText(title)).toBeInTheDocument();
  expect(screen.getByText(message)).toBeInTheDocument();
  if (status) expect(screen.getByText(status)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
}

/** A permission API that decides nothing until `decide` is called, then answers `result`. */
export function deferredPermission(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  let decide: () => void = () => {};
  const permission: PermissionApi = {
    authorize: () =>
      new Promise(resolve => {
        decide = () => resolve({ result });
      }),
  };
  return { permission, decide: () => decide() };
}

/** Picks `option` of the select whose button is labelled `label`. */
export async function choose(label: string, option: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(label) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

/** Types `text` into the input of `role` labelled `name`, as a user would. */
export async function typeInto(
  role: 'searchbox' | 'combobox',
  name: string,
  text: string,
) {
  await userEvent.type(screen.getByRole(role, { name }), text);
}
