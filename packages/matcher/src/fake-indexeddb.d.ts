// fake-indexeddb ships types for its `auto` entry that its package exports hide from TypeScript.
declare module 'fake-indexeddb/auto';
