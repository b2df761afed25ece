import type { EntityManager } from 'typeorm';

/** The public methods of a class (what a service may call), for an in-memory fake to implement. */
export type Api<T> = { [K in keyof T]: T[K] };
/** A fake where its real class is expected (checked against that class's public methods). */
export const as = <T>(fake: Api<NoInfer<T>>): T => fake as unknown as T;
/** The transaction handle fakes are given (they ignore it). */
export const NO_TX = {} as EntityManager;
