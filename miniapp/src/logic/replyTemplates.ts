/**
 * The project's reply templates 统一回复口径, as staff edit them: grouped by category in the handbook's order,
 * and what may be saved. Pure.
 */
import type { ReplyTemplate } from '../services/types';

export const TEMPLATE_CATEGORIES = [
  '通用',
  '报修',
  '房屋管理类',
  '设备管理类',
  '安全管理类',
  '环境管理类',
  '综合服务类',
  '业户纠纷类',
  '开发商相关类',
  '其它类',
] as const;

export function groupTemplates(list: ReplyTemplate[]): { category: string; items: ReplyTemplate[] }[] {
  return TEMPLATE_CATEGORIES.map((category) => ({
    category,
    items: list.filter((t) => t.category === category),
  })).filter((g) => g.items.length > 0);
}

export interface TemplateDraft {
  id: string | null;
  category: string;
  title: string;
  text: string;
}

/** A message for what blocks saving, or null. */
export function draftProblem(d: TemplateDraft): string | null {
  if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(d.category)) return '请选择分类';
  const title = d.title.trim();
  if (!title) return '请填写标题';
  if ([...title].length > 60) return '标题不能超过 60 个字';
  const text = d.text.trim();
  if (!text) return '请填写回复内容';
  if ([...text].length > 1000) return '回复内容不能超过 1000 个字';
  return null;
}

/** Only the lead and the project manager edit the agreed wording (others read it). */
export function canEditTemplates(role: string | undefined): boolean {
  return role === 'cs_lead' || role === 'project_manager';
}
