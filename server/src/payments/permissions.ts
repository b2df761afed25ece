import type { Permission } from '../common/permissions';

/** Who may do what with paid repairs 有偿维修. A role listed here passes the gate; the scope says where. */
export const PAYMENT_PERMISSIONS = {
  /** Works on any project of the company, naming it (`projectId`); other staff work on their own project. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
  /** Keeps the price list 价目表: add, change and retire items. */
  editPriceList: { roles: ['project_manager'], scope: 'their own project' },
  /**
   * Quotes, takes money offline, starts paid work. Also the ticket's assignee (its handler), whatever their
   * role.
   */
  handleCharges: { roles: ['cs_lead', 'project_manager'], scope: 'tickets of their own project' },
  /** Refunds a payment (in full or in part, also after work started), through WeChat Pay or offline. */
  refund: { roles: ['project_manager'], scope: 'paid repairs of their own project' },
  /** Confirms a refund paid back outside WeChat Pay (cash, transfer). */
  confirmOfflineRefund: { roles: ['cs_lead', 'project_manager'], scope: 'refunds of their own project' },
  /** Reads the day's reconciliation against WeChat's trade bill 对账. */
  readReconciliation: {
    roles: ['cs_lead', 'project_manager', 'hq'],
    scope: 'their project (HQ: a project of their company)',
  },
} as const satisfies Record<string, Permission>;
