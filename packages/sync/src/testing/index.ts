// Test helpers for code built on @rollcall/sync: a steppable clock, waiting on sender states, and
// the OutboxStore contract suite.
export { ManualClock } from './manual-clock.ts';
export { describeOutboxStoreContract, sampleMark } from './outbox-store-contract.ts';
export { stateWhere, type StateSource } from './wait-for-state.ts';
