export { EntityLastOrderCard } from './EntityLastOrderCard';
