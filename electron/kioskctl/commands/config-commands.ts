import type { Command } from '../command';
import { auditTailCommand } from './audit-tail';
import { auditVerifyCommand } from './audit-verify';
import { configApplyCommand } from './config-apply';
import { configBuildCommand } from './config-build';
import { configPublishCommand } from './config-publish';
import { configShowCommand } from './config-show';
import { configSignCommand } from './config-sign';
import { configVerifyCommand } from './config-verify';
import { keysGenerateCommand } from './keys-generate';

/** The administrators' config-bundle commands and the audit trail's (registered in registry.ts). */
export const configAuditCommands: Command[] = [
  keysGenerateCommand,
  configBuildCommand,
  configSignCommand,
  configVerifyCommand,
  configApplyCommand,
  configPublishCommand,
  configShowCommand,
  auditVerifyCommand,
  auditTailCommand,
];
