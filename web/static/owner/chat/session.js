/* Starting a conversation, loading the stored one (a reload, a visit the next day), and
   resuming another by its code. */

import { chat } from "./context.js";
import { HttpError, LOST_STATUSES, said } from "./api.js";
import { el } from "./dom.js";
import { deliver } from "./composer.js";
import { clearCopy } from "./ending.js";
import { addOwner, addResumeNote, notice, rebuild, showTurn } from "./transcript.js";

async function start() {
  const { data, state, T } = chat;
  try {
    const body = { lang: data.lang };
    if (data.partner) body.partner = data.partner;
    const created = await chat.api("POST", data.urls.sessions, body);
    state.session = { session_id: created.session_id, token: created.token, resume_code: created.resume_code || null, labels: {}, pending: null };
    chat.save();
    chat.node.log.replaceChildren();
    state.owners.clear();
    showTurn(created.turn, true);
    addResumeNote();
    // A new conversation opens at its beginning: the partner's greeting and the first question.
    chat.node.scroller.scrollTop = 0;
    window.scrollTo(0, 0);
  } catch (error) {
    notice(said(error, T.start_failed), "error");
  }
}

async function load() {
  const { data, state } = chat;
  let view = await chat.api("GET", chat.sessionPath(), undefined, { auth: true });
  if (view.lang !== data.lang) {
    if (!data.lang_explicit) {
      // The conversation speaks the other language: show the page in it.
      location.replace(data.urls.other_lang);
      return;
    }
    await chat.api("POST", chat.sessionPath("/language"), { lang: data.lang }, { auth: true });
    view = await chat.api("GET", chat.sessionPath(), undefined, { auth: true });
  }
  rebuild(view);
  const pending = state.session.pending;
  if (pending && !view.finished) {
    const taken = (view.transcript || []).some((line) => line.role === "owner" && line.message_id === pending.id);
    if (taken) {
      state.session.pending = null;
      chat.save();
    } else {
      // Sent before the reload but never acknowledged: send it again under the same id.
      const entry = addOwner(pending.text, pending.id, []);
      entry.li.classList.add("sending");
      deliver(pending.id, pending.text, entry, {});
    }
  }
}

async function open() {
  const { T, state } = chat;
  const stored = chat.stored();
  if (!stored) {
    await start();
    return;
  }
  state.session = stored;
  try {
    await load();
  } catch (error) {
    if (error instanceof HttpError && LOST_STATUSES.includes(error.status)) {
      state.session = null;
      chat.save();
      notice(T.session_lost, "info");
      await start();
      return;
    }
    const again = el("button", { type: "button", class: "button small", text: T.retry });
    again.addEventListener("click", () => location.reload());
    notice(said(error, T.error_generic), "error", again);
  }
}

// Typing is what the page is for: the box has the focus from the start.
export async function openChat() {
  await open();
  chat.node.input.focus({ preventScroll: true });
}

// A code typed by hand ("k7qf 92xm") is shown the way it was given out ("K7QF-92XM").
function shownCode(code) {
  const compact = code.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return compact.length === 8 ? compact.slice(0, 4) + "-" + compact.slice(4) : code.toUpperCase();
}

async function resume(event) {
  event.preventDefault();
  const { data, state, T } = chat;
  const { resumeInput, resumeError, input } = chat.node;
  const code = resumeInput.value.trim();
  if (!code) {
    resumeError.textContent = T.resume_failed;
    resumeInput.focus();
    return;
  }
  const previous = state.session;
  try {
    const resumed = await chat.api("POST", data.urls.sessions + "/resume", { code, lang: data.lang });
    state.session = { session_id: resumed.session_id, token: resumed.token, resume_code: shownCode(code), labels: {}, pending: null };
    chat.save();
    resumeError.textContent = "";
    resumeInput.value = "";
    clearCopy();
    await load();
    notice(T.resume_done, "ok");
    input.focus({ preventScroll: true });
  } catch (error) {
    if (state.session !== previous && !(error instanceof HttpError)) {
      state.session = previous;
      chat.save();
    }
    resumeError.textContent = said(error, T.resume_failed);
  }
}

async function copyCode(event) {
  const button = event.currentTarget;
  const { resumeCode } = chat.node;
  try {
    await navigator.clipboard.writeText(resumeCode.textContent);
    button.textContent = chat.T.copied;
    setTimeout(() => { button.textContent = chat.T.copy_code; }, 2000);
  } catch (error) {
    // No clipboard access (an insecure page, a refused permission): select the code instead.
    const range = document.createRange();
    range.selectNodeContents(resumeCode);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
}

export function installSession() {
  chat.node.resumeForm.addEventListener("submit", resume);
  chat.node.resumeCopy.addEventListener("click", copyCode);
  chat.node.newChat.addEventListener("click", () => {
    if (!window.confirm(chat.T.new_chat_confirm)) return;
    chat.state.session = null;
    chat.save();
    location.reload();
  });
}
