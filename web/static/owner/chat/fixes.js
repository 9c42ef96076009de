/* Changing an earlier answer: the owner presses their own message and, when it answered
   several questions, picks which one to give again. */

import { chat } from "./context.js";
import { el, fill, has } from "./dom.js";
import { send } from "./composer.js";
import { drawOwner } from "./transcript.js";

// Only slots the flow asks about can be asked again (not, say, a stage implied by a year).
export const askable = (slots) => (slots || []).filter((slot) => has(chat.data.slot_labels, slot));

export function fixLabel(slot) {
  const labels = chat.data.slot_labels;
  return fill(chat.T.fix_option, { label: has(labels, slot) ? labels[slot] : slot });
}

export function closeFixMenus() {
  chat.node.log.querySelectorAll(".fix-menu").forEach((menu) => menu.remove());
}

const fixValue = (slot) => chat.data.fix_prefix + slot;

export function chooseFix(entry) {
  const { T, state } = chat;
  if (state.busy || state.finished) return;
  if (entry.slots.length === 1) {
    send(fixValue(entry.slots[0]), fixLabel(entry.slots[0]));
    return;
  }
  closeFixMenus();
  const menu = el("div", { class: "fix-menu", role: "group", "aria-label": T.fix_choose }, [el("p", { text: T.fix_choose })]);
  const back = () => {
    menu.remove();
    const bubble = entry.li.querySelector(".bubble");
    if (bubble) bubble.focus();
  };
  for (const slot of entry.slots) {
    const choice = el("button", { type: "button", class: "button small secondary", text: fixLabel(slot) });
    choice.addEventListener("click", () => {
      menu.remove();
      send(fixValue(slot), fixLabel(slot));
    });
    menu.append(choice);
  }
  const cancel = el("button", { type: "button", class: "button small ghost", text: T.cancel });
  cancel.addEventListener("click", back);
  menu.append(cancel);
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      back();
    }
  });
  entry.li.append(menu);
  menu.querySelector("button").focus();
}

// After a turn the server says which slots each owner message filled; those become fixable.
export function setFixable(transcript) {
  for (const line of transcript) {
    if (line.role !== "owner" || !line.message_id || !chat.state.owners.has(line.message_id)) continue;
    const entry = chat.state.owners.get(line.message_id);
    const slots = askable(line.slots);
    if (slots.join() !== entry.slots.join()) {
      entry.slots = slots;
      drawOwner(entry);
    }
  }
}
