import { screen } from '@testing-library/react';
import { Sidebar } from '@backstage/core-components';
import { compatWrapper } from '@backstage/core-compat-api';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { sidebarLabelOf } from './Sidebar';
import { SignedInUser } from './SignedInUser';

describe('sidebarLabelOf', () => {
  it('keeps a title that fits the sidebar', () => {
    // Act & Assess
    expect(sidebarLabelOf('Catalog')).toBe('Catalog');
    expect(sidebarLabelOf('Tech radar')).toBe('Tech radar');
  });

  it("shortens a long title to its last words that fit, as Backstage's own items read", () => {
    // Act & Assess
    expect(sidebarLabelOf('Workflow orders')).toBe('Orders');
    expect(sidebarLabelOf('Latest workflow orders')).toBe('Orders');
    expect(sidebarLabelOf('Cost of cloud accounts')).toBe('Accounts');
  });
});

describe('SignedInUser', () => {
  it('shows "Sign out" and names who it signs out in its accessible name and tooltip', async () => {
    // Prepare
    const identityApi = mockApis.identity({ displayName: 'Olivia' });

    // Act
    await renderInTestApp(
      compatWrapper(
        <Sidebar>
          <SignedInUser />
        </Sidebar>,
      ),
      { apis: [[identityApiRef, identityApi]] },
    );

    // Assess
    const button = await screen.findByRole('button', {
      name: 'Sign out Olivia',
    });
    expect(button.textContent).toContain('Sign out');
    expect(button.textContent).not.toContain('Olivia');
    expect(screen.getByTestId('signed-in-user').getAttribute('title')).toBe(
      'Signed in as Olivia',
    );
  });
});
