import { useEffect } from 'react';
import { useController, useKiosk } from './app/context';
import { deriveScreen, type Screen } from './flow/visit';
import { assertNever } from '../../shared/assert-never';
import { selectCertificate, selectCollection, selectCredit, selectHost, selectIssuance, selectLang, selectReader, selectSession } from './store/selectors';
import { StatusBar } from './components/StatusBar';
import { IdleOverlay } from './components/IdleOverlay';
import { SimCorner } from './components/SimPanel';
import { useElderlyAttribute } from './hooks/use-elderly-attribute';
import { useVoiceGuide } from './voice/use-voice-guide';
import { usePrefetchAfterCard } from './hooks/use-prefetch-after-card';
import { AttractScreen } from './screens/AttractScreen';
import { ReadingScreen } from './screens/ReadingScreen';
import { RejectedScreen } from './screens/RejectedScreen';
import { ActiveScreen } from './screens/ActiveScreen';
import { CollectionScreen } from './screens/collection/CollectionScreen';
import { CertificateScreen } from './screens/certificate/CertificateScreen';
import { IssuanceScreen } from './screens/issuance/IssuanceScreen';
import { DiagnosticsMode } from './screens/diagnostics/DiagnosticsMode';
import { PublicInfoScreen } from './screens/public/PublicInfoScreen';
import { CreditScreen } from './screens/credit/CreditScreen';

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen.name) {
    case 'attract':
      return <AttractScreen notice={screen.notice} card={screen.card ?? null} />;
    case 'reading':
      return <ReadingScreen />;
    case 'rejected':
      return <RejectedScreen rejection={screen.rejection} />;
    case 'active':
      return <ActiveScreen person={screen.person} />;
    case 'collection':
      return <CollectionScreen flow={screen.flow} />;
    case 'certificate':
      return <CertificateScreen person={screen.person} flow={screen.flow} />;
    case 'issuance':
      return <IssuanceScreen flow={screen.flow} />;
    case 'credit':
      return <CreditScreen person={screen.person} flow={screen.flow} />;
    default:
      return assertNever(screen);
  }
}

export function App() {
  const session = useKiosk(selectSession);
  const reader = useKiosk(selectReader);
  const host = useKiosk(selectHost);
  const collection = useKiosk(selectCollection);
  const certificate = useKiosk(selectCertificate);
  const issuance = useKiosk(selectIssuance);
  const credit = useKiosk(selectCredit);
  const lang = useKiosk(selectLang);
  const controller = useController();
  const screen = deriveScreen({ session, reader, host, collection, certificate, issuance, credit });
  // 公开信息 over the attract screen (no card) or the menu; a card, a service or the visit's end closes it.
  const publicNav = useKiosk((s) => s.publicNav);
  const publicOn = publicNav !== null && (screen.name === 'attract' || screen.name === 'active');
  useVoiceGuide(screen);
  usePrefetchAfterCard(screen.name);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useElderlyAttribute();

  useEffect(() => {
    // Any touch anywhere keeps the visit alive (the controller throttles it).
    const onPointerDown = () => controller.touch();
    document.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    return () => document.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [controller]);

  return (
    <div className="kiosk" data-screen-name={screen.name}>
      <StatusBar />
      <main className="stage" key={`${publicOn ? 'public' : screen.name}:${session.sessionId ?? ''}`}>
        {publicOn ? <PublicInfoScreen nav={publicNav} inVisit={screen.name === 'active'} /> : <ScreenView screen={screen} />}
      </main>
      <IdleOverlay />
      <DiagnosticsMode />
      <SimCorner />
    </div>
  );
}
