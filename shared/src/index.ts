export * from './errors';
export * from './ids';
export * from './media';
export * from './roles';
export * from './signalling';
export * from './program';
export * from './jobs';
