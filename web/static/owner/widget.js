/* The chat widget partner portals put on their pages:

     <script src="https://HOST/widget.js" data-partner="KEY" async></script>

   (optional: data-lang="en"). It asks HOST whether KEY may be shown on this page's origin;
   only then does it add a launcher button and, when opened, a panel framing HOST/embed. Both
   live in a shadow root under one element of its own, so the page's styles do not
   reach them and theirs do not reach the page; the script defines no global names. On a
   refusal it adds nothing and says why in the console. */
(function () {
  "use strict";

  const LOG = "[intake widget]";
  const DEFAULT_COLOUR = "#1f5bc4";
  const TAG = "intake-chat-widget";

  function ownScript() {
    if (document.currentScript && document.currentScript.hasAttribute("data-partner")) return document.currentScript;
    // Without currentScript (an old engine, or a loader that injected us): find the tag by its address.
    return Array.from(document.querySelectorAll("script[src][data-partner]")).find((tag) => {
      try {
        return new URL(tag.src, location.href).pathname.endsWith("/widget.js");
      } catch (error) {
        return false;
      }
    }) || null;
  }

  const script = ownScript();
  if (!script) {
    console.error(LOG, "No <script src=\".../widget.js\" data-partner=\"KEY\"> tag found.");
    return;
  }
  const key = script.getAttribute("data-partner") || "";
  const lang = (script.getAttribute("data-lang") || "").toLowerCase() === "en" ? "en" : "ko";
  const host = new URL(script.src, location.href).origin;
  if (document.querySelector(TAG + "[data-partner=\"" + CSS.escape(key) + "\"]")) return; // included twice

  const DARK_INK = "#111827";

  function luminance(colour) {
    const channel = (hex) => {
      const c = parseInt(hex, 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.slice(1, 3)) + 0.7152 * channel(colour.slice(3, 5)) + 0.0722 * channel(colour.slice(5, 7));
  }

  // White or near-black text on the partner's colour, whichever contrasts more (WCAG).
  function textColour(colour) {
    const lum = luminance(colour);
    return 1.05 / (lum + 0.05) >= (lum + 0.05) / (luminance(DARK_INK) + 0.05) ? "#ffffff" : DARK_INK;
  }

  const CSS_TEXT = `
    :host { all: initial !important; display: block !important; position: fixed !important; right: 20px !important;
            bottom: 20px !important; z-index: 2147483000 !important; width: auto !important; height: auto !important;
            margin: 0 !important; padding: 0 !important; border: 0 !important; transform: none !important; }
    * { box-sizing: border-box; }
    .launcher { display: inline-flex; align-items: center; gap: 10px; min-height: 56px; padding: 0 20px 0 16px;
      border: 0; border-radius: 28px; background: var(--brand); color: var(--ink); cursor: pointer;
      font: 700 15px/1.2 Pretendard, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR",
        "WenQuanYi Micro Hei", system-ui, sans-serif;
      box-shadow: 0 8px 24px rgba(16, 24, 40, .24), 0 2px 6px rgba(16, 24, 40, .12); }
    .launcher:hover { filter: brightness(.94); }
    .launcher:focus-visible { outline: 3px solid #f5a524; outline-offset: 3px; }
    .launcher svg { width: 26px; height: 26px; flex: none; }
    .launcher .close-icon { display: none; }
    .launcher[aria-expanded="true"] .chat-icon { display: none; }
    .launcher[aria-expanded="true"] .close-icon { display: block; }
    .panel { position: fixed; right: 20px; bottom: 92px; width: min(400px, calc(100vw - 40px));
      height: min(660px, calc(100vh - 120px)); border-radius: 18px; overflow: hidden; background: #ffffff;
      box-shadow: 0 18px 50px rgba(16, 24, 40, .28), 0 4px 12px rgba(16, 24, 40, .12); }
    .panel[hidden] { display: none; }
    iframe { display: block; width: 100%; height: 100%; border: 0; }
    @media (max-width: 480px) {
      .launcher { padding: 0 16px; }
      .launcher .label { display: none; }
      .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; }
      .launcher[aria-expanded="true"] { display: none; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .panel:not([hidden]) { animation: rise .18s ease-out; }
      @keyframes rise { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }
    }`;

  const SVG = "http://www.w3.org/2000/svg";
  function icon(className, path) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", className);
    const shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", path);
    shape.setAttribute("fill", "currentColor");
    svg.append(shape);
    return svg;
  }

  function adoptStyles(root) {
    // A constructed stylesheet is not an inline <style>, so a page with a strict CSP still
    // styles the widget; older engines get the <style> element.
    if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function") {
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS_TEXT);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch (error) {
        // fall through
      }
    }
    const style = document.createElement("style");
    style.textContent = CSS_TEXT;
    root.append(style);
  }

  function mount(config) {
    const colour = /^#[0-9a-fA-F]{6}$/.test(config.colour || "") ? config.colour : DEFAULT_COLOUR;
    const title = (lang === "en" && config.title_en) || config.title || "";

    const element = document.createElement(TAG);
    element.setAttribute("data-partner", key);
    const root = element.attachShadow({ mode: "open" });
    adoptStyles(root);

    const wrap = document.createElement("div");
    wrap.style.setProperty("--brand", colour);
    wrap.style.setProperty("--ink", textColour(colour));

    const panel = document.createElement("div");
    panel.className = "panel";
    panel.id = "panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);

    const launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "launcher";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "panel");
    launcher.setAttribute("aria-label", title);
    const label = document.createElement("span");
    label.className = "label";
    label.textContent = title;
    launcher.append(
      icon("chat-icon", "M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.4 3.3c-.7.5-1.6 0-1.6-.8V17a2.5 2.5 0 0 1-1-2z"),
      icon("close-icon", "M6.7 5.3 12 10.6l5.3-5.3 1.4 1.4-5.3 5.3 5.3 5.3-1.4 1.4-5.3-5.3-5.3 5.3-1.4-1.4 5.3-5.3-5.3-5.3z"),
      label,
    );

    wrap.append(panel, launcher);
    root.append(wrap);

    let frame = null;
    let loaded = false;
    const focusChat = () => {
      if (loaded) frame.contentWindow.postMessage({ type: "intake-widget:focus" }, host);
    };

    function open() {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.title = title;
        frame.src = host + "/embed?" + new URLSearchParams({ partner: key, lang, via: "widget" }).toString();
        frame.setAttribute("allow", "clipboard-write");
        frame.addEventListener("load", () => {
          loaded = true;
          if (!panel.hidden) focusChat();
        });
        panel.append(frame);
      }
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      frame.focus();
      focusChat();
    }

    function close() {
      if (panel.hidden) return;
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
    }

    launcher.addEventListener("click", () => (panel.hidden ? open() : close()));
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close();
    });
    // The chat inside the frame asks to be closed (its close button, or Escape pressed there).
    window.addEventListener("message", (event) => {
      if (frame && event.source === frame.contentWindow && event.origin === host &&
          event.data && event.data.type === "intake-widget:close") close();
    });

    if (document.body) document.body.append(element);
    else document.addEventListener("DOMContentLoaded", () => document.body.append(element));
  }

  fetch(host + "/api/partners/" + encodeURIComponent(key) + "/widget", {
    mode: "cors",
    credentials: "omit",
    headers: { Accept: "application/json", "Accept-Language": lang },
  })
    .then((response) =>
      response.json().catch(() => null).then((body) => {
        if (response.ok && body) {
          mount(body);
          return;
        }
        const message = body && body.error && body.error.message ? body.error.message : "HTTP " + response.status;
        console.error(LOG, message);
      }))
    .catch(() => {
      // A refusal without CORS headers cannot be read from here; the browser has logged it.
      console.error(LOG, "The chat service at " + host + " refused this page (unknown partner key '" + key +
        "', or this address is not registered for it).");
    });
})();
