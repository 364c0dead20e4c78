#!/usr/bin/env node
/**
 * Generates renderer/src/keyboard/pinyin-lexicon.ts, the on-screen keyboard's
 * pinyin lexicon, from Rime's `pinyin_simp.dict.yaml` (Debian package
 * `rime-data-pinyin-simp`, Apache-2.0, derived from the Android Pinyin IME):
 *
 *   apt-get install rime-data-pinyin-simp
 *   node scripts/gen-pinyin-lexicon.mjs [--dict PATH] [--check]
 *
 * Output is deterministic (stable sorts, no timestamps); `--check` exits 1 when
 * the committed file differs from what would be generated.
 *
 * Kept small for the kiosk bundle: GB 2312 characters only (what a name or a
 * company registration uses), the most frequent ones, and the most frequent
 * phrases made of them, plus curated surnames, given-name characters and
 * company-name words (the keyboard's real use).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(repo, 'renderer/src/keyboard/pinyin-lexicon.ts');
const args = process.argv.slice(2);
const dictPath = args.includes('--dict') ? args[args.indexOf('--dict') + 1] : '/usr/share/rime-data/pinyin_simp.dict.yaml';

const MAX_CHARS = 4500;
const MAX_PHRASES = 9000;
/** Curated words get at least this weight so they are not buried. */
const CURATED_FLOOR = 3000;
/** Interjection syllables without a vowel would make segmentation ambiguous (`n`, `m`, `ng`). */
const SKIP_SYLLABLES = new Set(['m', 'n', 'ng', 'hm', 'hng']);

/** The ~150 most common surnames, most common first (order breaks ties within a syllable). */
const SURNAMES =
  '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao 林lin 罗luo ' +
  '郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai ' +
  '余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin ' +
  '石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan 段duan 雷lei 侯hou ' +
  '龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang ' +
  '常chang 温wen 康kang 施shi 文wen 牛niu 樊fan 葛ge 邢xing 安an 齐qi 易yi 乔qiao 伍wu 庞pang 颜yan 倪ni 庄zhuang 聂nie 章zhang ' +
  '鲁lu 岳yue 翟zhai 殷yin 詹zhan 申shen 欧ou 耿geng 关guan 兰lan 焦jiao 俞yu 左zuo 柳liu 甘gan 祝zhu 包bao 宁ning 尚shang 符fu ' +
  '舒shu 阮ruan 柯ke 纪ji 梅mei 童tong 凌ling 毕bi 单shan 季ji 裴pei 霍huo 涂tu 成cheng 苗miao 谷gu 盛sheng 曲qu 翁weng 冉ran ' +
  '骆luo 蓝lan 路lu 游you 辛xin 靳jin 管guan 柴chai 蒙meng 鲍bao 华hua 喻yu 祁qi 蒲pu 房fang 滕teng 屈qu 饶rao 解xie 艾ai ' +
  '尤you 阳yang 穆mu 司si 卓zhuo 古gu 吉ji 简jian 车che 项xiang 连lian 麦mai 娄lou 窦dou 戚qi 岑cen 景jing 党dang 宫gong 费fei ' +
  '卜bu 冷leng 晏yan 席xi 卫wei 米mi 柏bai 宗zong 桂gui 全quan 应ying 闵min 边bian 卞bian 师shi 荣rong 郎lang 甄zhen 池chi 查zha';

/** Characters common in given names, most typical first within a syllable. */
const GIVEN_NAME_CHARS =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅琳燕鹏辉玲建国文云海飞宇浩婷雪慧晓欣佳嘉子涵轩梓睿博思雨萱怡欢鑫' +
  '淑凤彬斌晨俊峰亮新春成志东林坤凯健宁琴丹倩颖莉萍蕾薇晶月楠琪瑶璐悦诗婧妍然宏波永庆荣兵利生福贵祥德龙发金山民才光学忠义' +
  '礼智信安康乐喜宝珍珠美爱青清素翠菊香彩秋冬夏阳晖辰昊天泽瑞航远一小大家世正振先树立仁达顺全益长万方友少毅锋鸿江河川岩松' +
  '柏竹萌梦语若依可心馨雅婉娇媛三四五亚胜豪杨帆硕铭哲晗熙蕊琦琼霖鹤';

/** Company-name and business words: `word pinyin…` (checked against the dictionary's readings). */
const CURATED_PHRASES = `
有限公司 you xian gong si|有限责任公司 you xian ze ren gong si|股份有限公司 gu fen you xian gong si|分公司 fen gong si
科技 ke ji|贸易 mao yi|商贸 shang mao|商店 shang dian|商行 shang hang|餐饮 can yin|建筑 jian zhu|服务 fu wu|服务部 fu wu bu
中心 zhong xin|工作室 gong zuo shi|经营部 jing ying bu|门市部 men shi bu|个体工商户 ge ti gong shang hu|实业 shi ye|发展 fa zhan
集团 ji tuan|咨询 zi xun|管理 guan li|文化 wen hua|传媒 chuan mei|网络 wang luo|信息 xin xi|技术 ji shu|电子 dian zi|工程 gong cheng
装饰 zhuang shi|装修 zhuang xiu|物流 wu liu|运输 yun shu|农业 nong ye|合作社 he zuo she|专业合作社 zhuan ye he zuo she|超市 chao shi
便利店 bian li dian|药房 yao fang|大药房 da yao fang|诊所 zhen suo|汽车 qi che|维修 wei xiu|酒店 jiu dian|宾馆 bin guan|餐厅 can ting
饭店 fan dian|食品 shi pin|服装 fu zhuang|家具 jia ju|五金 wu jin|建材 jian cai|广告 guang gao|设计 she ji|印刷 yin shua|教育 jiao yu
培训 pei xun|房地产 fang di chan|置业 zhi ye|物业 wu ye|劳务 lao wu|人力资源 ren li zi yuan|投资 tou zi|环保 huan bao|能源 neng yuan
新能源 xin neng yuan|机械 ji xie|设备 she bei|材料 cai liao|化工 hua gong|医药 yi yao|生物 sheng wu|软件 ruan jian|电器 dian qi
纺织 fang zhi|包装 bao zhuang|加工 jia gong|加工厂 jia gong chang|制造 zhi zao|销售 xiao shou|批发 pi fa|零售 ling shou
进出口 jin chu kou|国际 guo ji|供应链 gong ying lian|示例 shi li|分店 fen dian|营业部 ying ye bu|事务所 shi wu suo
律师事务所 lv shi shi wu suo|会计师事务所 kuai ji shi shi wu suo|税务师事务所 shui wu shi shi wu suo|代理 dai li|记账 ji zhang
财务 cai wu|个人 ge ren|商务 shang wu|电子商务 dian zi shang wu|安装 an zhuang|清洁 qing jie|家政 jia zheng|美容 mei rong
美发 mei fa|摄影 she ying|旅游 lv you|旅行社 lv xing she|水果 shui guo|蔬菜 shu cai|粮油 liang you|烟酒 yan jiu|茶叶 cha ye
`;

function fail(message) {
  console.error(`gen-pinyin-lexicon: ${message}`);
  process.exit(1);
}

/** GB 2312 hanzi (EUC-CN rows 0xB0–0xF7), decoded with iconv-lite's GBK table (identical there). */
function gb2312Hanzi() {
  const set = new Set();
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = iconv.decode(Buffer.from([hi, lo]), 'gbk');
      if (/^\p{Script=Han}$/u.test(ch)) set.add(ch);
    }
  }
  return set;
}

let text;
try {
  text = readFileSync(dictPath, 'utf8');
} catch {
  fail(`cannot read ${dictPath} (apt-get install rime-data-pinyin-simp, or pass --dict PATH)`);
}
const body = text.slice(text.indexOf('\n...') + 4);
const gb = gb2312Hanzi();

/** char → syllable → weight; phrase key `word\tpinyin` → weight. */
const readings = new Map();
const charTotal = new Map();
const phrases = new Map();
for (const line of body.split('\n')) {
  const [word, pinyin, weightText] = line.split('\t');
  if (!word || !pinyin || weightText === undefined || word.startsWith('#')) continue;
  const weight = Number(weightText);
  if (!Number.isFinite(weight)) continue;
  const chars = [...word];
  if (!chars.every((c) => gb.has(c))) continue;
  const syllables = pinyin.split(' ');
  if (syllables.length !== chars.length) continue;
  if (chars.length === 1) {
    if (SKIP_SYLLABLES.has(pinyin)) continue;
    const byChar = readings.get(word) ?? new Map();
    byChar.set(pinyin, Math.max(byChar.get(pinyin) ?? 0, weight));
    readings.set(word, byChar);
    charTotal.set(word, (charTotal.get(word) ?? 0) + weight);
  } else {
    const key = `${word}\t${pinyin}`;
    phrases.set(key, Math.max(phrases.get(key) ?? 0, weight));
  }
}

const byWeightThenCode = (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const keptChars = new Set(
  [...charTotal]
    .sort(byWeightThenCode)
    .slice(0, MAX_CHARS)
    .map(([c]) => c),
);
const surnames = SURNAMES.split(' ').map((entry) => [entry[0], entry.slice(1)]);
for (const c of [...surnames.map(([c]) => c), ...GIVEN_NAME_CHARS]) {
  if (!readings.has(c)) fail(`no reading for curated character ${c}`);
  keptChars.add(c);
}
for (const [c, syllable] of surnames) {
  if (!readings.get(c).has(syllable)) fail(`surname ${c} has no reading ${syllable} in the dictionary`);
}

// Curated phrases: every syllable must be one of the character's readings.
const curated = new Map();
for (const entry of CURATED_PHRASES.split(/[|\n]/)
  .map((s) => s.trim())
  .filter(Boolean)) {
  const [word, ...syllables] = entry.split(' ');
  const chars = [...word];
  if (chars.length !== syllables.length) fail(`curated ${word}: ${chars.length} characters, ${syllables.length} syllables`);
  chars.forEach((c, i) => {
    if (!readings.get(c)?.has(syllables[i])) fail(`curated ${word}: ${c} is not read ${syllables[i]}`);
    keptChars.add(c);
  });
  curated.set(`${word}\t${syllables.join(' ')}`, true);
}

const keptPhrases = [...phrases]
  .filter(([key]) => [...key.split('\t')[0]].every((c) => keptChars.has(c)))
  .sort(byWeightThenCode)
  .slice(0, MAX_PHRASES);
const phraseWeights = new Map(keptPhrases);
for (const key of curated.keys()) phraseWeights.set(key, Math.max(phrases.get(key) ?? 0, CURATED_FLOOR, phraseWeights.get(key) ?? 0));

/**
 * Weight as one printable ASCII character: half-bit log2 buckets (`0` = 48).
 * Coarse on purpose: ranking needs the order of magnitude, not the count.
 */
function bucket(weight) {
  const b = Math.min(77, Math.round(Math.log2(weight + 1) * 2));
  return String.fromCharCode(48 + b);
}

/** `key:entry bucket entry bucket…` lines, entries by weight, keys sorted. */
function table(entries) {
  const groups = new Map();
  for (const [word, syllables, weight] of entries) {
    const list = groups.get(syllables) ?? [];
    list.push([word, weight]);
    groups.set(syllables, list);
  }
  return [...groups.keys()]
    .sort()
    .map(
      (key) =>
        `${key}:${groups
          .get(key)
          .sort(byWeightThenCode)
          .map(([w, n]) => w + bucket(n))
          .join('')}`,
    )
    .join('\n');
}

const charEntries = [];
for (const c of keptChars) for (const [syllable, weight] of readings.get(c)) charEntries.push([c, syllable, weight]);
const phraseEntries = [...phraseWeights].map(([key, weight]) => {
  const [word, pinyin] = key.split('\t');
  return [word, pinyin, weight];
});

const givenSorted = [...new Set(GIVEN_NAME_CHARS)].join('');
const out = `/**
 * GENERATED by scripts/gen-pinyin-lexicon.mjs: do not edit by hand.
 *
 * Source: Rime \`pinyin_simp.dict.yaml\` (Debian package rime-data-pinyin-simp,
 * https://github.com/rime/rime-pinyin-simp), Apache License 2.0, itself derived
 * from the Android Pinyin IME (Apache License 2.0). Filtered to GB 2312, the
 * ${MAX_CHARS} most frequent characters and the ${MAX_PHRASES} most frequent phrases of
 * them, plus curated surnames, given-name characters and company-name words.
 *
 * Format (parsed once by pinyin-engine.ts): one line per syllable key
 * (\`ke ji\`), then \`:\`, then entries, each a word followed by one ASCII
 * character encoding round(2·log2(weight+1)) + 48, most frequent first.
 */
export const CHAR_TABLE: string = ${JSON.stringify(table(charEntries))};

export const PHRASE_TABLE: string = ${JSON.stringify(table(phraseEntries))};

/** Common surnames with their reading, most common first. */
export const SURNAMES: string = ${JSON.stringify(surnames.map(([c, s]) => c + s).join(' '))};

/** Characters typical of given names, most typical first. */
export const GIVEN_NAME_CHARS: string = ${JSON.stringify(givenSorted)};
`;

if (args.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {
    /* missing counts as different */
  }
  if (current !== out) fail(`${outFile} is out of date: run node scripts/gen-pinyin-lexicon.mjs`);
  console.log('pinyin lexicon up to date');
} else {
  writeFileSync(outFile, out);
  console.log(`wrote ${outFile}: ${keptChars.size} characters, ${phraseEntries.length} phrases, ${Buffer.byteLength(out)} bytes`);
}
