import {
  CONTENT_BUNDLE_FORMAT,
  PublicContent,
  type ArrearsEntry,
  type ContentBundle,
  type GuideItem,
  type PowerCategory,
  type PowerItem,
  type PublicText,
  type QuotaEntry,
} from '../../shared/content/public-content';
import type { ConfigTarget } from '../../shared/config/config-bundle';
import { makeCreditCode } from './seed-credit-code';
import { prng } from '../../shared/prng';

/**
 * The sandbox's 公开信息: what a (fictional) bureau, 示例市税务局, publishes —
 * 办税指南 for the kiosk's services, its 权力清单/责任清单, this quarter's
 * 欠税公告 and 定额核定公示. Generated in code from small tables and a seeded
 * generator, so the same `now` and seed always give the same content (tests
 * compare against it) and no hand-typed blob drifts from the schema. Every
 * name, code and amount is fictional; credit codes pass GB 32100; ID numbers
 * are generated already partly hidden, as bureaus publish them.
 */

const zh = (text: string, en?: string): PublicText => (en === undefined ? { zh: text } : { zh: text, en });
const BUREAU = '国家税务总局示例市税务局';
const BUREAU_EN = 'Sample City Tax Bureau, STA';
const HALL = zh(
  '示例市税务局第一税务分局办税服务厅（示例区人民路 100 号，工作日 9:00–17:00）',
  'the tax hall of the First Branch, 100 Renmin Road, Sample District, weekdays 9:00–17:00',
);
const FREE = zh('不收取任何费用。', 'Free of charge.');
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
];
const STREETS = ['人民路', '解放路', '建设路', '和平街', '新华街', '中山路', '文化路', '胜利街', '光明路', '长江路'];
const AREAS = ['示例区城关街道', '示例区东关街道', '示例区西湖街道', '示例新区北苑街道', '示例县南山镇', '示例县青河镇'];
const FIRM_WORDS = ['恒达', '鑫源', '华信', '宏远', '锦程', '永盛', '瑞丰', '隆昌', '金桥', '东升', '天成', '佳和', '盛世', '新航', '安泰'];
const FIRM_TRADES = [
  ['商贸', '有限公司'],
  ['建材', '有限公司'],
  ['物流', '有限公司'],
  ['餐饮管理', '有限公司'],
  ['科技', '有限公司'],
  ['装饰工程', '有限公司'],
  ['农业开发', '有限公司'],
  ['机械制造', '有限公司'],
] as const;
const SHOPS = [
  ['面馆', '餐饮业'],
  ['便利店', '零售业'],
  ['理发店', '居民服务业'],
  ['水果店', '零售业'],
  ['五金店', '零售业'],
  ['小吃店', '餐饮业'],
  ['干洗店', '居民服务业'],
  ['修车铺', '机动车维修业'],
  ['粮油店', '零售业'],
  ['服装店', '零售业'],
  ['快餐店', '餐饮业'],
  ['文印店', '商务服务业'],
] as const;
const TAX_TYPES = ['增值税', '企业所得税', '个人所得税', '城市维护建设税', '房产税', '城镇土地使用税', '印花税', '土地增值税'];

function pick<T>(list: readonly T[], r: () => number): T {
  const item = list[Math.floor(r() * list.length)];
  if (item === undefined) throw new Error('empty table');
  return item;
}

function personName(r: () => number): string {
  return pick(SURNAMES, r) + pick(GIVEN, r);
}

/** A person's ID number as published: division, stars, the last four. */
function hiddenId(r: () => number, division: string): string {
  const tail = String(Math.floor(r() * 1000)).padStart(3, '0') + pick(['1', '3', '5', '7', 'X', '2', '4'], r);
  return `${division}********${tail}`;
}

const BODY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function body8(r: () => number, prefix: string): string {
  let out = prefix;
  while (out.length < 8) out += pick([...BODY_ALPHABET], r);
  return out;
}

function guide(
  id: string,
  service: GuideItem['service'],
  title: [string, string],
  who: string[],
  bring: string[],
  steps: string[],
  limits: string[],
  refused: string[],
): GuideItem {
  return {
    id,
    service,
    title: { zh: title[0], en: title[1] },
    whoMayUse: who.map((t) => zh(t)),
    bring: bring.map((t) => zh(t)),
    steps: steps.map((t) => zh(t)),
    limits: limits.map((t) => zh(t)),
    fees: FREE,
    whenRefused: [...refused.map((t) => zh(t)), zh(`其他情况请到${HALL.zh}办理。`, `Anything else: ${HALL.en ?? ''}.`)],
  };
}

const CARD = '本人有效居民身份证（或外国人永久居留身份证、港澳台居民居住证）';

function guides(): GuideItem[] {
  const collect = (id: string, title: [string, string], who: string, extra: string[] = []) =>
    guide(
      id,
      'invoiceCollection',
      title,
      [who],
      [CARD, ...extra],
      ['在读卡区放置身份证', '选择“发票领用”', '选择纳税人和发票种类', '确认领用份数', '取走发票和回执', '取回身份证'],
      ['每月领用份数不超过核定的月领用量', '每次领用不超过核定的单次领用量'],
      ['纳税人有欠税、纳税信用为 D 级或有未验旧发票时，自助终端不能发售发票', '登记状态为非正常户或注销中时不能领用'],
    );
  const issue = (id: string, title: [string, string], who: string) =>
    guide(
      id,
      'invoiceIssue',
      title,
      [who],
      [CARD, '购买方名称、纳税人识别号', '货物或服务名称、数量、金额'],
      ['放置身份证并选择“发票代开”', '填写购买方和货物服务信息', '核对应缴税款', '扫码缴纳税款', '缴款成功后打印发票和完税凭证'],
      ['单张发票金额不超过 10 万元', '月销售额超过免税标准的部分按规定缴纳增值税及附加'],
      ['缴款未完成时不能打印发票，可在缴款成功后凭回执重新打印', '需要代开增值税专用发票的，请到办税服务厅'],
    );
  const cert = (id: string, title: [string, string], step: string) =>
    guide(
      id,
      'iitCertificate',
      title,
      ['本人（只能打印本人的完税证明）'],
      [CARD],
      ['放置身份证并选择“完税证明打印”', step, '预览缴税记录', '选择身份证号显示方式', '打印 A4 完税证明', '取走证明和身份证'],
      ['可打印最近 36 个月内的记录，一次最长 12 个月'],
      ['没有缴税记录的期间不能开具证明', '需要加盖税务机关印章的纸质证明请到办税服务厅'],
    );
  const general = (id: string, title: [string, string], steps: string[]) =>
    guide(id, 'general', title, ['所有来访人员'], ['无需携带材料'], steps, [], ['设备故障时请联系网点工作人员']);
  return [
    collect('G-COL-01', ['个体工商户业主本人领用发票', 'Collecting invoices as the owner of an individual business'], '个体工商户业主本人'),
    collect('G-COL-02', ['办税人为企业领用发票', 'Collecting invoices for a company as its tax agent (办税人)'], '经税务机关登记的办税人'),
    collect('G-COL-03', ['法定代表人为企业领用发票', 'Collecting invoices as the legal representative'], '企业法定代表人'),
    collect('G-COL-04', ['凭取票码领取网上申领的发票', 'Collecting invoices ordered online with a pickup code'], '网上申领发票的纳税人或其办税人', [
      '电子税务局发送的取票码',
    ]),
    collect('G-COL-05', ['领用增值税普通发票（万元版）', 'Collecting ordinary VAT invoices (10,000 yuan version)'], '核定该票种的纳税人'),
    collect('G-COL-06', ['领用增值税专用发票（十万元版）', 'Collecting special VAT invoices (100,000 yuan version)'], '核定专用发票的一般纳税人'),
    collect('G-COL-07', ['发票打印中断怎么办', 'What to do when printing stops during a collection'], '已领用但未取到全部发票的纳税人'),
    collect('G-COL-08', ['多家企业的办税人如何选择纳税人', 'Choosing the taxpayer when you act for several companies'], '为多家企业办税的办税人'),
    issue('G-ISS-01', ['自然人申请代开增值税普通发票', 'Invoices issued on behalf of a natural person'], '临时取得收入的自然人'),
    issue('G-ISS-02', ['个体工商户申请代开发票', 'Invoices issued on behalf of an individual business'], '个体工商户业主或其办税人'),
    issue('G-ISS-03', ['代开发票的税款计算', 'How the tax on an invoice issued on behalf is worked out'], '申请代开发票的纳税人'),
    issue('G-ISS-04', ['代开发票扫码缴款', 'Paying the tax for an invoice issued on behalf'], '申请代开发票的纳税人'),
    issue('G-ISS-05', ['缴款后重新打印代开发票', 'Reprinting an invoice after payment'], '已缴款但未取得发票的纳税人'),
    issue('G-ISS-06', ['代开发票的作废与红冲', 'Cancelling or reversing an invoice issued on behalf'], '已取得代开发票的纳税人'),
    issue('G-ISS-07', ['免税额度内代开发票', 'Invoices within the VAT exemption threshold'], '月销售额未超过免税标准的小规模纳税人'),
    cert('G-IIT-01', ['打印本人个人所得税完税证明', 'Printing your own IIT payment certificate'], '选择期间（最近 12 个月、本年或上年）'),
    cert('G-IIT-02', ['自选期间打印完税证明', 'Choosing your own period for the certificate'], '选择起止月份'),
    cert('G-IIT-03', ['完税证明上身份证号的显示方式', 'How the ID number is shown on the certificate'], '选择期间'),
    cert('G-IIT-04', ['外籍人员打印完税证明', 'Certificates for foreign nationals'], '选择期间'),
    cert('G-IIT-05', ['核验完税证明的真伪', 'Checking that a certificate is genuine'], '选择期间'),
    general('G-GEN-01', ['长辈模式', 'Elderly mode'], ['在首页点选“长辈模式”', '字体和按钮放大，操作时间延长', '再次点选可关闭']),
    general('G-GEN-02', ['切换中文和英文', 'Switching between Chinese and English'], ['点选屏幕上方的语言按钮', '界面文字立即切换']),
    general(
      'G-GEN-03',
      ['查询公开信息', 'Browsing public information'],
      ['在首页点选“公开信息”', '选择办税指南、权力清单、欠税公告或定额核定公示', '可用屏幕键盘输入拼音或首字母查找'],
    ),
    general(
      'G-GEN-04',
      ['个人信息保护', 'How your personal information is protected'],
      ['身份证信息只用于本次办理', '屏幕和回执上的姓名、证件号部分隐藏', '离开前请取回身份证'],
    ),
  ];
}

interface PowerSpec {
  category: PowerCategory;
  title: [string, string];
  basis: string[];
  days: string;
}

const POWER_SPECS: PowerSpec[] = [
  {
    category: 'licensing',
    title: ['增值税专用发票（增值税税控系统）最高开票限额审批', 'Approval of the maximum amount of special VAT invoices'],
    basis: ['《国务院对确需保留的行政审批项目设定行政许可的决定》附件第 236 项'],
    days: '10 个工作日',
  },
  {
    category: 'licensing',
    title: ['对纳税人延期缴纳税款的核准', 'Approval of deferred tax payment'],
    basis: ['《中华人民共和国税收征收管理法》第三十一条', '《中华人民共和国税收征收管理法实施细则》第四十二条'],
    days: '20 日',
  },
  {
    category: 'licensing',
    title: ['对纳税人延期申报的核准', 'Approval of deferred tax filing'],
    basis: ['《中华人民共和国税收征收管理法》第二十七条'],
    days: '10 个工作日',
  },
  {
    category: 'licensing',
    title: ['对纳税人变更纳税定额的核准', 'Approval of a change of fixed quota'],
    basis: ['《中华人民共和国税收征收管理法实施细则》第四十七条'],
    days: '20 日',
  },
  {
    category: 'licensing',
    title: ['对采取实际利润额预缴以外的其他企业所得税预缴方式的核定', 'Approval of other prepayment methods for enterprise income tax'],
    basis: ['《中华人民共和国企业所得税法实施条例》第一百二十八条'],
    days: '20 日',
  },
  { category: 'levy', title: ['增值税征收', 'Levy of VAT'], basis: ['《中华人民共和国增值税暂行条例》第一条'], days: '按法定申报期限' },
  { category: 'levy', title: ['消费税征收', 'Levy of consumption tax'], basis: ['《中华人民共和国消费税暂行条例》第一条'], days: '按法定申报期限' },
  { category: 'levy', title: ['企业所得税征收', 'Levy of enterprise income tax'], basis: ['《中华人民共和国企业所得税法》第一条'], days: '按法定申报期限' },
  { category: 'levy', title: ['个人所得税征收', 'Levy of individual income tax'], basis: ['《中华人民共和国个人所得税法》第一条'], days: '按法定申报期限' },
  {
    category: 'levy',
    title: ['城市维护建设税征收', 'Levy of urban maintenance and construction tax'],
    basis: ['《中华人民共和国城市维护建设税法》第一条'],
    days: '与增值税、消费税同时缴纳',
  },
  { category: 'levy', title: ['印花税征收', 'Levy of stamp duty'], basis: ['《中华人民共和国印花税法》第一条'], days: '按法定申报期限' },
  { category: 'levy', title: ['房产税征收', 'Levy of property tax'], basis: ['《中华人民共和国房产税暂行条例》第一条'], days: '按年计算、分期缴纳' },
  {
    category: 'levy',
    title: ['城镇土地使用税征收', 'Levy of urban land use tax'],
    basis: ['《中华人民共和国城镇土地使用税暂行条例》第二条'],
    days: '按年计算、分期缴纳',
  },
  { category: 'guidance', title: ['税收政策宣传辅导', 'Guidance on tax policy'], basis: ['《中华人民共和国税收征收管理法》第七条'], days: '即时' },
  { category: 'guidance', title: ['涉税风险提示提醒', 'Tax risk reminders'], basis: ['《纳税服务规范》'], days: '即时' },
  { category: 'guidance', title: ['纳税信用修复指导', 'Guidance on restoring tax credit'], basis: ['《纳税信用修复范围及标准》'], days: '即时' },
  {
    category: 'confirmation',
    title: ['纳税信用等级评定', 'Assessment of tax credit grades'],
    basis: ['《纳税信用管理办法（试行）》第十五条'],
    days: '每年 4 月评价结果发布',
  },
  {
    category: 'confirmation',
    title: ['非居民纳税人享受协定待遇的确认', 'Confirmation of treaty benefits for non-residents'],
    basis: ['《非居民纳税人享受协定待遇管理办法》'],
    days: '20 个工作日',
  },
  {
    category: 'confirmation',
    title: ['增值税一般纳税人登记', 'Registration as a general VAT taxpayer'],
    basis: ['《增值税一般纳税人登记管理办法》第二条'],
    days: '即时',
  },
  {
    category: 'confirmation',
    title: ['个体工商户定期定额核定', 'Assessment of fixed quotas for individual businesses'],
    basis: ['《个体工商户税收定期定额征收管理办法》第七条'],
    days: '按定额核定周期',
  },
  {
    category: 'inspection',
    title: ['税务检查（账簿、记账凭证和有关资料）', 'Tax inspection of books and vouchers'],
    basis: ['《中华人民共和国税收征收管理法》第五十四条'],
    days: '一般不超过 60 日',
  },
  { category: 'inspection', title: ['发票检查', 'Inspection of invoices'], basis: ['《中华人民共和国发票管理办法》第三十条'], days: '按检查计划' },
  { category: 'inspection', title: ['纳税评估', 'Tax assessment review'], basis: ['《纳税评估管理办法（试行）》第二条'], days: '按评估计划' },
  {
    category: 'inspection',
    title: ['对扣缴义务人代扣代缴情况的检查', 'Inspection of withholding agents'],
    basis: ['《中华人民共和国税收征收管理法》第五十四条第（一）项'],
    days: '按检查计划',
  },
  {
    category: 'penalty',
    title: ['对未按照规定期限办理纳税申报的处罚', 'Penalty for late tax filing'],
    basis: ['《中华人民共和国税收征收管理法》第六十二条'],
    days: '立案之日起 90 日',
  },
  {
    category: 'penalty',
    title: ['对未按照规定开具发票的处罚', 'Penalty for invoices issued against the rules'],
    basis: ['《中华人民共和国发票管理办法》第三十五条'],
    days: '立案之日起 90 日',
  },
  {
    category: 'penalty',
    title: ['对偷税行为的处罚', 'Penalty for tax evasion'],
    basis: ['《中华人民共和国税收征收管理法》第六十三条'],
    days: '立案之日起 90 日',
  },
  {
    category: 'penalty',
    title: ['对逃避追缴欠税的处罚', 'Penalty for evading the recovery of arrears'],
    basis: ['《中华人民共和国税收征收管理法》第六十五条'],
    days: '立案之日起 90 日',
  },
  {
    category: 'penalty',
    title: ['对未按照规定设置、保管账簿的处罚', 'Penalty for books not kept as required'],
    basis: ['《中华人民共和国税收征收管理法》第六十条'],
    days: '立案之日起 90 日',
  },
  {
    category: 'penalty',
    title: ['对扣缴义务人应扣未扣税款的处罚', 'Penalty for tax not withheld'],
    basis: ['《中华人民共和国税收征收管理法》第六十九条'],
    days: '立案之日起 90 日',
  },
  {
    category: 'enforcement',
    title: ['税收保全措施', 'Tax preservation measures'],
    basis: ['《中华人民共和国税收征收管理法》第三十八条'],
    days: '一般不超过 6 个月',
  },
  { category: 'enforcement', title: ['强制执行措施', 'Enforcement measures'], basis: ['《中华人民共和国税收征收管理法》第四十条'], days: '依法定程序' },
  {
    category: 'enforcement',
    title: ['阻止欠税人出境', 'Stopping a person in arrears from leaving the country'],
    basis: ['《中华人民共和国税收征收管理法》第四十四条'],
    days: '依法定程序',
  },
  {
    category: 'enforcement',
    title: ['加收滞纳金', 'Late payment surcharge'],
    basis: ['《中华人民共和国税收征收管理法》第三十二条'],
    days: '自滞纳之日起按日加收万分之五',
  },
  {
    category: 'other',
    title: ['欠税公告', 'Publication of tax arrears'],
    basis: ['《中华人民共和国税收征收管理法》第四十五条', '《欠税公告办法（试行）》'],
    days: '按季度公告',
  },
  {
    category: 'other',
    title: ['退还多缴税款', 'Refund of tax overpaid'],
    basis: ['《中华人民共和国税收征收管理法》第五十一条'],
    days: '30 日内查实，查实后 30 日内办理退还',
  },
  { category: 'other', title: ['税收优惠备案', 'Filing for tax preferences'], basis: ['《税收减免管理办法》第二条'], days: '即时' },
  {
    category: 'other',
    title: ['纳税人信息公开', 'Publication of taxpayer information'],
    basis: ['《中华人民共和国政府信息公开条例》第二十条'],
    days: '20 个工作日',
  },
];

const CATEGORY_CODE: Record<PowerCategory, string> = {
  licensing: '行政许可',
  levy: '行政征收',
  guidance: '行政指导',
  confirmation: '行政确认',
  inspection: '行政检查',
  penalty: '行政处罚',
  enforcement: '行政强制',
  other: '其他行政权力',
};

const CATEGORY_STEPS: Record<PowerCategory, Array<[string, string, number?]>> = {
  licensing: [
    ['申请', '申请人'],
    ['受理', '办税服务厅', 1],
    ['审查', '业务科室', 10],
    ['决定', '分管局领导', 3],
    ['送达', '办税服务厅', 2],
  ],
  levy: [
    ['纳税申报', '纳税人'],
    ['受理审核', '办税服务厅', 1],
    ['税款入库', '国库', 1],
    ['开具凭证', '办税服务厅'],
  ],
  guidance: [
    ['确定指导事项', '纳税服务科'],
    ['发布提示', '纳税服务科', 1],
    ['跟踪反馈', '税源管理科', 10],
  ],
  confirmation: [
    ['申请或依职权启动', '纳税人／税务机关'],
    ['审核', '业务科室', 10],
    ['确认', '分管局领导', 3],
    ['告知结果', '办税服务厅', 2],
  ],
  inspection: [
    ['选案', '稽查局'],
    ['检查通知', '检查组', 3],
    ['实施检查', '检查组', 30],
    ['审理', '审理部门', 15],
    ['执行', '执行部门', 10],
  ],
  penalty: [
    ['立案', '执法部门'],
    ['调查取证', '执法人员', 30],
    ['告知陈述申辩权利', '执法部门', 3],
    ['听取陈述申辩或听证', '执法部门', 10],
    ['作出处罚决定', '局领导', 10],
    ['送达执行', '执法部门', 7],
  ],
  enforcement: [
    ['催告', '税源管理科'],
    ['听取陈述申辩', '税源管理科', 3],
    ['局长批准', '局长', 2],
    ['实施措施', '执法人员', 1],
    ['解除或结案', '税源管理科'],
  ],
  other: [
    ['启动', '业务科室'],
    ['审核', '业务科室', 10],
    ['批准', '分管局领导', 3],
    ['公开或办结', '办税服务厅', 5],
  ],
};

function powers(): PowerItem[] {
  const counters = new Map<PowerCategory, number>();
  return POWER_SPECS.map((spec, i) => {
    const n = (counters.get(spec.category) ?? 0) + 1;
    counters.set(spec.category, n);
    const unit = ['第一税务分局', '法制科', '征收管理科', '纳税服务科', '稽查局'][i % 5] ?? '第一税务分局';
    return {
      id: `P-${spec.category}-${String(n).padStart(2, '0')}`,
      code: `${CATEGORY_CODE[spec.category]}-${String(n).padStart(3, '0')}`,
      category: spec.category,
      title: { zh: spec.title[0], en: spec.title[1] },
      legalBasis: spec.basis.map((b) => zh(b)),
      unit: zh(`示例市税务局${unit}`),
      timeLimit: zh(spec.days),
      steps: CATEGORY_STEPS[spec.category].map(([name, who, days]) => ({ name: zh(name), who: zh(who), ...(days === undefined ? {} : { days }) })),
      duties: [
        zh('受理责任：公示依据、条件、程序和期限，一次性告知需补正的材料'),
        zh('审查责任：依法审查，提出意见'),
        zh('决定责任：依法作出决定并说明理由'),
        zh('监管责任：加强事中事后监管'),
      ],
      complaint: zh('示例市税务局纳税服务投诉电话 0000-12366（示例）；也可向示例市人民政府行政复议机构申请行政复议'),
    };
  });
}

function arrearsEntries(r: () => number, asOf: string): ArrearsEntry[] {
  return Array.from({ length: 64 }, (_, i): ArrearsEntry => {
    const enterprise = i % 4 !== 3;
    const division = pick(['370102', '370103', '370104', '370112'], r);
    const word = pick(FIRM_WORDS, r);
    const [trade, suffix] = pick(FIRM_TRADES, r);
    const name = enterprise ? `示例市${word}${trade}${suffix}` : `示例区${pick(SURNAMES, r)}记${pick(SHOPS, r)[0]}`;
    const balance = Math.round((5_000 + r() * 2_000_000) * 100);
    const types = [...new Set([pick(TAX_TYPES, r), pick(TAX_TYPES, r)])];
    return {
      id: `A-${String(i + 1).padStart(3, '0')}`,
      kind: enterprise ? 'enterprise' : 'individualBusiness',
      taxpayerName: name,
      creditCode: makeCreditCode(enterprise ? '91' : '92', division, body8(r, enterprise ? 'MA' : 'L')),
      representative: personName(r),
      representativeId: hiddenId(r, division),
      place: `示例市${pick(AREAS, r)}${pick(STREETS, r)}${1 + Math.floor(r() * 300)}号`,
      taxTypes: types,
      balanceFen: balance,
      newArrearsFen: Math.round(balance * (r() < 0.4 ? 0 : r() * 0.5)),
      asOf,
    };
  });
}

function quotaEntries(r: () => number): QuotaEntry[] {
  return Array.from({ length: 72 }, (_, i): QuotaEntry => {
    const [shop, industry] = pick(SHOPS, r);
    const owner = personName(r);
    // Monthly turnover 8,000–160,000 yuan, in whole hundreds.
    const salesYuan = 8_000 + Math.floor(r() * 1_520) * 100;
    // IIT at an assessed 0.5 %; VAT at 1 % with 12 % surcharges only above the 100,000 yuan monthly threshold.
    const iit = Math.round(salesYuan * 0.5);
    const vat = salesYuan > 100_000 ? Math.round(salesYuan * 1) : 0;
    const surcharges = Math.round(vat * 0.12);
    return {
      id: `Q-${String(i + 1).padStart(3, '0')}`,
      businessName: `示例区${owner.slice(0, 1)}记${shop}`,
      owner,
      area: pick(AREAS, r),
      industry,
      monthlySalesFen: salesYuan * 100,
      monthlyTaxFen: iit + vat + surcharges,
    };
  });
}

/** The calendar quarter (China date) `at` falls in, and the one before it. */
function quarters(at: Date): { current: { from: string; to: string; firstMonth: string; lastMonth: string }; previous: { from: string; to: string } } {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const q = Math.floor(china.getUTCMonth() / 3);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const start = (year: number, quarter: number) => new Date(Date.UTC(year, quarter * 3, 1));
  const end = (year: number, quarter: number) => new Date(Date.UTC(year, quarter * 3 + 3, 0));
  const pq = q === 0 ? 3 : q - 1;
  const py = q === 0 ? y - 1 : y;
  const month = (m: number) => `${y}-${String(m).padStart(2, '0')}`;
  return {
    current: { from: iso(start(y, q)), to: iso(end(y, q)), firstMonth: month(q * 3 + 1), lastMonth: month(q * 3 + 3) },
    previous: { from: iso(start(py, pq)), to: iso(end(py, pq)) },
  };
}

/** The sandbox bureau's content for the quarter `now` falls in. */
export function sandboxPublicContent(now: Date, seed = 20_240_601): PublicContent {
  const r = prng(seed);
  const { current, previous } = quarters(now);
  const publishedOn = current.from.slice(0, 8) + '05';
  const objectionDay = current.from.slice(0, 8) + '20';
  return PublicContent.parse({
    guides: guides(),
    powers: powers(),
    arrears: {
      title: { zh: `${BUREAU}欠税公告（${previous.from} 至 ${previous.to}）`, en: `Published tax arrears, ${previous.from} to ${previous.to}` },
      publisher: zh(BUREAU, BUREAU_EN),
      publishedOn,
      period: previous,
      entries: arrearsEntries(r, previous.to),
    },
    quotas: {
      title: { zh: `${BUREAU}个体工商户定额核定公示`, en: 'Fixed quotas of individual businesses: public notice' },
      publisher: zh(BUREAU, BUREAU_EN),
      publishedOn,
      appliesFrom: current.firstMonth,
      appliesTo: current.lastMonth,
      objectionDeadline: objectionDay,
      howToObject: [
        zh(
          `对核定定额有异议的，请在 ${objectionDay} 前向主管税务机关书面提出，并提供经营情况的有关资料`,
          `If you disagree with a quota, write to the tax office in charge by ${objectionDay}, with evidence of your turnover`,
        ),
        zh(`受理地点：${HALL.zh}`, `Where: ${HALL.en ?? ''}`),
        zh(
          '税务机关自收到之日起 30 日内调整定额或说明理由；在此期间先按原定额缴纳税款',
          'The tax office answers within 30 days; until then the quota in this notice is paid',
        ),
      ],
      entries: quotaEntries(r),
    },
  });
}

/** The bundle the sandbox publishes: in force from a day before `now` for 120 days. */
export function sandboxContentBundle(now: Date, options: { version: number; target?: ConfigTarget; seed?: number }): ContentBundle {
  return {
    format: CONTENT_BUNDLE_FORMAT,
    version: options.version,
    issuedAt: now.toISOString(),
    effectiveFrom: new Date(now.getTime() - 86_400_000).toISOString(),
    expiresAt: new Date(now.getTime() + 120 * 86_400_000).toISOString(),
    target: options.target ?? { all: true },
    content: sandboxPublicContent(now, options.seed),
  };
}
