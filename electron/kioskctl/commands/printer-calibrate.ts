import { ZodError } from 'zod';
import { EXIT, UsageError, type Command } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { withDb } from '../with-db';
import { CALIBRATION_LIMIT_TENTH_MM, formatTenths, getCalibration, parseMmToTenths, setCalibration } from '../../host/printers/calibration-store';

const HELP = `Usage: kioskctl printer calibrate [--dx MM] [--dy MM] [--data-dir DIR] [--json]

Shows or sets the invoice printer's calibration: how far every field is moved
from the form template, in mm (+dx to the right, +dy down the form), stored in
0.1 mm steps in the kiosk database. Print the test grid (kioskctl printer grid)
on a pre-printed form, read how far the marks sit from the form's lines, and
store that offset. With no --dx/--dy it shows the current values. A flag left
out keeps its current value. Negative values: --dy -2.0 (or --dy=-2.0).

Options:
  --dx MM         horizontal offset in mm, one decimal at most, -10.0..+10.0
  --dy MM         vertical offset in mm, one decimal at most, -10.0..+10.0
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"old":{"dxMm","dyMm"},"new":{...}} (or {"current":...})

Exit codes:
  0   shown or stored
  2   the kiosk database's schema is newer than this kioskctl (nothing changed)
  64  bad flag or value out of range (nothing stored)`;

function tenthsOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const tenths = typeof raw === 'string' ? parseMmToTenths(raw) : null;
  if (tenths === null || Math.abs(tenths) > CALIBRATION_LIMIT_TENTH_MM) {
    throw new UsageError(`--${name} must be mm from -10.0 to +10.0 with at most one decimal (got ${String(raw)})`);
  }
  return tenths;
}

const mm = (tenths: number) => tenths / 10;

export const printerCalibrateCommand: Command = {
  path: ['printer', 'calibrate'],
  summary: 'show or set the invoice printer calibration (mm offsets)',
  help: HELP,
  options: {
    dx: { type: 'string' },
    dy: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const dx = tenthsOption(values, 'dx');
    const dy = tenthsOption(values, 'dy');
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
    return withDb(dataDir, 'write', (db) => {
      const current = getCalibration(db);
      if (dx === undefined && dy === undefined) {
        if (values.json) io.out(JSON.stringify({ current: { dxMm: mm(current.dxTenthMm), dyMm: mm(current.dyTenthMm), updatedAt: current.updatedAt } }));
        else
          io.out(
            `calibration: dx ${formatTenths(current.dxTenthMm)} mm, dy ${formatTenths(current.dyTenthMm)} mm (${current.updatedAt ? `set ${current.updatedAt}` : 'never set'})`,
          );
        return EXIT.ok;
      }
      const next = { dxTenthMm: dx ?? current.dxTenthMm, dyTenthMm: dy ?? current.dyTenthMm };
      try {
        setCalibration(db, next, new Date());
      } catch (error) {
        if (error instanceof ZodError) throw new UsageError(error.issues.map((i) => i.message).join('; '));
        throw error;
      }
      if (values.json) {
        io.out(
          JSON.stringify({ old: { dxMm: mm(current.dxTenthMm), dyMm: mm(current.dyTenthMm) }, new: { dxMm: mm(next.dxTenthMm), dyMm: mm(next.dyTenthMm) } }),
        );
      } else {
        io.out(`old: dx ${formatTenths(current.dxTenthMm)} mm, dy ${formatTenths(current.dyTenthMm)} mm`);
        io.out(`new: dx ${formatTenths(next.dxTenthMm)} mm, dy ${formatTenths(next.dyTenthMm)} mm`);
      }
      return EXIT.ok;
    });
  },
};
