'use client';

import { useEffect } from 'react';

/**
 * When the focused element disappears (a row removed after its Close dialog, a banner button
 * after Acknowledge, a form rebuilt after a save), the browser drops the focus to the top of
 * the page, and a keyboard user starts over. This moves it to the nearest part of the page
 * that is still there (made focusable for the purpose), so they carry on where they were.
 */
export function FocusRescue() {
  useEffect(() => {
    // The focused element and its ancestors, innermost first, as they were when it took the focus.
    let chain: Element[] = [];
    const onFocusIn = (event: FocusEvent) => {
      chain = [];
      for (let node = event.target as Element | null; node && node !== document.body; node = node.parentElement) chain.push(node);
    };
    // Focus that left for nowhere while its element is still there (a click on plain text) is the user's choice.
    const onFocusOut = (event: FocusEvent) => {
      const left = event.target as Element;
      if (event.relatedTarget) return;
      queueMicrotask(() => {
        if (left.isConnected && chain[0] === left) chain = [];
      });
    };
    const observer = new MutationObserver(() => {
      const [focused] = chain;
      if (!focused || focused.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
      const survivor = chain.find((node): node is HTMLElement => node.isConnected && node instanceof HTMLElement);
      chain = [];
      if (!survivor) return;
      if (!survivor.hasAttribute('tabindex')) survivor.setAttribute('tabindex', '-1');
      survivor.focus({ preventScroll: true });
    });
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      observer.disconnect();
    };
  }, []);
  return null;
}
