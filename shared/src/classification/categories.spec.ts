import { STANDARD_DEPARTMENTS } from '../roles';
import {
  CATEGORY_NAMES,
  COMPLAINT_CATEGORIES,
  DEFAULT_CATEGORY_ROUTING,
  departmentFor,
  departmentName,
} from './categories';

describe('the eight complaint categories and their default departments', () => {
  it('has the eight categories of the handbook', () => {
    expect(CATEGORY_NAMES).toEqual([
      '房屋管理类',
      '设备管理类',
      '安全管理类',
      '环境管理类',
      '综合服务类',
      '业户纠纷类',
      '开发商相关类',
      '其它类',
    ]);
    for (const c of COMPLAINT_CATEGORIES) expect(c.description.length).toBeGreaterThan(10);
  });

  it('routes building and equipment to 工程部, security to 秩序部, environment to 环境部, the rest to 客服部', () => {
    expect(DEFAULT_CATEGORY_ROUTING).toEqual({
      房屋管理类: 'eng',
      设备管理类: 'eng',
      安全管理类: 'sec',
      环境管理类: 'env',
      综合服务类: 'cs',
      业户纠纷类: 'cs',
      开发商相关类: 'cs',
      其它类: 'cs',
    });
    expect(departmentName('eng')).toBe('工程部');
    const codes = STANDARD_DEPARTMENTS.map((d) => d.code as string);
    for (const code of Object.values(DEFAULT_CATEGORY_ROUTING)) expect(codes).toContain(code);
  });

  it('lets a project override the routing of a category', () => {
    expect(departmentFor('其它类', { 其它类: 'qa' })).toBe('qa');
    expect(departmentFor('设备管理类', { 其它类: 'qa' })).toBe('eng');
  });
});
