import { useT } from '../hooks/use-t';

export function ReadingScreen() {
  const t = useT();
  return (
    <section className="screen reading" data-screen="reading" role="status" aria-live="assertive">
      <div className="panel panel-center">
        <div className="spinner" aria-hidden="true" />
        <h1 className="screen-title">{t('reading.title')}</h1>
        <p className="lead">{t('reading.hint')}</p>
      </div>
    </section>
  );
}
