import type { CategoryName } from './categories';

/**
 * High-precision cause rules 归因规则. Each names the FINAL cause of a complaint (docs/domain-rules.md "The eight
 * complaint categories": classify by the final cause, not the surface description) and wins over
 * the statistical model when it fires. Rules are data: an id, the category, a Chinese explanation,
 * patterns that must all match (`all`), patterns that veto it (`none`), and a tier — tier 1 rules
 * name a cause that overrides a surface (neighbour, developer, municipal supplier, fees); tier 2
 * rules name a surface that is itself the cause (elevator fault, theft …). Matched on the
 * normalised text.
 */
export interface CauseRule {
  id: string;
  category: CategoryName;
  /** Why this is the final cause, in Chinese (shown to staff as the reason). */
  explanation: string;
  all: RegExp[];
  none?: RegExp[];
  tier: 1 | 2;
}

const UPSTAIRS =
  '(楼上|上一层|上层|上面那[户家]|上面的?邻居|上面住户|我家上面|\\d+楼那[户家]|[一二三四五六七八九十]+楼那[户家])';
const NEIGHBOUR = '(楼上|上一层|上层|上面那[户家]|邻居|隔壁|对门|对面那[户家]|楼下那[户家]|同层)';
const LEAK = '(漏水|渗水|滴水|漏到|渗到|渗漏|漏了|渗|水印|发霉|泡了|泡坏|往下滴)';
const MUNICIPAL_SUPPLIER =
  '(自来水公司|自来水厂|水务|供水公司|市政|供电局|供电公司|供电所|国家电网|电网|电力公司|电力局|燃气公司|天然气公司|煤气公司|热力公司|供热公司|热力集团|电信|联通|移动公司|广电|有线台|运营商)';
const FEE_TERM =
  '(物业费|管理费|物管费|物业服务费|电梯费|电梯运行费|电梯使用费|停车费|车位费|车位管理费|停车管理费|月卡费|临停|公摊电费|公摊水费|公摊|分摊|装修押金|押金|保证金|滞纳金|清运费|工本费|出入证|收费|缴费|交费)';
const FEE_ISSUE =
  '(涨价|涨了|上涨|上调|太贵|太高|这么贵|这么高|乱收|多收|多扣|重复|退还|不退|退钱|退费|要退|标准|明细|不透明|公示|不合理|凭什么|为什么.{0,4}收|依据|发票|收据|扣款|算错|单独收|还要交|也要交|还要收|也要收|收\\d|收[一二三四五六七八九十两百千]+|[一二三四五六七八九十两百千\\d]+块)';

export const CAUSE_RULES: readonly CauseRule[] = [
  // ── tier 1: the cause overrides the surface ──
  {
    id: 'neighbour-renovation-leak',
    category: '业户纠纷类',
    explanation: '邻居装修（破坏防水层等）造成本户渗漏，属毗连部位业户纠纷',
    all: [new RegExp(`${NEIGHBOUR}.{0,14}(装修|改水电|砸|拆了|改了|重新做|重做|铺|防水)`), new RegExp(LEAK)],
    none: [/(开发商|交房|收房|新房|保修期|公共管道|立管|落水管|雨水管|主管|外墙)/],
    tier: 1,
  },
  {
    id: 'neighbour-household-leak',
    category: '业户纠纷类',
    explanation: '楼上住户户内用水设施（卫生间、洗衣机、空调冷凝水等）渗漏影响楼下，属毗连部位业户纠纷',
    all: [
      new RegExp(
        `${UPSTAIRS}.{0,10}(卫生间|洗手间|厕所|洗衣机|热水器|鱼缸|浴缸|淋浴|地漏|空调|冷凝水|阳台|浇花|花盆|晒)`,
      ),
      new RegExp(`${LEAK}|滴到|落到|滴答|滴水|滴在|打在`),
    ],
    none: [
      /(公共|立管|主管|落水管|雨水管|排水管.{0,4}裂|开发商|交房|收房|新房|保修期|不是邻居|不是他家的问题)/,
    ],
    tier: 1,
  },
  {
    id: 'neighbour-renovation-damage',
    category: '业户纠纷类',
    explanation: '邻居装修损坏本户墙体、吊顶等毗连部位，属业户纠纷',
    all: [new RegExp(`${NEIGHBOUR}.{0,6}装修.{0,12}(震裂|打穿|钻穿|裂了|掉了|损坏|弄坏)`)],
    tier: 1,
  },
  {
    id: 'municipal-supply-outage',
    category: '其它类',
    explanation: '停水、停电、停气或信号中断由市政/公用事业单位造成，物业不负直接管理责任',
    all: [
      new RegExp(MUNICIPAL_SUPPLIER),
      /(停水|没水|来水|停电|没电|来电|停气|气压|断网|掉线|网速|信号|检修|抢修|改造|管网|线路|故障|水质|黄水|电压|供暖|暖气|温度)/,
    ],
    none: [
      /(小区的?(配电|水泵|泵房|水箱)|配电房|二次供水|水箱|泵房|加压泵|隔壁小区.{0,6}(正常|都有)|开发商|地产|移交|交房|收房|临时水电)/,
    ],
    tier: 1,
  },
  {
    id: 'municipal-area-outage',
    category: '其它类',
    explanation: '整个片区停水停电，属市政供应问题',
    all: [
      /(整个片区|附近几个小区|周边好几个小区|这一片|片区|整条街|附近小区都)/,
      /(停水|停电|停气|没水|没电|断网)/,
    ],
    tier: 1,
  },
  {
    id: 'public-transport-government',
    category: '其它类',
    explanation: '公共交通、政府机关或小区外市政设施问题，由相关单位负责',
    all: [
      /(公交|地铁站|地铁口|红绿灯|斑马线|交警|城管|街道办|居委会|派出所|教育局|环保局|路灯所|市政道路|市政路灯|市政工程|修地铁|地铁施工|高架|铁路|机场|学区划分|对口学校)/,
    ],
    none: [/(开发商|售楼|销售|物业费|保安|门岗)/],
    tier: 1,
  },
  {
    id: 'utility-billing',
    category: '其它类',
    explanation: '水费、电费、燃气费由供水、供电、燃气单位计量收取，不是物业收费',
    all: [
      /(电费|电价|水费|水价|燃气费|气费|气价|水表|电表|燃气表)/,
      /(供电局|供电公司|国家电网|电网|电力|自来水公司|水务|供水公司|燃气公司|天然气公司|营业厅)/,
    ],
    none: [/(公摊|分摊|物业费|管理费)/],
    tier: 1,
  },
  {
    id: 'outside-compound-facility',
    category: '其它类',
    explanation: '小区外的市政道路、路灯、排水设施，由市政单位负责',
    all: [
      /(小区外面?|小区门口外|出小区|门口马路|门口的马路|外面的?马路|外面的?路|马路上|市政)(.{0,12})(路灯|马路|道路|市政路|人行道|井盖|排水|下水道|污水井|雨水井|积水|淹)/,
    ],
    none: [/(小区里|小区内|开发商)/],
    tier: 1,
  },
  {
    id: 'compound-power-equipment',
    category: '设备管理类',
    explanation: '小区自有配电设备（配电房、配电柜、电表箱）故障导致停电，属设备管理类',
    all: [
      /(配电房|配电柜|配电箱|电表箱|电房|总闸|小区的?电缆|楼的?电缆)/,
      /(跳闸|烧|故障|冒火花|停电|没电|坏)/,
    ],
    none: [/(供电局|供电公司|国家电网|电力公司|片区)/],
    tier: 1,
  },
  {
    id: 'developer-delivery-quality',
    category: '开发商相关类',
    explanation: '交付不久或保修期内出现的房屋质量问题，由开发商负责',
    all: [
      /(刚交房|交房|收房|交付|收楼|入住才|搬进来才|新房|新楼|保修期|质保期|精装)/,
      /(裂|渗|漏|空鼓|不平|不垂直|质量|霉|甲醛|关不严|翘|堵|反水|接错|隔音)/,
    ],
    none: [/(楼上|邻居|隔壁).{0,8}装修/, /(物业费|管理费|这么多年|好几年|多年|十几年)/],
    tier: 1,
  },
  {
    id: 'developer-sales-planning',
    category: '开发商相关类',
    explanation: '销售承诺、规划变更、配套未建、办证或面积问题，属开发商责任',
    all: [
      /(开发商|地产公司|售楼|销售|置业顾问|虚假宣传|宣传册|样板房|房产证|不动产证|产权证.{0,4}(办|迟迟)|网签|规划|容积率|实测面积|公摊面积|延期交房|逾期交付|交房时|[二三四]期(工地|施工|工程|新楼|楼盘))/,
    ],
    none: [/(物业费|管理费|停车费|电梯费|公摊电费|公摊水费|保安|门岗|政府|街道|教育局)/],
    tier: 1,
  },
  {
    id: 'fees',
    category: '综合服务类',
    explanation: '对物业收费（物业费、电梯费、停车费、公摊、押金等）的异议，属综合服务类',
    all: [new RegExp(`${FEE_TERM}.{0,16}${FEE_ISSUE}|${FEE_ISSUE}.{0,10}${FEE_TERM}`)],
    none: [
      /(交了物业费就|交着物业费|物业费一分不少|谁还交物业费|拒交物业费|物业费里|物业费照|白交|服务费也在|费用也在|供暖费一分没少|在物业费)/,
      /(供电局|电网|电力公司|自来水公司|水务|燃气公司|热力|供热|广电|有线电视|开发商|丰巢|快递柜|公摊面积|公摊比例|套内)/,
    ],
    tier: 1,
  },
  {
    id: 'shared-pipe',
    category: '设备管理类',
    explanation: '公共上下水管道、落水管、排水立管渗漏或堵塞，属共用设备',
    all: [
      /(落水管|雨水管|排水立管|立管|主管道|公共管道|下水主管|排水主管|主下水管|公共.{0,2}(排水|下水)管|排污管|管井|共用.{0,2}管)/,
      /(漏|渗|堵|反水|返水|冒|爆|裂|滴|开了)/,
    ],
    none: [/(开发商|交房|收房|新房|保修期|市政|自来水公司)/],
    tier: 1,
  },
  // ── tier 2: the surface is itself the cause ──
  {
    id: 'renovation-management',
    category: '房屋管理类',
    explanation: '装修时间、装修垃圾、违规改动结构或未办手续，属装修管理（房屋管理类）',
    all: [
      /装修/,
      /(中午|午休|晚上|夜里|周末|早上|一大早|星期天|礼拜|节假日|时间|垃圾|渣土|承重墙|剪力墙|主体结构|手续|许可|审批|巡查|监管)/,
    ],
    none: [new RegExp(LEAK), /(震裂|打穿|钻穿|开发商|二期|押金|保证金|验收|精装|清运费|收费)/],
    tier: 2,
  },
  {
    id: 'illegal-construction',
    category: '房屋管理类',
    explanation: '违章搭建、私自改变外立面，属房屋管理类',
    all: [
      /(违建|违章搭建|私搭乱建|私搭|加盖|阳光房|彩钢房|铁皮屋|封露台|防盗网.{0,8}(伸出|凸出)|改变外立面|破坏外立面)/,
    ],
    tier: 2,
  },
  {
    id: 'elevator-fault',
    category: '设备管理类',
    explanation: '电梯故障、困人、异响或维保问题，属设备管理类（含外包维保）',
    all: [
      /(电梯|升降梯|直梯|客梯|货梯)/,
      /(坏|故障|停运|停了|卡住|异响|抖|晃|困|关人|关在|不动|维保|急停|下坠|往下掉|平层|夹人|按钮|年检|检验)/,
    ],
    none: [
      /(加装电梯|没坏|电梯费|电梯使用费|电梯运行费|费|品牌|宣传|脏|尿|臭|吐|广告|烟味|电动车|电瓶车|狗|吊顶|天花|候梯厅|电梯厅|电梯口|电梯间|机房)/,
    ],
    tier: 2,
  },
  {
    id: 'theft',
    category: '安全管理类',
    explanation: '小区内盗窃、撬门、财物被盗，属安全管理类',
    all: [/(被偷|被盗|偷走|偷了|失窃|小偷|撬门|撬锁|入室盗窃|顺走)/],
    none: [/(物业代收|代收的快递|寄存|丰巢|快递柜)/],
    tier: 2,
  },
  {
    id: 'fire-lane',
    category: '安全管理类',
    explanation: '消防通道被占用，属秩序与安全管理',
    all: [/(消防通道|消防车道|登高面|生命通道)/, /(堵|占|停满|停车|停着|杂物)/],
    none: [/(装修|建筑垃圾|规划|设计|开发商|地产)/],
    tier: 2,
  },
  {
    id: 'corridor-ebike-charging',
    category: '安全管理类',
    explanation: '楼道或入户给电动车充电、飞线充电，属安全隐患',
    all: [
      /(电动车|电瓶车|电动自行车|电驴|电瓶)/,
      /(楼道|走廊|电梯|飞线|拉电线|吊电线|推上楼|上楼)/,
      /充电|充/,
    ],
    none: [/(车棚|充电桩|充电口|充电柜|充电站)/],
    tier: 2,
  },
  {
    id: 'high-altitude-throwing',
    category: '安全管理类',
    explanation: '高空抛物属安全隐患，由秩序部处理',
    all: [/(高空抛物|往下扔|往下丢|往下抛|从楼上扔|楼上扔|扔下来)/],
    tier: 2,
  },
  {
    id: 'pest-control',
    category: '环境管理类',
    explanation: '打药消杀、蚊虫鼠害，属环境管理类',
    all: [/(消杀|打药|喷药|打农药|灭鼠|灭蟑|灭蚊|老鼠|蟑螂|蚊子|苍蝇|毛毛虫)/],
    none: [/(喂(?=[^,.!?\s~])|投喂|猫粮|剩饭|邻居|隔壁|垃圾道)/],
    tier: 2,
  },
  {
    id: 'shop-environment',
    category: '环境管理类',
    explanation: '商铺油烟、占道经营、乱摆卖，属环境管理类（商铺环境）',
    all: [
      /(底商|商铺|饭店|餐馆|烧烤店|火锅店|小吃店|烧烤摊|夜宵摊|摆摊|占道经营|乱摆卖|流动摊贩|小贩|ktv|酒吧|棋牌室|麻将馆)/,
    ],
    none: [/(马路对面|小区外面|城管|夜市|规划|地产|开发商|中央空调|会所)/],
    tier: 2,
  },
  {
    id: 'dog-keeping',
    category: '业户纠纷类',
    explanation: '养犬扰民（狗叫、不牵绳、粪便），属业户纠纷类',
    all: [/(狗|犬)/, /(叫|吠|嚎|咬|牵绳|拴绳|栓绳|拉屎|狗屎|粪|撒尿|尿|扑|散养|遛)/],
    none: [/(流浪狗|野狗|流浪|没人打扫|保洁)/],
    tier: 2,
  },
  {
    id: 'lifestyle-noise',
    category: '业户纠纷类',
    explanation: '邻居生活噪音（跑跳、乐器、麻将）或广场舞、晨练噪音，属业户纠纷类',
    all: [/(广场舞|晨练|甩鞭子|跑跳|跺脚|拍球|拖椅子|高跟鞋|弹钢琴|弹琴|打麻将|唱k|开派对|架子鼓)/],
    none: [/(装修|底商|商铺|健身房|舞蹈室|培训机构|开发商|隔音|灯)/],
    tier: 2,
  },
  {
    id: 'common-structure-damage',
    category: '房屋管理类',
    explanation: '公共部位（外墙、屋面、楼道、门厅、道路等）破损失修，属房屋管理类',
    all: [
      /(外墙|外立面|墙皮|墙砖|屋面|天台|楼顶|雨棚|雨篷|门头|扶手|栏杆|护栏|台阶|坡道|路面|道路|人行道|步道|透水砖|(楼道|走廊|楼梯间|大堂|门厅|电梯厅|候梯厅|架空层|连廊|公共)(的)?(窗户?|玻璃|吊顶|天花板?|墙面?|地砖|地面|顶))/,
      /(掉|脱落|塌|裂|松动|松了|破|碎|锈|翘|坑|下沉|起皮|剥落|摇摇欲坠|关不上|晃)/,
    ],
    none: [
      /(开发商|交房|收房|交付|新房|保修期|精装|装修|楼上|邻居|隔壁|小区外|外面的?马路|出小区|市政|电梯(坏|停|故障)|(没装|没有|没)护栏|雨水管|落水管|排水管)/,
    ],
    tier: 2,
  },
  {
    id: 'security-devices',
    category: '安全管理类',
    explanation: '监控、门禁、道闸失效或形同虚设，属秩序与安全管理',
    all: [
      /(监控|摄像头|探头|门禁|道闸|闸机|人脸识别|车牌识别)/,
      /(坏|黑屏|摆设|没开|看不清|失灵|刷不开|打不开|一直开着|抬着|不识别|识别不了|形同虚设|随便进)/,
    ],
    none: [/(收费|工本费|押金|办卡.{0,4}(钱|费)|[0-9一二三四五六七八九十百]+块|开发商|对着我家|对着我家门)/],
    tier: 2,
  },
  {
    id: 'fire-play',
    category: '安全管理类',
    explanation: '小区内燃放烟花爆竹、玩火、焚烧，属安全隐患',
    all: [/(玩火|点火|放火|烧纸|焚烧|鞭炮|烟花|放炮|二踢脚|易燃物)/],
    none: [/(焚烧厂|焚烧发电|工厂)/, /(邻居|隔壁|楼上).{0,6}(阳台|露台|院子)/],
    tier: 2,
  },
  {
    id: 'shared-lighting',
    category: '设备管理类',
    explanation: '楼道灯、路灯等共用照明损坏，属设备管理类',
    all: [
      /(路灯|楼道灯|声控灯|感应灯|走廊的?灯|楼道的?灯|庭院灯|草坪灯|照明|应急灯|楼梯间的?灯|车库的?灯|地库的?灯)/,
      /(不亮|坏|闪|灭|黑|长亮|不灭)/,
    ],
    none: [/(小区外面?|外面马路|门口马路|出小区|马路上|市政|开发商)/],
    tier: 2,
  },
  {
    id: 'equipment-noise',
    category: '设备管理类',
    explanation: '水泵房、配电房、机房、风机等共用设备噪音，属设备管理类',
    all: [
      /(水泵房|泵房|水泵|配电房|电房|变压器|箱变|电梯机房|机房|风机|排风机|冷却塔|稳压泵)/,
      /(噪音|响|嗡嗡|轰轰|吵|震)/,
    ],
    none: [/(邻居|隔壁|对门|楼上|对面那户|那户).{0,6}(家|的|新风|空调|热泵)/],
    tier: 2,
  },
  {
    id: 'cleaning-garbage',
    category: '环境管理类',
    explanation: '保洁不到位、垃圾清运不及时，属环境管理类',
    all: [
      /(垃圾(?!物业)|卫生(?!间)|保洁|打扫|清扫|拖地|积灰|小广告|牛皮癣)/,
      /(没人(?!回|理|接|管)|不扫|不清|不来|满了|溢|臭|堆|脏(?!水)|多久|好久|敷衍|没清|不擦|贴满)/,
    ],
    none: [
      /(装修垃圾|建筑垃圾|装修的垃圾|渣土|垃圾费|清运费|垃圾道|家政|钟点工|开荒|扔垃圾|抛|往下|狗|宠物|喂|邻居.{0,6}(堆|放)|楼道.{0,4}堆|规定|政策|定时定点)/,
    ],
    tier: 2,
  },
  {
    id: 'water-feature-greening',
    category: '环境管理类',
    explanation: '景观水池发臭、绿化失管、割草作业扰民，属环境管理类',
    all: [
      /((水池|喷泉|景观池|人工湖|水景|鱼池|池子|小河)(里|的水|水)?.{0,6}(臭|绿|死鱼|垃圾|藻|脏|浮萍|蚊子)|(草坪|绿化带|杂草|野草|割草|除草|修剪机|吹叶机|树枝|绿化|园林).{0,12}(枯|秃|没人|长疯|比人高|半人高|吵|响|轰|挡|修剪|补种|死了|踩|压坏))/,
    ],
    none: [/(喂|投喂|猫粮|狗|开发商|规划|变成停车|护栏|掉进)/],
    tier: 2,
  },
  {
    id: 'feeding-animals',
    category: '业户纠纷类',
    explanation: '个别住户投喂流浪猫、鸽子等影响他人，属业户不文明行为',
    all: [/(喂(?=[^,.!?\s~])|投喂|撒.{0,4}粮|猫粮|放.{0,2}剩饭|倒剩饭)/, /(猫|狗|鸽|鸟|麻雀|老鼠|蟑螂|苍蝇)/],
    tier: 2,
  },
  {
    id: 'in-home-repair-service',
    category: '综合服务类',
    explanation: '户内（入户、有偿）维修服务的时效、质量、收费问题，属综合服务类',
    all: [
      /(户内|入户|上门|有偿|家里.{0,8}(报修|维修))/,
      /(维修|修|师傅)/,
      /(没来|不来|迟到|等了|约了|约好|放鸽子|不管|收|贵|又坏|又漏|没修好|修坏|弄坏|技术|预约)/,
    ],
    none: [/(公共|楼道|电梯|管井|立管|开发商|保修期|交房)/],
    tier: 2,
  },
];

/** All rules that fire on a normalised text, tier 1 first, in table order. */
export function matchRules(normalized: string): CauseRule[] {
  const hits = CAUSE_RULES.filter(
    (r) => r.all.every((p) => p.test(normalized)) && !(r.none ?? []).some((p) => p.test(normalized)),
  );
  return hits.sort((a, b) => a.tier - b.tier);
}
