/**
 * Binding a resident to a household 户: by a one-time code from the front desk (approved at once)
 * or by an application the front desk approves. Labels and checks; pure.
 */
import type { BindingRelation, BindingStatus } from '../services/types';

export const RELATIONS: BindingRelation[] = ['owner', 'tenant', 'family'];
export const RELATION_LABELS: Record<BindingRelation, string> = {
  owner: '业主',
  tenant: '租户',
  family: '家庭成员',
};

export const BINDING_STATUS_LABELS: Record<BindingStatus, string> = {
  pending: '待物业审核',
  approved: '已绑定',
  rejected: '未通过',
};

export interface BindingApplication {
  householdId: string | null;
  relation: BindingRelation | null;
  name: string;
  phone: string;
}

const MOBILE = /^1[3-9]\d{9}$/;

/** First problem with an application, or null when it can be sent. */
export function validateApplication(a: BindingApplication): string | null {
  if (!a.householdId) return '请选择楼栋、单元和房号';
  if (!a.relation) return '请选择您与房屋的关系';
  if (a.name.trim().length < 2) return '请填写真实姓名';
  if (!MOBILE.test(a.phone.trim())) return '请填写正确的 11 位手机号';
  return null;
}

/** A household code as people type it: spaces removed, letters upper-cased. */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
