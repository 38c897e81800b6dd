import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RelativeTime } from './RelativeTime';
import { formatExactTime, formatRelativeTime } from './format';

const NOW = Date.parse('2025-11-21T12:00:00Z');

describe('formatRelativeTime', () => {
  it.each([
    ['2025-11-21T11:59:30Z', 'just now'],
    ['2025-11-21T11:57:00Z', '3 minutes ago'],
    ['2025-11-21T07:00:00Z', '5 hours ago'],
    ['2025-11-19T12:00:00Z', '2 days ago'],
    ['2025-11-18T16:00:00Z', '2 days ago'],
    ['2025-11-26T13:00:00Z', 'in 5 days'],
  ])('describes %s as "%s"', (time, text) => {
    expect(formatRelativeTime(new Date(time), NOW)).toBe(text);
  });
});

describe('formatExactTime', () => {
  it("gives the time in the reader's zone, named, and in UTC", () => {
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatExactTime(new Date('2025-11-19T12:00:00.250Z'))).toMatch(
      new RegExp(`\\(${zone}\\)\\n2025-11-19 12:00:00 UTC$`),
    );
  });
});

describe('RelativeTime', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows the time relative to now with the exact local and UTC time on focus', async () => {
    // Prepare
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    render(<RelativeTime value="2025-11-19T12:00:00Z" prefix="Last order: " />);
    const time = screen.getByText('Last order: 2 days ago');
    expect(time).toHaveAttribute('datetime', '2025-11-19T12:00:00Z');
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();

    // Act
    await user.tab();

    // Assess
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip).toHaveTextContent('2025-11-19 12:00:00 UTC');
    expect(tooltip).toHaveTextContent(
      `(${new Intl.DateTimeFormat().resolvedOptions().timeZone})`,
    );
    expect(tooltip).toHaveTextContent(/Nov 19, 2025/);
  });

  it('shows a narrow time for tight cells', () => {
    render(<RelativeTime value="2025-11-21T11:06:00Z" timeStyle="narrow" />);

    expect(screen.getByText('54m ago')).toBeInTheDocument();
  });

  it('stays true while the page stays open', () => {
    // Prepare
    render(<RelativeTime value="2025-11-21T11:59:50Z" />);
    expect(screen.getByText('just now')).toBeInTheDocument();

    // Act
    act(() => {
      jest.advanceTimersByTime(2 * 60_000);
    });

    // Assess
    expect(screen.getByText('2 minutes ago')).toBeInTheDocument();
  });
});
