/**
 * A kiosk page is not a web page: no context menu, no text selection, no
 * pinch or ctrl-wheel zoom, no drag of images (CSS does the rest).
 */
export function installKioskGuards(doc: Document): void {
  const prevent = (event: Event) => event.preventDefault();
  doc.addEventListener('contextmenu', prevent);
  doc.addEventListener('selectstart', prevent);
  doc.addEventListener('dragstart', prevent);
  doc.addEventListener('gesturestart', prevent);
  doc.addEventListener(
    'touchmove',
    (event: TouchEvent) => {
      if (event.touches.length > 1) event.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener(
    'wheel',
    (event: WheelEvent) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener('keydown', (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0'].includes(event.key)) event.preventDefault();
  });
}
