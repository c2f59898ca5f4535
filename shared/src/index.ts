export * from './errors';
export * from './ids';
export * from './media';
export * from './roles';
export * from './signalling';
export * from './api';
export * from './jobs';
export * from './env-config';
