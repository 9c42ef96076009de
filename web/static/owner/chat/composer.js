/* Sending: the message box, and delivering a message until the service acknowledges it.
   Each message carries a uuid that is reused when it is sent again after a network failure,
   so the service never takes it twice. */

import { chat } from "./context.js";
import { HttpError, LOST_STATUSES, retryable } from "./api.js";
import { el, sleep, uuid } from "./dom.js";
import { closeFixMenus, setFixable } from "./fixes.js";
import { setOptions } from "./quick.js";
import { addOwner, notice, revealLatest, showTurn } from "./transcript.js";

const RETRY_DELAYS = [800, 2000, 4000];

function setBusy(busy) {
  chat.state.busy = busy;
  chat.node.typing.hidden = !busy;
  chat.node.sendButton.setAttribute("aria-disabled", busy ? "true" : "false");
  if (busy) revealLatest();
}

async function refreshSlots() {
  try {
    const view = await chat.api("GET", chat.sessionPath(), undefined, { auth: true });
    setFixable(view.transcript || []);
  } catch (error) {
    // Only the "click an answer to change it" buttons wait for this; the next turn retries.
  }
}

async function postWithRetry(messageId, text) {
  let warned = false;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await chat.api("POST", chat.sessionPath("/messages"), { client_message_id: messageId, text }, { auth: true });
    } catch (error) {
      if (!retryable(error) || attempt >= RETRY_DELAYS.length) throw error;
      if (!warned) {
        notice(chat.T.retrying, "info");
        warned = true;
      }
      await sleep(RETRY_DELAYS[attempt]);
    }
  }
}

export async function deliver(messageId, text, entry, options) {
  setBusy(true);
  let answer;
  try {
    answer = await postWithRetry(messageId, text);
  } catch (error) {
    setBusy(false);
    refused(error, messageId, text, entry, options);
    return;
  }
  entry.li.classList.remove("sending", "failed");
  chat.state.session.pending = null;
  chat.save();
  setBusy(false);
  showTurn(answer.turn, true);
  if (options && options.keyboard) chat.node.input.focus({ preventScroll: true });
  if (answer.turn.expecting !== null) refreshSlots();
}

function refused(error, messageId, text, entry, options) {
  const { T, state } = chat;
  const { input } = chat.node;
  if (retryable(error)) {
    // Not delivered, as far as we know: offer to send it again under the same id.
    entry.li.classList.remove("sending");
    entry.li.classList.add("failed");
    const again = el("button", { type: "button", class: "button small", text: T.retry });
    const note = notice(T.send_failed, "error", again);
    again.addEventListener("click", () => {
      note.remove();
      entry.li.classList.remove("failed");
      entry.li.classList.add("sending");
      deliver(messageId, text, entry, { keyboard: true });
    });
    return;
  }
  // Refused (too long, too fast, ...): the message was not taken. Say why and give the
  // owner back what they typed.
  entry.li.remove();
  state.owners.delete(messageId);
  delete state.session.labels[messageId];
  state.session.pending = null;
  chat.save();
  if (options && options.typed && !input.value) {
    input.value = text;
    autosize();
  }
  notice(error instanceof HttpError ? error.message : T.error_generic, "error");
  setOptions(state.options, state.expecting);
  if (error instanceof HttpError && LOST_STATUSES.includes(error.status)) chat.node.resumeCurrent.hidden = true;
}

export function send(text, label, options) {
  const { state } = chat;
  if (state.busy || !state.session) return;
  closeFixMenus();
  const messageId = uuid();
  if (label && label !== text) state.session.labels[messageId] = label;
  state.session.pending = { id: messageId, text, label: label || null };
  chat.save();
  const entry = addOwner(text, messageId, []);
  entry.li.classList.add("sending");
  chat.node.quick.hidden = true;
  deliver(messageId, text, entry, options);
}

// The box grows with what is typed (up to its CSS max-height); empty, it is one line again.
function autosize() {
  const { input } = chat.node;
  input.style.height = "";
  if (input.value) input.style.height = Math.min(input.scrollHeight, 160) + "px";
}

export function installComposer() {
  const { composer, input } = chat.node;
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || chat.state.busy) return;
    input.value = "";
    autosize();
    send(text, null, { typed: true });
  });
  input.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a new line; Enter that ends a Korean IME composition is not a send.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    composer.requestSubmit();
  });
  input.addEventListener("input", autosize);
}
