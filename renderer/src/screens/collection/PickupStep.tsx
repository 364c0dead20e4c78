import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { PICKUP_CODE, PICKUP_MAX } from '../../flow/collection';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';

/** The 取票码 on the code keyboard: digits and all 26 capitals, as the contract takes it. */
export function PickupStep({ code }: { code: string }) {
  const t = useT();
  const controller = useController();
  const ready = PICKUP_CODE.test(code);
  const submit = () => controller.collection({ type: 'pickupSubmitted' });
  return (
    <>
      <h2 className="coll-task">{t('collection.pickup.title')}</h2>
      <p className="coll-sub">{t('collection.pickup.hint')}</p>
      <OnScreenKeyboard
        mode="code"
        value={code}
        maxLength={PICKUP_MAX}
        label={t('collection.pickup.field')}
        placeholder={t('collection.pickup.field')}
        onChange={(value) => controller.collection({ type: 'pickupTyped', code: value })}
        onDone={submit}
      />
      <div className="coll-actions">
        {!ready && code !== '' && <p className="coll-sub">{t('collection.pickup.tooShort')}</p>}
        <button type="button" className="btn btn-primary btn-large" data-testid="coll-pickup-submit" disabled={!ready} aria-disabled={!ready} onClick={submit}>
          {t('collection.pickup.submit')}
        </button>
      </div>
    </>
  );
}
