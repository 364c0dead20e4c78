import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/** Less than this much beyond the box's bottom padding is a rounding error, not content. */
const SLACK_PX = 4;

/**
 * Whether a scrolling box has content hidden below its visible part: the
 * frame then shows a scroll cue, and a sticky action row its shadow (the
 * shadow says "content passes under here"; on a short page it would float
 * mid-screen for nothing). Re-measured when the box scrolls, when it or its
 * content changes size, and when content is added or removed; measured
 * before the first paint so the cue does not pop in and shift the page.
 * `remountKey` changes whenever the box is replaced by a new element.
 */
export function useMoreBelow(ref: RefObject<HTMLElement | null>, remountKey: string): boolean {
  const [more, setMore] = useState(false);
  const measure = useCallback(() => {
    const box = ref.current;
    // The bottom padding is part of the scroll height but shows no content: content that reaches into it is still in view.
    if (box) setMore(box.scrollHeight - box.scrollTop - box.clientHeight > parseFloat(getComputedStyle(box).paddingBottom) + SLACK_PX);
  }, [ref]);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return undefined;
    measure();
    const resize = new ResizeObserver(measure);
    const observeChildren = () => {
      resize.disconnect();
      resize.observe(box);
      for (const child of box.children) resize.observe(child);
    };
    observeChildren();
    const mutations = new MutationObserver(() => {
      observeChildren();
      measure();
    });
    mutations.observe(box, { childList: true, subtree: true, characterData: true });
    box.addEventListener('scroll', measure, { passive: true });
    return () => {
      resize.disconnect();
      mutations.disconnect();
      box.removeEventListener('scroll', measure);
    };
    // remountKey: the box is a new element when the step changes (ServiceFrame keys its body by step).
  }, [ref, measure, remountKey]);

  return more;
}
