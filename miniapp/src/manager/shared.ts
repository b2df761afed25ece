/**
 * The manager sub-package's door to @wuye/shared (see ../staff/shared.ts for why module by module):
 * cause factors and categories for the analysis forms.
 */
export { CAUSE_FACTORS, type CauseFactor } from '@wuye/shared/dist/lifecycle/causes';
export { CATEGORY_NAMES } from '@wuye/shared/dist/classification/categories';
