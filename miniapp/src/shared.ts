/**
 * The parts of @wuye/shared the mini-program uses (ticket vocabulary and labels, roles).
 * Imported module by module on purpose: shared is CommonJS, which webpack cannot tree-shake, so
 * importing its index would put every rule in it (classification tables, reply templates …) into
 * the residents' main package (WeChat limit 2 MB). Add a module here when a page needs it.
 */
export * from '@wuye/shared/dist/tickets';
export * from '@wuye/shared/dist/roles';
export { formatFen, yuanToFen } from '@wuye/shared/dist/payments/money';
// The return-visit questions (a few hundred bytes): the rating page and the staff visit form both ask them.
export * from '@wuye/shared/dist/visits/rating';
