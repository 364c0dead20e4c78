/**
 * Voice prompts (spoken, not shown) and the mute button's words, spread into
 * `zh-CN.ts`; `voice.en.ts` carries the same keys. A spoken text is short, has
 * no symbols or placeholders, and says what to do next. Every `voice.*` key
 * is listed in `voice-prompts.ts`, which the build renders into audio.
 */
export const voiceZhCN = {
  'voice.attract': '请将身份证放在读卡区',
  'voice.takeCard': '请取走您的身份证，谢谢使用',
  'voice.cardLifted': '身份证已取走，本次办理已结束',
  'voice.reading': '正在读卡，请不要移动证件',
  'voice.rejected.expired': '您的身份证已过期，请取回证件，到服务厅窗口办理',
  'voice.rejected.unrecognised': '无法识别这张证件，请取回证件，联系工作人员',
  'voice.rejected.readFailed': '读卡没有成功，请拿起证件，再平放在读卡区',
  'voice.rejected.unsupportedCard': '暂不支持这种证件，请换用居民身份证或居住证',
  'voice.menu': '请选择要办理的业务',
  'voice.paused': '这项业务暂停办理，请选择其他业务，或联系工作人员',
  'voice.idle': '您还需要继续办理吗？请点击继续办理',
  'voice.goodbye': '请取走您的身份证，再见',

  'voice.offline': '暂时连不上税务系统，请稍后再试，或到服务厅窗口办理',
  'voice.refused.counter': '暂时不能在本机办理，请看屏幕上的说明，或到服务厅窗口咨询',
  'voice.refused.noStock': '本机的发票已用完，请联系工作人员，或到服务厅窗口办理',
  'voice.printer.notReady': '打印机暂时不能使用，请联系工作人员，或稍后再试',
  'voice.printer.failed': '打印没有完成，请不要离开，并联系工作人员',

  'voice.collection.chooseTaxpayer': '请选择要领用发票的纳税人',
  'voice.collection.chooseType': '请选择发票种类和数量',
  'voice.collection.pickup': '请输入取票码',
  'voice.collection.confirm': '请核对领用信息，确认后出票',
  'voice.collection.pickupRefused': '这个取票码不能使用，请核对后重新输入，或到服务厅窗口咨询',

  'voice.issuance.unfinished': '您有一笔没有完成的代开，请选择继续办理，或另开一张',
  'voice.issuance.chooseSeller': '请选择开票的销售方',
  'voice.issuance.buyer': '请填写购买方信息',
  'voice.issuance.lines': '请填写开票项目',
  'voice.issuance.line': '请填写项目名称，数量和单价',
  'voice.issuance.quote': '请核对发票和应缴税款，确认后继续',
  'voice.issuance.pay': '请用手机扫描二维码缴税',
  'voice.issuance.paymentEnded': '本次代开已取消，没有扣款',
  'voice.issuance.cancelUnknown': '暂时无法确认取消，请不要再付款，并联系工作人员',
  'voice.issuance.printFailed': '发票没有打印，您的税款已缴，不会重复收取，请联系工作人员',
  'voice.issuance.fix': '开票信息需要修改，请按屏幕提示修改后重新提交',

  'voice.certificate.choosePeriod': '请选择要打印的期间',
  'voice.certificate.customPeriod': '请选择开始和结束的月份',
  'voice.certificate.preview': '请核对缴税记录，确认后打印',
  'voice.certificate.noRecords': '这段期间没有缴税记录，您可以换一个期间',
  'voice.certificate.periodRefused': '这个期间不能查询，请换一个期间',
  'voice.credit.view': '这是纳税信用等级。如需让银行查询，请点击授权银行查询',
  'voice.credit.consent': '请仔细阅读授权内容。同意请点击同意授权，不同意请点击不同意',
  'voice.credit.done': '授权已提交，请取走凭条',
  'voice.credit.revoked': '授权已撤销，请取走凭条',
  'voice.credit.certPreview': '请核对纳税信用等级证明，确认后点击打印证明',
  'voice.credit.certPrinting': '正在打印纳税信用等级证明，请稍候',
  'voice.credit.certPrinted': '请取走您的纳税信用等级证明',

  'voice.printing.invoice': '正在出票，请稍候',
  'voice.printing.certificate': '正在打印完税证明，请稍候',
  'voice.done.invoice': '请取走您的发票和凭条',
  'voice.done.invoiceOnly': '请取走您的发票，凭条没有打印出来，需要时请联系工作人员',
  'voice.done.certificate': '请取走您的完税证明和凭条',
  'voice.done.certificateOnly': '请取走您的完税证明，凭条没有打印出来，需要时请联系工作人员',

  'voiceUi.mute': '静音',
  'voiceUi.mute.aria': '静音：关闭语音提示',
} as const;
