export * from './tickets';
export * from './roles';
export * from './time';
