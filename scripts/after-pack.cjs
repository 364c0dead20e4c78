// electron-builder `afterPack` hook (electron-builder.yml): flips the Electron
// fuses of the packaged binary before it is packed into the .deb.
//
// Off: running the binary as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS,
// --inspect and friends, extra privileges for file:// pages (we serve app://).
// On: cookie encryption, loading the app only from app.asar. Embedded ASAR
// integrity validation exists only on macOS and Windows, so it is switched
// on there and left alone on Linux, where Electron ignores it.
'use strict';

const path = require('node:path');

/** @param {string} platform electron platform name: 'linux' | 'darwin' | 'mas' | 'win32' */
function fuseSettings(platform) {
  return {
    RunAsNode: false,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    GrantFileProtocolExtraPrivileges: false,
    EnableCookieEncryption: true,
    OnlyLoadAppFromAsar: true,
    ...(platform === 'darwin' || platform === 'mas' || platform === 'win32' ? { EnableEmbeddedAsarIntegrityValidation: true } : {}),
  };
}

/**
 * The fuse config for @electron/fuses: option names mapped to the numeric
 * FuseV1Options indexes of the installed version (a renamed fuse fails here).
 * @param {Record<string, boolean>} settings
 * @param {{ FuseVersion: { V1: string }, FuseV1Options: Record<string, number | string> }} fuses
 */
function toFuseConfig(settings, fuses) {
  /** @type {Record<string, unknown>} */
  const config = { version: fuses.FuseVersion.V1 };
  for (const [name, value] of Object.entries(settings)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`after-pack: @electron/fuses has no fuse named ${name}`);
    config[index] = value;
  }
  return config;
}

/** Path of the Electron binary inside the packed app (same rule as electron-builder's own). */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  }
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  // @electron/fuses 2.x is an ES module.
  const fuses = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  const config = toFuseConfig(fuseSettings(context.electronPlatformName), fuses);
  await fuses.flipFuses(binary, config);
  console.log(`  • fuses flipped  file=${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseSettings = fuseSettings;
module.exports.toFuseConfig = toFuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
