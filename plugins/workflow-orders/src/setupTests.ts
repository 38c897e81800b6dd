import '@testing-library/jest-dom';

// A screen test clicks and types through a whole user story; on a 2-core machine running other tests
// beside it (CI's lanes) one takes up to several seconds, past jest's 5 s default. The bound stops a
// hung test, not a slow one.
jest.setTimeout(20_000);
