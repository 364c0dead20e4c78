export * from './result';
export * from './methods';
export * from './events';
export * from './session';
export * from './router';
export * from './event-hub';
export * from './kiosk-api';
export * from './client';
