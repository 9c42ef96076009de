/* The page's frame: closing it inside a partner's widget, and the pinned bars' heights. */

import { chat } from "./context.js";

export function installFrame() {
  const { closeWidget, input, dock, topbar } = chat.node;
  if (chat.data.in_widget && window.parent !== window) {
    const close = () => window.parent.postMessage({ type: "intake-widget:close" }, "*");
    if (closeWidget) closeWidget.addEventListener("click", close);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) close();
    });
    window.addEventListener("message", (event) => {
      if (event.source === window.parent && event.data && event.data.type === "intake-widget:focus") {
        input.focus({ preventScroll: true });
      }
    });
  } else if (closeWidget) {
    closeWidget.hidden = true; // opened on its own, there is no widget to close
  }
  // The pinned bars' heights, for the CSS that keeps messages clear of them.
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      document.documentElement.style.setProperty("--dock-h", dock.offsetHeight + 16 + "px");
      document.documentElement.style.setProperty("--top-h", topbar.offsetHeight + "px");
    }).observe(dock);
  }
}
