/* The conversation on screen: the assistant's and the owner's messages, notes, sources, and
   what a screen reader is told. */

import { chat } from "./context.js";
import { el, fill, has, icon, PENCIL } from "./dom.js";
import { chooseFix, fixLabel, askable } from "./fixes.js";
import { isConsent, setOptions } from "./quick.js";
import { showProgress } from "./progress.js";
import { finish } from "./ending.js";

export function announce(text) {
  const { announcer } = chat.node;
  announcer.append(el("p", { text }));
  while (announcer.childNodes.length > 6) announcer.firstChild.remove();
}

function scrollerScrolls() {
  return getComputedStyle(chat.node.scroller).overflowY === "auto";
}

// Brings a node into view above the pinned message box (or at the top, below the pinned
// progress bar). scrollIntoView is avoided: inside a partner's frame it can scroll their page.
export function reveal(node, where) {
  if (!node || node.hidden) return;
  const { scroller, progress, dock } = chat.node;
  const box = node.getBoundingClientRect();
  if (scrollerScrolls()) {
    const view = scroller.getBoundingClientRect();
    scroller.scrollTop += where === "start" ? box.top - view.top - 12 : box.bottom - view.bottom + 12;
    return;
  }
  const top = progress ? Math.max(0, progress.getBoundingClientRect().bottom) : 0;
  const bottom = window.innerHeight - dock.offsetHeight;
  window.scrollBy(0, where === "start" ? box.top - top - 12 : box.bottom - bottom + 8);
}

export function revealLatest() {
  const { typing, log } = chat.node;
  reveal(typing.hidden ? log.lastElementChild : typing, "end");
}

function sourcesNode(citations) {
  const list = el("ul");
  for (const citation of citations) {
    const item = el("li");
    const label = el("span", { class: "source-label", text: chat.T.source_label });
    if (/^https?:\/\//i.test(citation.source)) {
      item.append(label, el("a", { href: citation.source, target: "_blank", rel: "noopener noreferrer", text: citation.name }));
    } else {
      const summary = el("summary", {}, [label, citation.name]);
      const details = el("details", {}, [summary, el("p", { text: citation.source })]);
      // The article around the quoted sentence, on this service's own source page.
      if (citation.url && citation.url.startsWith("/sources/")) {
        details.append(el("a", { class: "source-open", href: citation.url, target: "_blank", rel: "noopener", text: chat.T.source_open }));
      }
      item.append(details);
    }
    list.append(item);
  }
  return el("div", { class: "sources" }, [list]);
}

// A message in the other language than the page's (said before a switch) keeps its own
// lang, so a screen reader reads it with the right voice.
const HANGUL = /[\uAC00-\uD7A3]/;
export function textSpan(text) {
  const span = el("span", { class: "text", text });
  const other = chat.data.lang === "ko" ? "en" : "ko";
  const inOther = other === "ko" ? HANGUL.test(text) : !HANGUL.test(text) && /[A-Za-z]{2,}/.test(text);
  if (inOther) span.setAttribute("lang", other);
  return span;
}

export function addAssistant(text, options) {
  const item = el("li", { class: "msg assistant" + (options && options.consent ? " consent" : "") });
  item.append(el("div", { class: "bubble" }, [el("span", { class: "sr-only", text: chat.T.speaker_assistant + ": " }), textSpan(text)]));
  if (options && options.citations && options.citations.length) item.append(sourcesNode(options.citations));
  chat.node.log.append(item);
  if (options && options.announce) announce(text);
  return item;
}

export function addNote(kind, parts, action) {
  const item = el("li", { class: "note " + kind }, parts);
  if (action) item.append(el("br"), action);
  chat.node.log.append(item);
  return item;
}

export function notice(text, kind, action) {
  const item = addNote(kind || "error", [text], action);
  announce(text);
  revealLatest();
  return item;
}

export function addResumeNote() {
  const code = chat.state.session && chat.state.session.resume_code;
  if (!code || chat.node.log.querySelector(".note.resume")) return;
  const [before, after] = chat.T.resume_chat_note.split("{code}");
  addNote("resume", [before || "", el("strong", { class: "code", text: code }), after || ""]);
  chat.node.resumeCode.textContent = code;
  chat.node.resumeCurrent.hidden = false;
}

// What the owner sees for a message: the label of the button they pressed, or the value's
// label for a slot, rather than the value sent.
function shownAs(text, messageId, slots) {
  const { data, state } = chat;
  const labels = (state.session && state.session.labels) || {};
  if (messageId && has(labels, messageId)) return labels[messageId];
  if (text.startsWith(data.fix_prefix)) return fixLabel(text.slice(data.fix_prefix.length));
  for (const slot of slots || []) {
    const table = has(data.value_labels, slot) ? data.value_labels[slot] : null;
    if (table && has(table, text)) return table[text];
  }
  return has(data.words, text) ? data.words[text] : text;
}

// An answer the owner may change is a button that opens the fix; after the end it is text.
export function drawOwner(entry) {
  const { li, shown, slots } = entry;
  const { T } = chat;
  li.querySelectorAll(".bubble, .fix-menu").forEach((node) => node.remove());
  let bubble;
  if (slots.length && !chat.state.finished) {
    bubble = el("button", { type: "button", class: "bubble", title: T.fix_hint, "aria-label": fill(T.fix_aria, { text: shown }) },
      [textSpan(shown)]);
    bubble.append(icon(PENCIL));
    bubble.addEventListener("click", () => chooseFix(entry));
  } else {
    bubble = el("div", { class: "bubble" }, [el("span", { class: "sr-only", text: T.speaker_owner + ": " }), textSpan(shown)]);
  }
  li.prepend(bubble);
}

export function addOwner(text, messageId, slots) {
  const li = el("li", { class: "msg owner" });
  const entry = { li, shown: shownAs(text, messageId, slots), slots: askable(slots) };
  if (messageId) chat.state.owners.set(messageId, entry);
  drawOwner(entry);
  chat.node.log.append(li);
  return entry;
}

// The sources go under the message that names the first cited entry.
function citedIndex(turn) {
  if (!turn.citations || !turn.citations.length) return -1;
  const name = turn.citations[0].name;
  const found = turn.messages.findIndex((message) => message.includes(name));
  return found === -1 ? 0 : found;
}

function drawTurnMessages(turn, announceThem) {
  const cited = citedIndex(turn);
  const consent = isConsent(turn.expecting);
  turn.messages.forEach((message, i) => {
    addAssistant(message, {
      citations: i === cited ? turn.citations : null,
      consent: consent && i === turn.messages.length - 1,
      announce: announceThem,
    });
  });
}

export function showTurn(turn, announceThem) {
  drawTurnMessages(turn, announceThem);
  chat.state.expecting = turn.expecting;
  const ended = turn.expecting === null;
  setOptions(ended ? [] : turn.options, turn.expecting);
  showProgress(turn.expecting, ended);
  if (ended) finish();
  revealLatest();
}

// Draws a whole conversation from GET /api/sessions/{id}.
export function rebuild(view) {
  const { state } = chat;
  chat.node.log.replaceChildren();
  state.owners.clear();
  state.finished = Boolean(view.finished);
  const turn = view.turn;
  const transcript = view.transcript || [];
  // The last turn is drawn from the turn itself, which still has its sources.
  let tail = 0;
  if (turn && turn.messages.length) {
    const last = transcript.slice(-turn.messages.length);
    const same = last.length === turn.messages.length &&
      last.every((line, i) => line.role === "assistant" && line.text === turn.messages[i]);
    if (same) tail = turn.messages.length;
  }
  transcript.slice(0, transcript.length - tail).forEach((line) => {
    if (line.role === "owner") {
      addResumeNote();
      addOwner(line.text, line.message_id, line.slots);
    } else addAssistant(line.text);
  });
  if (tail) drawTurnMessages(turn, false);
  addResumeNote();
  state.expecting = view.expecting;
  setOptions(view.finished || !turn ? [] : turn.options, view.expecting);
  showProgress(view.expecting, view.finished);
  if (view.finished) finish();
  revealLatest();
}
