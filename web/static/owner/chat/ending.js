/* The end of the conversation: answers can no longer be changed, the page says it is over,
   and the owner's copy (an HTML fragment this service renders with autoescaping) is shown. */

import { chat } from "./context.js";
import { said } from "./api.js";
import { addNote, announce, drawOwner, reveal } from "./transcript.js";

export function finish() {
  const { T, state } = chat;
  state.finished = true;
  state.owners.forEach(drawOwner);
  chat.node.quick.hidden = true;
  // Said once, by the page: the conversation is over and the results below say what comes next.
  if (!chat.node.log.querySelector(".note.finished")) addNote("finished", [T.finished_note]);
  chat.node.input.placeholder = T.finished_placeholder;
  if (chat.node.copy.hidden) loadCopy();
}

async function loadCopy() {
  const { T } = chat;
  const { copy, copyBody, copyStatus, copyActions } = chat.node;
  copy.hidden = false;
  copyStatus.textContent = T.copy_loading;
  try {
    const html = await chat.api("GET", chat.data.urls.owner_copy + encodeURIComponent(chat.state.session.session_id),
      undefined, { auth: true, accept: "text/html" });
    const fragment = new DOMParser().parseFromString(html, "text/html");
    copyBody.replaceChildren(...Array.from(fragment.body.childNodes, (node) => document.importNode(node, true)));
    copyStatus.textContent = "";
    copyActions.hidden = false;
    announce(T.copy_title);
    reveal(copy, "start");
  } catch (error) {
    copyStatus.textContent = said(error, T.copy_failed);
  }
}

export function clearCopy() {
  chat.node.copy.hidden = true;
  chat.node.copyBody.replaceChildren();
  chat.node.copyActions.hidden = true;
}

export function installEnding() {
  chat.node.copyPrint.addEventListener("click", () => window.print());
}
