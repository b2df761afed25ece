import { matchRules } from './rules';
import { normalizeText } from './normalize';

const ruleIds = (text: string) => matchRules(normalizeText(text)).map((r) => r.id);
const lead = (text: string) => matchRules(normalizeText(text))[0];

describe('cause rules (classify by the final cause, docs/domain-rules.md "The eight complaint categories")', () => {
  const fires: [string, string, string][] = [
    ['neighbour-renovation-leak', '业户纠纷类', '楼上装修把防水层砸坏了，我家卫生间天花板一直渗水'],
    ['neighbour-renovation-leak', '业户纠纷类', '自从楼上那家改水电以后我家吊顶就开始漏水'],
    ['neighbour-household-leak', '业户纠纷类', '楼上卫生间漏水渗到我家，他们不肯修'],
    ['neighbour-household-leak', '业户纠纷类', '楼上空调的冷凝水一直滴在我家窗台上'],
    ['neighbour-renovation-damage', '业户纠纷类', '隔壁装修打墙把我家墙震裂了'],
    ['municipal-supply-outage', '其它类', '又停水了，自来水公司通知说管网改造'],
    ['municipal-supply-outage', '其它类', '供电局检修线路，今天停电一整天'],
    ['municipal-area-outage', '其它类', '整个片区都停电了'],
    ['utility-billing', '其它类', '这个月电费翻倍，国家电网的智能电表计费有问题'],
    ['outside-compound-facility', '其它类', '小区外面马路上的路灯坏了好几天'],
    ['public-transport-government', '其它类', '小区门口的公交站撤了，老人出行不方便'],
    ['developer-delivery-quality', '开发商相关类', '交房三个月墙就裂了'],
    ['developer-delivery-quality', '开发商相关类', '新房的窗户一下雨就渗水'],
    ['developer-sales-planning', '开发商相关类', '房产证交房两年了还没办下来'],
    ['developer-sales-planning', '开发商相关类', '售楼时承诺的幼儿园到现在都没建'],
    ['fees', '综合服务类', '我住一楼从来不坐电梯，凭什么也要交电梯费'],
    ['fees', '综合服务类', '物业费又涨价了'],
    ['fees', '综合服务类', '装修押金交了三个月还不退'],
    ['shared-pipe', '设备管理类', '外墙的落水管裂了，雨水渗进我家卧室'],
    ['shared-pipe', '设备管理类', '楼道管井里的排水立管一直漏水'],
    ['compound-power-equipment', '设备管理类', '停电了，原来是小区配电房跳闸'],
    ['renovation-management', '房屋管理类', '楼上装修中午一点就开始电钻，吵死了'],
    ['illegal-construction', '房屋管理类', '一楼住户在花园里搭了个阳光房'],
    ['common-structure-damage', '房屋管理类', '17栋外墙瓷砖掉下来了'],
    ['elevator-fault', '设备管理类', '3栋电梯又坏了！'],
    ['elevator-fault', '设备管理类', '升降梯运行时有异响，抖得厉害'],
    ['theft', '安全管理类', '我的电动车停在楼下被偷了'],
    ['security-devices', '安全管理类', '单元门的门禁坏了，谁都能进'],
    ['fire-lane', '安全管理类', '消防通道天天被车堵着'],
    ['corridor-ebike-charging', '安全管理类', '有人把电动车推进楼道充电'],
    ['high-altitude-throwing', '安全管理类', '又有人从楼上往下扔酒瓶'],
    ['fire-play', '安全管理类', '有小孩在垃圾桶里点火'],
    ['pest-control', '环境管理类', '物业打药也不提前通知'],
    ['shop-environment', '环境管理类', '楼下饭店的油烟全排到我家'],
    ['cleaning-garbage', '环境管理类', '垃圾桶满了好几天没人清'],
    ['water-feature-greening', '环境管理类', '景观水池发臭长满绿藻'],
    ['shared-lighting', '设备管理类', '楼道灯坏了一个月，天天摸黑'],
    ['equipment-noise', '设备管理类', '楼下水泵房嗡嗡响一整夜'],
    ['dog-keeping', '业户纠纷类', '隔壁家的狗天天半夜叫'],
    ['lifestyle-noise', '业户纠纷类', '楼下广场舞音响太大声'],
    ['feeding-animals', '业户纠纷类', '有个阿姨天天在楼下喂流浪猫'],
    ['in-home-repair-service', '综合服务类', '约好上门修马桶，师傅一直没来'],
  ];
  it.each(fires)('%s fires on its case and names %s: %s', (id, category, text) => {
    expect(ruleIds(text)).toContain(id);
    expect(lead(text).category).toBe(category);
  });

  const decoys: [string, string][] = [
    ['neighbour-renovation-leak', '刚交房的新房，楼上装修后我家天花板渗水，开发商说保修期内会修'],
    ['neighbour-household-leak', '天花板漏水，查了是楼上的公共排水立管裂了，不是邻居家的问题'],
    ['municipal-supply-outage', '停水了，是小区的二次供水水泵坏了'],
    ['municipal-supply-outage', '开发商一直没移交市政燃气，天天停水停电'],
    ['fees', '交了物业费就这服务？电梯天天坏'],
    ['fees', '供暖费是交给热力公司的，他们收费不合理'],
    ['elevator-fault', '电梯里有狗尿，臭死了没人打扫'],
    ['elevator-fault', '电梯厅的吊顶塌了一块'],
    ['elevator-fault', '一楼也要交电梯费，凭什么'],
    ['renovation-management', '装修押金验收完了还不退'],
    ['shared-lighting', '小区外面马路的路灯坏了'],
    ['lifestyle-noise', '声控灯跺脚都不亮'],
    ['cleaning-garbage', '什么垃圾物业，卫生间下水道反水了'],
    ['developer-sales-planning', '我的车位有产权证的，天天被人占'],
    ['feeding-animals', '喂，物业吗，楼道里老鼠太多了'],
    ['fire-play', '附近的垃圾焚烧厂晚上排黑烟'],
    ['dog-keeping', '小区里流浪狗越来越多'],
  ];
  it.each(decoys)('%s stays silent on the decoy: %s', (id, text) => {
    expect(ruleIds(text)).not.toContain(id);
  });

  it('puts cause rules (tier 1) before surface rules (tier 2)', () => {
    const hits = matchRules(normalizeText('交房两个月，外墙瓷砖就裂了，电梯也坏了'));
    expect(hits[0].tier).toBe(1);
    expect(hits[0].category).toBe('开发商相关类');
  });
});
