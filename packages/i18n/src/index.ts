export * from './languages.ts';
export * from './translator.ts';
export * from './search.ts';
export * from './error-messages.ts';
export * from './validation-messages.ts';
