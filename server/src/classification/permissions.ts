import type { Permission } from '../common/permissions';

/** Who may do what with the company's classification models 分类模型. */
export const CLASSIFICATION_PERMISSIONS = {
  /** Lists the models, retrains one on demand and makes one the live model. */
  manageModels: { roles: ['project_manager', 'hq'], scope: 'the models of their own company' },
} as const satisfies Record<string, Permission>;
