export * from './scales';
export * from './questionnaire';
export * from './sampling';
export * from './results';
