/* The quick replies under the conversation: answers to the question, several-at-once
   pickers, and the summary's "change this answer" buttons. */

import { chat } from "./context.js";
import { el, icon, PENCIL, SEND } from "./dom.js";
import { send } from "./composer.js";

const CONSENT_YES = "yes"; // the value of the engine's "I agree" button

export const isConsent = (expecting) => typeof expecting === "string" && expecting.split(".")[0] === "consent";

function optionButton(option, kind) {
  const button = el("button", { type: "button", class: kind, text: option.label });
  button.addEventListener("click", (event) => {
    // A keyboard press (detail 0) keeps the keyboard in the chat: focus moves to the box.
    send(option.value, option.label, { keyboard: event.detail === 0 });
  });
  return button;
}

// A question that takes several answers: each option is a toggle, and one button sends
// the chosen values together ("funding, mentoring"), which the list reader takes apart.
function multiPicker(options) {
  const sendChosen = el("button", { type: "button", class: "multi-send", "aria-disabled": "true" },
    [icon(SEND), chat.T.multi_send]);
  const toggles = options.map((option) => {
    const toggle = el("button", { type: "button", class: "pick", "aria-pressed": "false", text: option.label });
    toggle.addEventListener("click", () => {
      toggle.setAttribute("aria-pressed", String(toggle.getAttribute("aria-pressed") !== "true"));
      const any = toggles.some((t) => t.getAttribute("aria-pressed") === "true");
      sendChosen.setAttribute("aria-disabled", String(!any));
    });
    return toggle;
  });
  sendChosen.addEventListener("click", (event) => {
    const chosen = options.filter((_, i) => toggles[i].getAttribute("aria-pressed") === "true");
    if (!chosen.length) return;
    send(chosen.map((option) => option.value).join(", "), chosen.map((option) => option.label).join(", "),
      { keyboard: event.detail === 0 });
  });
  return [...toggles, sendChosen];
}

// The summary's "change this answer" buttons, when they come with answers to the question
// (the consent buttons), wait behind one toggle.
export function setOptions(options, expecting) {
  const { data, state, T } = chat;
  const { quick } = chat.node;
  state.options = options || [];
  quick.replaceChildren();
  const consent = isConsent(expecting);
  const fixes = state.options.filter((option) => option.value.startsWith(data.fix_prefix));
  const answers = state.options.filter((option) => !option.value.startsWith(data.fix_prefix));
  if (data.multi_slots.includes(expecting)) quick.append(...multiPicker(answers));
  else for (const option of answers) quick.append(optionButton(option, consent && option.value === CONSENT_YES ? "consent-yes" : ""));
  if (fixes.length && answers.length) {
    const group = el("div", { class: "fix-group", id: "fix-group", hidden: "" }, fixes.map((option) => optionButton(option, "fix")));
    const toggle = el("button", { type: "button", class: "fix-toggle", "aria-expanded": "false", "aria-controls": "fix-group" },
      [icon(PENCIL), T.fix_more]);
    toggle.addEventListener("click", () => {
      group.hidden = !group.hidden;
      toggle.setAttribute("aria-expanded", String(!group.hidden));
    });
    quick.append(toggle, group);
  } else {
    for (const option of fixes) quick.append(optionButton(option, "fix"));
  }
  quick.hidden = state.options.length === 0;
}
