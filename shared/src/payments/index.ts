export * from './money';
export * from './quotes';
export * from './bill';
export * from './reconcile';
