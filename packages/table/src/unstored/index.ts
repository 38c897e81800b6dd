export * from './unstoredLine';
export * from './replayUnstoredOrders';
