import type { Command } from '../command';
import { contentApplyCommand } from './content-apply';
import { contentPublishCommand } from './content-publish';
import { contentShowCommand } from './content-show';
import { contentSignCommand } from './content-sign';

/**
 * 公开信息 content bundles (docs/public-information.md): build-and-sign, apply
 * from a file, push through the broker, show what is in force (registered in
 * registry.ts). The same keys, envelope, queue and checks as config bundles —
 * the same code, in electron/host/signed-bundles and the bundle-* kioskctl
 * helpers; only the bundle inside differs.
 */
export const contentCommands: Command[] = [contentSignCommand, contentApplyCommand, contentPublishCommand, contentShowCommand];
