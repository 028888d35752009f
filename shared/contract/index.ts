export * from './define';
export * from './schemas';
export * from './methods';
export * from './events';
export * from './backend';
