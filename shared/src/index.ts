export * from './tickets';
export * from './roles';
export * from './time';
export * from './lifecycle';
export * from './deadlines';
export * from './language';
export * from './customers';
export * from './classification';
