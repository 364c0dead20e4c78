export * from './taxpayer';
export * from './methods';
export * from './tax-backend';
export * from './intake-effects';
export * from './amqp-rpc';
export * from './bank-credit';
export * from './credit-certificate';
