import type { DiagDevice, DiagDeviceId, DiagStatus } from '../../../../shared/contract/services/diagnostics';
import type { PlainKey } from '../../../../shared/i18n';
import { useT } from '../../hooks/use-t';
import { deviceLine } from '../../flow/diag-words';

export const DEVICE_NAME: Record<DiagDeviceId, PlainKey> = {
  idcard: 'diag.device.idcard',
  receipt: 'diag.device.receipt',
  invoice: 'diag.device.invoice',
  a4: 'diag.device.a4',
};
const FRAMES_SHOWN = 12;

/** Each device: state, port, and its last frames (hex prefix and the driver's decoded summary). */
export function DevicesTab({ status }: { status: DiagStatus | null }) {
  if (status === null) return null;
  return (
    <div className="diag-devices">
      {status.devices.map((device) => (
        <DeviceCard key={device.id} device={device} />
      ))}
    </div>
  );
}

function DeviceCard({ device }: { device: DiagDevice }) {
  const t = useT();
  const frames = device.frames.slice(-FRAMES_SHOWN).reverse();
  return (
    <article className="panel diag-device" data-testid={`diag-device-${device.id}`} data-device={device.device}>
      <h3>{t(DEVICE_NAME[device.id])}</h3>
      <p data-testid={`diag-device-${device.id}-state`}>{deviceLine(t, device)}</p>
      <p className="diag-mono">{device.port ? t('diag.device.port', { port: device.port }) : t('diag.device.noPort')}</p>
      <h4>{t('diag.device.frames')}</h4>
      {frames.length === 0 ? (
        <p className="diag-muted">{t('diag.device.noFrames')}</p>
      ) : (
        // A log (role), reachable by keyboard to scroll it (tabIndex): newest first, older ones below.
        <div className="diag-frames" role="log" tabIndex={0} aria-label={t('diag.device.frames')}>
          <ol className="diag-frames-list">
            {frames.map((f, i) => (
              <li key={`${f.at}-${i}`} className="diag-mono">
                <span className="diag-dir">{f.direction === 'tx' ? '→' : '←'}</span> {f.at.slice(11, 23)} [{f.length}] {f.hex}
                <br />
                {f.summary}
              </li>
            ))}
          </ol>
        </div>
      )}
    </article>
  );
}
