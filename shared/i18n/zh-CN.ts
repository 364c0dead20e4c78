/**
 * The source catalogue: every text a person sees on the kiosk screen.
 * `{name}` marks a parameter; `en.ts` must carry exactly the same keys.
 */
export const zhCN = {
  'app.title': '国地税联合自助办税终端',
  'app.subtitle': '国家税务 · 地方税务 联合办理',
  'app.langSwitch': 'English',
  'app.langSwitch.aria': '切换为英文 Switch to English',

  'status.kiosk': '终端编号 {id}',
  'status.clock.aria': '当前时间',
  'status.reader': '读卡器：{state}',
  'status.host.connecting': '正在连接服务…',
  'status.host.offline': '服务暂时不可用，正在重新连接',

  'reader.online': '就绪',
  'reader.offline': '未连接',
  'reader.noDevice': '未找到',
  'reader.hardwareError': '故障',
  'reader.userError': '请重新放置证件',
  'reader.busy': '正在读卡',
  'reader.unknown': '正在检查',

  'attract.prompt': '请将身份证放在读卡区',
  'attract.hint': '证件正面朝上，平放在下方读卡区，无需插入',
  'attract.services': '可办理：发票领用 · 发票代开 · 完税证明打印',
  'attract.illustration.aria': '示意图：身份证平放在读卡器上',
  'attract.notice.offline': '读卡器未连接，请联系工作人员',
  'attract.notice.noDevice': '未找到读卡器，请联系工作人员',
  'attract.notice.hardwareError': '读卡器故障，请联系工作人员',
  'attract.notice.userError': '请拿起证件，稍后重新放置',
  'attract.notice.busy': '读卡器正忙，请稍候',
  'attract.notice.unknown': '正在检查读卡器，请稍候',
  'attract.notice.hostOffline': '服务暂时不可用，请稍候或联系工作人员',

  'reading.title': '正在读取身份证，请勿移动',
  'reading.hint': '读取需要几秒钟，请保持证件平放',

  'rejected.title': '无法使用此证件',
  'rejected.expired': '您的身份证已过期，无法办理业务',
  'rejected.expired.next': '请使用有效期内的证件，或到办税服务厅咨询办理',
  'rejected.unrecognised': '无法识别此证件，证件信息校验未通过',
  'rejected.unrecognised.next': '请确认使用的是本人有效证件；如仍无法识别，请联系工作人员',
  'rejected.readFailed': '读卡未成功，请将身份证平放在读卡区重新读取',
  'rejected.readFailed.next': '请拿起身份证，再平放在读卡区，读取完成前请勿移动',
  'rejected.unsupportedCard': '暂不支持此类证件',
  'rejected.unsupportedCard.next': '请使用居民身份证、港澳台居民居住证或外国人永久居留身份证',
  'rejected.takeCard': '请取回您的证件',
  'rejected.back': '返回首页',

  'active.greeting': '您好，{name}',
  'active.idLabel.resident': '身份证号',
  'active.idLabel.other': '证件号码',
  'active.menuTitle': '请选择要办理的业务',
  'active.comingSoon': '即将开放',
  'active.comingSoon.notice': '此项业务即将开放。如需办理，请前往办税服务厅或咨询工作人员。',
  'active.exit': '退出',
  'active.exit.hint': '退出后将清除您的信息，请取回身份证',

  'service.invoiceCollect': '发票领用',
  'service.invoiceCollect.desc': '领取已核定的发票',
  'service.invoiceIssue': '发票代开',
  'service.invoiceIssue.desc': '为您代开增值税发票',
  'service.taxCertificate': '完税证明打印',
  'service.taxCertificate.desc': '打印个人所得税完税证明',

  'idle.title': '您还在吗？',
  'idle.body': '如无操作，将在 {seconds} 秒后退出并清除您的信息',
  'idle.seconds.aria': '剩余 {seconds} 秒',
  'idle.continue': '继续办理',
  'idle.exit': '立即退出',

  'sim.toggle': '模拟器',
  'sim.toggle.aria': '打开或关闭设备模拟器',
  'sim.title': '身份证读卡器模拟',
  'sim.place': '放置：{profile}',
  'sim.lift': '拿起证件',
  'sim.placed': '当前放置：{profile}',
  'sim.placed.none': '读卡区无证件',
  'sim.loading': '正在加载…',
  'sim.close': '关闭',
} as const;

export type ZhCatalogue = typeof zhCN;
