/** Ticket lifecycle 工单流转: the status table, its checks, and the 人/机/料/法/环 cause factors. */
export * from './transitions';
export * from './apply';
export * from './causes';
