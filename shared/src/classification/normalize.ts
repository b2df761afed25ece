/**
 * Text normalisation 文本规整 for complaint classification: full-width → half-width, traditional →
 * simplified (a table of the characters residents actually use in complaints), emoji pulled out as
 * mood features, digits and unit numbers folded so "3栋1502" and "12号楼301" look alike to the model.
 * Pure: no I/O, no dependencies.
 */

/**
 * Traditional → simplified pairs, "繁简" per entry. Covers property-management vocabulary
 * (buildings, equipment, fees, neighbours, municipal supply) plus the commonest function characters.
 */
const TRAD_SIMP_PAIRS =
  '電电 樓楼 層层 壞坏 業业 戶户 區区 東东 車车 門门 鎖锁 燈灯 聲声 臺台 為为 這这 個个 們们 沒没 麼么 還还 說说 話话 ' +
  '時时 間间 問问 題题 處处 費费 錢钱 貴贵 氣气 體体 齊齐 邊边 遠远 進进 過过 發发 現现 開开 關关 無无 給给 對对 會会 來来 ' +
  '樣样 點点 幾几 萬万 塊块 條条 號号 單单 報报 維维 據据 狀状 況况 應应 該该 務务 與与 經经 歷历 殺杀 蟲虫 綠绿 飯饭 館馆 ' +
  '鄰邻 鬧闹 裝装 滲渗 牆墙 縫缝 質质 賠赔 償偿 錯错 誤误 險险 盜盗 竊窃 監监 視视 頻频 線线 網网 絡络 寬宽 帶带 訊讯 斷断 ' +
  '熱热 爐炉 燒烧 煙烟 圍围 欄栏 積积 淨净 潔洁 掃扫 衛卫 們们 讓让 請请 謝谢 認认 識识 議议 論论 訴诉 辦办 辭辞 態态 ' +
  '們们 員员 負负 責责 長长 導导 總总 經经 幫帮 護护 養养 犬犬 貓猫 雞鸡 鴿鸽 鳥鸟 狀状 噸吨 飄飘 腳脚 跡迹 亂乱 擺摆 攤摊 ' +
  '鋪铺 雜杂 垃垃 圾圾 圖图 樹树 葉叶 藥药 噴喷 蟑蟑 螂螂 鼠鼠 蚊蚊 臭臭 髒脏 環环 境境 糞粪 廁厕 洩泄 漏漏 濕湿 霉霉 黴霉 ' +
  '頂顶 蓋盖 屬属 於于 從从 後后 當当 種种 麵面 雲云 藝艺 廣广 場场 舞舞 樂乐 響响 噪噪 鐘钟 夠够 歲岁 孫孙 兒儿 媽妈 爺爷 ' +
  '奶奶 師师 傅傅 約约 準准 滿满 號号 碼码 證证 權权 屬属 產产 銷销 售售 樣样 板板 傳传 違违 規规 劃划 設设 計计 營营 ' +
  '築筑 構构 樑梁 鋼钢 筋筋 潤润 滑滑 靈灵 敗败 驚惊 嚇吓 險险 傷伤 倒倒 醫医 藥药 療疗 救救 鬥斗 罵骂 擾扰 騷骚 鬱郁 ' +
  '懶懒 慣惯 愛爱 們们 嗎吗 呢呢 啊啊 嗎吗 麼么 隻只 雙双 兩两 幣币 價价 漲涨 貼贴 稅税 繳缴 費费 額额 賬账 帳账 ' +
  '據据 戶户 約约 續续 簽签 紙纸 張张 筆笔 結结 餘余 輛辆 騎骑 駛驶 轉转 輪轮 軌轨 較较 輕轻 運运 達达 遞递 郵邮 ' +
  '遲迟 遺遗 選选 邏逻 鄉乡 園园 圓圆 團团 國国 圈圈 專专 尋寻 對对 將将 屆届 屍尸 層层 嶄崭 巖岩 幹干 廳厅 廠厂 廢废 ' +
  '彎弯 彈弹 強强 歸归 錄录 徹彻 憂忧 懷怀 態态 戲戏 擋挡 據据 擠挤 擁拥 損损 換换 揮挥 搶抢 擊击 撐撑 擴扩 攔拦 ' +
  '敵敌 斬斩 斷断 暫暂 曬晒 條条 棄弃 楊杨 業业 極极 構构 槍枪 標标 樁桩 機机 檢检 櫃柜 欄栏 權权 殘残 毀毁 氣气 ' +
  '決决 況况 淚泪 淺浅 測测 湯汤 溝沟 滅灭 滬沪 漁渔 漿浆 潛潜 澆浇 濃浓 濟济 濾滤 瀉泻 灑洒 災灾 為为 烏乌 煉炼 ' +
  '煩烦 熗炝 燈灯 爛烂 爭争 牽牵 獎奖 獨独 猶犹 獄狱 獲获 瑪玛 環环 產产 畫画 異异 當当 疊叠 痴痴 療疗 瘋疯 癢痒 ' +
  '發发 盡尽 監监 盤盘 眾众 睜睁 瞭了 礦矿 確确 碼码 磚砖 禮礼 禍祸 離离 種种 稱称 穩稳 窮穷 竄窜 窩窝 競竞 筆笔 ' +
  '築筑 節节 範范 簡简 籃篮 類类 糧粮 糾纠 紅红 紀纪 約约 級级 紛纷 細细 終终 組组 結结 絕绝 統统 絲丝 綁绑 綜综 ' +
  '緊紧 線线 緣缘 編编 緩缓 練练 縣县 縮缩 績绩 繩绳 繼继 續续 缺缺 罰罚 罷罢 羅罗 習习 聯联 聽听 職职 肅肃 脅胁 ' +
  '腦脑 膽胆 臉脸 興兴 舊旧 艙舱 藍蓝 蘇苏 虧亏 號号 蠻蛮 衝冲 補补 製制 複复 襪袜 覆覆 見见 規规 覺觉 觀观 觸触 ' +
  '計计 訂订 記记 許许 設设 診诊 評评 詞词 試试 詳详 誠诚 語语 誰谁 課课 調调 談谈 謊谎 講讲 證证 讀读 變变 讚赞 ' +
  '貝贝 負负 財财 販贩 責责 貨货 貼贴 買买 費费 資资 賣卖 質质 購购 賽赛 趕赶 趙赵 跡迹 踐践 蹤踪 躍跃 軟软 載载 ' +
  '輔辅 輸输 轎轿 辦办 農农 邁迈 遙遥 適适 鄭郑 醜丑 釋释 針针 釘钉 鈔钞 鈴铃 鉛铅 銀银 鋁铝 鋪铺 錶表 鍋锅 鍵键 ' +
  '鎮镇 鏡镜 鐵铁 鑰钥 長长 閃闪 閉闭 閒闲 閣阁 閥阀 閱阅 闆板 陽阳 陰阴 陳陈 陸陆 隊队 階阶 際际 隨随 隱隐 雖虽 ' +
  '雜杂 雞鸡 難难 雷雷 電电 震震 靜静 韋韦 響响 頁页 項项 順顺 須须 預预 頓顿 領领 頭头 頻频 題题 額额 顏颜 願愿 ' +
  '顧顾 顯显 風风 飛飞 餐餐 餓饿 館馆 馬马 駐驻 驗验 騙骗 體体 髮发 鬆松 魚鱼 鳴鸣 麥麦 黃黄 點点 齡龄 龍龙 ' +
  '噁恶 惡恶 氣气 屆届 倉仓 側侧 偵侦 傾倾 僅仅 價价 儲储 優优 億亿 儀仪 們们 兇凶 劇剧 劑剂 勞劳 勢势 勵励 匯汇 ' +
  '協协 參参 叢丛 吳吴 啟启 嗆呛 嘆叹 嘗尝 噸吨 嚴严 囑嘱 堅坚 場场 塗涂 塵尘 墊垫 壓压 壩坝 壯壮 夢梦 夾夹 奪夺 ' +
  '婦妇 孃娘 實实 寧宁 審审 寫写 寬宽 寵宠 寶宝 屢屡 嶺岭 帥帅 師师 帳帐 幣币 庫库 庵庵 廁厕 廂厢 廚厨 廟庙 廣广 ' +
  '張张 彥彦 徑径 復复 恆恒 惱恼 惻恻 愛爱 慘惨 慶庆 憑凭 懸悬 戀恋 戰战 擇择 據据 擺摆 攝摄 敘叙 敗败 數数 齊齐 ' +
  '暈晕 樞枢 樸朴 歡欢 殼壳 氫氢 汙污 決决 涼凉 淪沦 漢汉 潑泼 濺溅 灣湾 燙烫 燭烛 牆墙 狹狭 獸兽 瑣琐 甕瓮 痺痹 ' +
  '瘡疮 癱瘫 盜盗 睏困 矯矫 碩硕 礙碍 祕秘 稅税 穀谷 窯窑 竊窃 筍笋 築筑 簾帘 籠笼 紙纸 紮扎 絆绊 綠绿 緒绪 緯纬 ' +
  '縫缝 繞绕 繡绣 罈坛 罵骂 羨羡 聖圣 肅肃 脫脱 腫肿 膠胶 艱艰 莊庄 蓋盖 蔣蒋 薦荐 藥药 蘭兰 處处 虛虚 蝕蚀 蠟蜡 ' +
  '衛卫 裡里 裏里 褲裤 襯衬 訪访 詐诈 該该 認认 誤误 說说 請请 諒谅 謀谋 謝谢 證证 譽誉 護护 豎竖 豐丰 貓猫 賓宾 ' +
  '賴赖 贊赞 贏赢 趨趋 車车 軍军 軒轩 較较 輝辉 轄辖 轟轰 辭辞 迴回 週周 遊游 運运 過过 達达 違违 遞递 遠远 遷迁 ' +
  '鄰邻 醫医 釀酿 鉤钩 銷销 鋼钢 錄录 錢钱 鍊链 鎖锁 鐘钟 鑑鉴 門门 閘闸 開开 間间 闖闯 關关 陣阵 隔隔 雙双 雲云 ' +
  '霧雾 靈灵 韓韩 頂顶 頸颈 頻频 顆颗 颱台 飼饲 餅饼 餵喂 饒饶 驅驱 驚惊 骯肮 髒脏 鬧闹 鬥斗 魯鲁 鮮鲜 鳳凤 鴨鸭 ' +
  '鵝鹅 鹽盐 麗丽 麼么 黨党 鼴鼹 齒齿 龜龟 贓赃 戶户 擁拥 睪睾 樑梁 甦苏 蒐搜 託托 摺折 捲卷 朧胧 曆历 塊块 垃垃';

const TRAD_TO_SIMP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const pair of TRAD_SIMP_PAIRS.split(/\s+/)) {
    const chars = Array.from(pair);
    if (chars.length === 2 && chars[0] !== chars[1]) m.set(chars[0], chars[1]);
  }
  return m;
})();

/** Simplified → traditional, for the corpus generator's "some residents type traditional" noise. */
export const SIMP_TO_TRAD: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  // Skip traditional forms that only fit some senses of the simplified character (了/瞭, 板/闆 …).
  const ambiguous = new Set(Array.from('瞭闆麵髮鬆穀製幹鬥颱錶隻醜餘週複'));
  for (const [t, s] of TRAD_TO_SIMP) if (!m.has(s) && !ambiguous.has(t)) m.set(s, t);
  return m;
})();

/** Number of traditional characters the table knows (shown by the eval CLI). */
export const TRADITIONAL_TABLE_SIZE = TRAD_TO_SIMP.size;

/** Emoji groups kept as mood features; any other pictograph is stripped. */
const EMOJI_GROUPS: ReadonlyArray<readonly [string, RegExp]> = [
  ['angry', /[😡🤬😠💢👿😤🔥💣]/u],
  ['sad', /[😭😢😞😩😫😣😖🥺😰😱]/u],
  ['speechless', /[🙄😑😒🤦🤷😓😅🤔]/u],
  ['plea', /[🙏🆘❗‼⚠]/u],
  ['positive', /[👍😊😀🙂❤💯👌]/u],
];
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}]/gu;

/** Converts full-width ASCII and the ideographic space to half-width. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Traditional → simplified for the characters in the table; others pass through unchanged. */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += TRAD_TO_SIMP.get(ch) ?? ch;
  return out;
}

/** Emoji mood groups present in the text (e.g. ['angry']). */
export function emojiGroups(text: string): string[] {
  const found: string[] = [];
  for (const [name, re] of EMOJI_GROUPS) if (re.test(text)) found.push(name);
  return found;
}

/**
 * Readable normal form used by rules and flags: half-width, simplified, lower-case, emoji removed,
 * runs of whitespace collapsed. Digits are kept (amounts and unit numbers matter to flags).
 */
export function normalizeText(text: string): string {
  return toSimplified(toHalfWidth(text))
    .toLowerCase()
    .replace(PICTOGRAPH, ' ')
    .replace(/[\u3002\uff61]/g, '.')
    .replace(/[\u3001]/g, ',')
    .replace(/[“”‘’「」『』【】《》〈〉]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Chinese numerals that appear in floor / building numbers (三栋, 十二楼). */
const CN_DIGITS = '零〇一二两三四五六七八九十百';

/**
 * Model form: the normal form with every number folded to "0" (Arabic or Chinese numerals before a
 * measure word such as 栋/楼/层/单元/号/室/天/个月), letters kept, punctuation folded to "|".
 * "3栋2单元1502" and "十二号楼" both become "0栋0单元0"/"0号楼", so the model never learns addresses.
 */
export function modelText(normalized: string): string {
  return normalized
    .replace(/\d+(?:\.\d+)?/g, '0')
    .replace(new RegExp(`[${CN_DIGITS}]+(?=[栋幢座号楼层单元室户期天周月年次遍块元万千])`, 'g'), '0')
    .replace(/[a-z]?0[a-z]?(?:[-#]0)+/g, '0')
    .replace(/[!?,.;:"'()\[\]{}<>~\-—_=+*&^%$@\/\\|…·、，。！？；：（）]+/g, '|')
    .replace(/\s+/g, '|')
    .replace(/\|+/g, '|');
}
