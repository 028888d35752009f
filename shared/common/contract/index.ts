export * from './define';
export * from './schemas';
export * from './sync-schemas';
export * from './messages';
export * from './methods';
export * from './events';
export * from './backend';
