/**
 * A logger of `warn` and `error` lines whose calls the test reads (jest mocks), in the shape the
 * recorder and the projector take.
 *
 * @public
 */
export function testLogger(): { warn: jest.Mock; error: jest.Mock } {
  return { warn: jest.fn(), error: jest.fn() };
}
