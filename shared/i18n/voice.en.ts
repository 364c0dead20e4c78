import type { voiceZhCN } from './voice.zh-CN';

/** English voice prompts: exactly the keys of `voice.zh-CN.ts`, checked by the type. */
export const voiceEn: Record<keyof typeof voiceZhCN, string> = {
  'voice.attract': 'Please place your ID card on the reader.',
  'voice.takeCard': 'Please take your ID card. Thank you.',
  'voice.cardLifted': 'Your ID card was lifted. Your visit has ended.',
  'voice.reading': 'Reading your card. Please keep it still.',
  'voice.rejected.expired': 'Your ID card has expired. Please take it back and go to a service counter.',
  'voice.rejected.unrecognised': 'This card could not be recognised. Please take it back and ask a member of staff.',
  'voice.rejected.readFailed': 'The card could not be read. Please lift it and place it flat on the reader again.',
  'voice.rejected.unsupportedCard': 'This kind of card is not supported. Please use a resident ID card or a residence permit.',
  'voice.menu': 'Please choose a service.',
  'voice.paused': 'This service is paused. Please choose another one, or ask a member of staff.',
  'voice.idle': 'Do you need more time? Please tap Continue.',
  'voice.goodbye': 'Please take your ID card. Goodbye.',

  'voice.offline': 'The tax system cannot be reached just now. Please try again later, or go to a service counter.',
  'voice.refused.counter': 'This cannot be done at the kiosk just now. Please read the screen, or ask at a service counter.',
  'voice.refused.noStock': 'This kiosk has run out of invoice forms. Please ask a member of staff, or go to a service counter.',
  'voice.printer.notReady': 'The printer cannot be used just now. Please ask a member of staff, or try again later.',
  'voice.printer.failed': 'Printing did not finish. Please stay here and ask a member of staff.',

  'voice.collection.chooseTaxpayer': 'Please choose the taxpayer to collect invoices for.',
  'voice.collection.chooseType': 'Please choose the invoice type and quantity.',
  'voice.collection.pickup': 'Please enter your pickup code.',
  'voice.collection.confirm': 'Please check the details, then confirm to print.',
  'voice.collection.pickupRefused': 'This pickup code cannot be used. Please check it and try again, or ask at a service counter.',

  'voice.issuance.unfinished': 'You have an unfinished invoice. Please continue it, or start a new one.',
  'voice.issuance.chooseSeller': 'Please choose the seller.',
  'voice.issuance.buyer': 'Please enter the buyer.',
  'voice.issuance.lines': 'Please add the items to invoice.',
  'voice.issuance.line': 'Please enter the item name, quantity and unit price.',
  'voice.issuance.quote': 'Please check the invoice and the tax due, then confirm.',
  'voice.issuance.pay': 'Please scan the QR code with your phone to pay the tax.',
  'voice.issuance.paymentEnded': 'This invoice was cancelled. Nothing was charged.',
  'voice.issuance.cancelUnknown': 'The cancellation cannot be confirmed yet. Please do not pay again, and ask a member of staff.',
  'voice.issuance.printFailed': 'The invoice was not printed. Your tax is paid and will not be charged again. Please ask a member of staff.',
  'voice.issuance.fix': 'Some details need to change. Please correct them as the screen shows, and try again.',

  'voice.certificate.choosePeriod': 'Please choose the period to print.',
  'voice.certificate.customPeriod': 'Please choose the first and the last month.',
  'voice.certificate.preview': 'Please check your tax records, then print.',
  'voice.certificate.noRecords': 'There are no tax records for this period. You can choose another period.',
  'voice.certificate.periodRefused': 'This period cannot be used. Please choose another one.',

  'voice.printing.invoice': 'Printing your invoices. Please wait.',
  'voice.printing.certificate': 'Printing your tax certificate. Please wait.',
  'voice.done.invoice': 'Please take your invoices and your receipt.',
  'voice.done.invoiceOnly': 'Please take your invoices. The receipt was not printed; ask a member of staff if you need one.',
  'voice.done.certificate': 'Please take your tax certificate and your receipt.',
  'voice.done.certificateOnly': 'Please take your tax certificate. The receipt was not printed; ask a member of staff if you need one.',

  'voiceUi.mute': 'Mute',
  'voiceUi.mute.aria': 'Mute: turn voice guidance off',
};
