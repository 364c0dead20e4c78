/** What device drivers log through (pino's Logger fits). Never given personal data. */
export interface DeviceLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
