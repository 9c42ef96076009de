/* The owner's chat (/ and /embed). Everything it shows comes from the page's JSON
   (#chat-data: texts, topics, labels) or from the API; owner and server text only ever
   reaches the page through textContent. The one exception is the owner's copy at the end,
   an HTML fragment this service renders with autoescaping.

   A session (id, token, resume code) lives in localStorage, so a reload or a visit the next
   day rebuilds the conversation from GET /api/sessions/{id}. Each message carries a uuid
   that is reused when it is sent again after a network failure, so it is never taken twice. */
(function () {
  "use strict";

  const dataNode = document.getElementById("chat-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const T = data.text;
  const API = data.urls.sessions;
  const RETRY_DELAYS = [800, 2000, 4000];
  const RETRY_STATUSES = [502, 503, 504];
  const LOST_STATUSES = [401, 403, 404];
  const CONSENT_YES = "yes"; // the value of the engine's "I agree" button

  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const announcer = $("announcer");
  const typing = $("typing");
  const quick = $("quick");
  const composer = $("composer");
  const input = $("message");
  const sendButton = $("send");
  const scroller = $("scroller");
  const dock = $("dock");
  const progress = document.querySelector(".progress");
  const steps = Array.from(document.querySelectorAll(".steps .step"));
  const progressFill = $("progress-fill");
  const progressStatus = $("progress-status");
  const copy = $("copy");
  const copyBody = $("copy-body");
  const copyStatus = $("copy-status");
  const copyActions = $("copy-actions");
  const resumeCurrent = $("resume-current");
  const resumeCode = $("resume-code");
  const resumeForm = $("resume-form");
  const resumeInput = $("resume-input");
  const resumeError = $("resume-error");

  const state = {
    session: null, // {session_id, token, resume_code, labels: {message id: label}, pending}
    busy: false,
    finished: false,
    options: [],
    expecting: null,
    owners: new Map(), // message id -> {li, shown, slots}
  };

  // ---- small helpers ----------------------------------------------------------------------

  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (has(values, name) ? String(values[name]) : whole));

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function icon(path) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.classList.add("edit");
    const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    shape.setAttribute("fill", "currentColor");
    svg.append(shape);
    return svg;
  }
  const SEND = "M3 10l13-6-4.5 13-2.2-5.3z";
  const PENCIL = "M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8l-9.5 9.5-4.3 1.2 1.2-4.3z";

  function uuid() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // ---- storage ----------------------------------------------------------------------------

  function readStore() {
    try {
      const stored = JSON.parse(localStorage.getItem(data.storage_key) || "null");
      if (stored && typeof stored.session_id === "string" && typeof stored.token === "string") {
        return {
          session_id: stored.session_id,
          token: stored.token,
          resume_code: typeof stored.resume_code === "string" ? stored.resume_code : null,
          labels: stored.labels && typeof stored.labels === "object" ? stored.labels : {},
          pending: stored.pending && typeof stored.pending.id === "string" ? stored.pending : null,
        };
      }
    } catch (error) {
      // Storage blocked (a strict privacy setting, a third-party frame): the chat still
      // works, it just cannot be picked up after a reload.
    }
    return null;
  }

  function writeStore() {
    try {
      if (state.session) localStorage.setItem(data.storage_key, JSON.stringify(state.session));
      else localStorage.removeItem(data.storage_key);
    } catch (error) {
      // See readStore.
    }
  }

  // ---- the API ----------------------------------------------------------------------------

  class HttpError extends Error {
    constructor(status, message) {
      super(message || T.error_generic);
      this.status = status;
      this.fromServer = Boolean(message);
    }
  }
  class NetworkError extends Error {}

  async function api(method, path, body, options) {
    const headers = { Accept: (options && options.accept) || "application/json", "Accept-Language": data.lang };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (options && options.auth && state.session) headers.Authorization = "Bearer " + state.session.token;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      throw new NetworkError(String(error));
    }
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      let message = null;
      if (type.includes("json")) {
        try {
          const answer = await response.json();
          if (answer && answer.error && typeof answer.error.message === "string") message = answer.error.message;
        } catch (error) {
          message = null;
        }
      }
      throw new HttpError(response.status, message);
    }
    return type.includes("json") ? response.json() : response.text();
  }

  const sessionPath = (suffix) => API + "/" + encodeURIComponent(state.session.session_id) + (suffix || "");
  const retryable = (error) => error instanceof NetworkError || (error instanceof HttpError && RETRY_STATUSES.includes(error.status));

  // ---- drawing the conversation ----------------------------------------------------------

  function announce(text) {
    announcer.append(el("p", { text }));
    while (announcer.childNodes.length > 6) announcer.firstChild.remove();
  }

  function scrollerScrolls() {
    return getComputedStyle(scroller).overflowY === "auto";
  }

  // Brings a node into view above the pinned message box (or at the top, below the pinned
  // progress bar). scrollIntoView is avoided: inside a partner's frame it can scroll their page.
  function reveal(node, where) {
    if (!node || node.hidden) return;
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

  function revealLatest() {
    reveal(typing.hidden ? log.lastElementChild : typing, "end");
  }

  function sourcesNode(citations) {
    const list = el("ul");
    for (const citation of citations) {
      const item = el("li");
      const label = el("span", { class: "source-label", text: T.source_label });
      if (/^https?:\/\//i.test(citation.source)) {
        item.append(label, el("a", { href: citation.source, target: "_blank", rel: "noopener noreferrer", text: citation.name }));
      } else {
        const summary = el("summary", {}, [label, citation.name]);
        item.append(el("details", {}, [summary, el("p", { text: citation.source })]));
      }
      list.append(item);
    }
    return el("div", { class: "sources" }, [list]);
  }

  // A message in the other language than the page's (said before a switch) keeps its own
  // lang, so a screen reader reads it with the right voice.
  const HANGUL = /[\uAC00-\uD7A3]/;
  function textSpan(text) {
    const span = el("span", { class: "text", text });
    const other = data.lang === "ko" ? "en" : "ko";
    const inOther = other === "ko" ? HANGUL.test(text) : !HANGUL.test(text) && /[A-Za-z]{2,}/.test(text);
    if (inOther) span.setAttribute("lang", other);
    return span;
  }

  function addAssistant(text, options) {
    const item = el("li", { class: "msg assistant" + (options && options.consent ? " consent" : "") });
    item.append(el("div", { class: "bubble" }, [el("span", { class: "sr-only", text: T.speaker_assistant + ": " }), textSpan(text)]));
    if (options && options.citations && options.citations.length) item.append(sourcesNode(options.citations));
    log.append(item);
    if (options && options.announce) announce(text);
    return item;
  }

  function addNote(kind, parts, action) {
    const item = el("li", { class: "note " + kind }, parts);
    if (action) item.append(el("br"), action);
    log.append(item);
    return item;
  }

  function notice(text, kind, action) {
    const item = addNote(kind || "error", [text], action);
    announce(text);
    revealLatest();
    return item;
  }

  function addResumeNote() {
    const code = state.session && state.session.resume_code;
    if (!code || log.querySelector(".note.resume")) return;
    const [before, after] = T.resume_chat_note.split("{code}");
    addNote("resume", [before || "", el("strong", { class: "code", text: code }), after || ""]);
    resumeCode.textContent = code;
    resumeCurrent.hidden = false;
  }

  function shownAs(text, messageId, slots) {
    const labels = (state.session && state.session.labels) || {};
    if (messageId && has(labels, messageId)) return labels[messageId];
    if (text.startsWith(data.fix_prefix)) return fixLabel(text.slice(data.fix_prefix.length));
    for (const slot of slots || []) {
      const table = has(data.value_labels, slot) ? data.value_labels[slot] : null;
      if (table && has(table, text)) return table[text];
    }
    return has(data.words, text) ? data.words[text] : text;
  }

  function drawOwner(entry) {
    const { li, shown, slots } = entry;
    li.querySelectorAll(".bubble, .fix-menu").forEach((node) => node.remove());
    let bubble;
    if (slots.length && !state.finished) {
      bubble = el("button", { type: "button", class: "bubble", title: T.fix_hint, "aria-label": fill(T.fix_aria, { text: shown }) },
        [textSpan(shown)]);
      bubble.append(icon(PENCIL));
      bubble.addEventListener("click", () => chooseFix(entry));
    } else {
      bubble = el("div", { class: "bubble" }, [el("span", { class: "sr-only", text: T.speaker_owner + ": " }), textSpan(shown)]);
    }
    li.prepend(bubble);
  }

  // Only slots the flow asks about can be asked again (not, say, a stage implied by a year).
  const askable = (slots) => (slots || []).filter((slot) => has(data.slot_labels, slot));

  function addOwner(text, messageId, slots) {
    const li = el("li", { class: "msg owner" });
    const entry = { li, shown: shownAs(text, messageId, slots), slots: askable(slots) };
    if (messageId) state.owners.set(messageId, entry);
    drawOwner(entry);
    log.append(li);
    return entry;
  }

  function closeFixMenus() {
    log.querySelectorAll(".fix-menu").forEach((menu) => menu.remove());
  }

  function fixLabel(slot) {
    return fill(T.fix_option, { label: has(data.slot_labels, slot) ? data.slot_labels[slot] : slot });
  }

  function chooseFix(entry) {
    if (state.busy || state.finished) return;
    if (entry.slots.length === 1) {
      send(data.fix_prefix + entry.slots[0], fixLabel(entry.slots[0]));
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
        send(data.fix_prefix + slot, fixLabel(slot));
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

  function setFixable(transcript) {
    for (const line of transcript) {
      if (line.role !== "owner" || !line.message_id || !state.owners.has(line.message_id)) continue;
      const entry = state.owners.get(line.message_id);
      const slots = askable(line.slots);
      if (slots.join() !== entry.slots.join()) {
        entry.slots = slots;
        drawOwner(entry);
      }
    }
  }

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
      [icon(SEND), T.multi_send]);
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

  // The quick replies; the summary's "change this answer" buttons, when they come with
  // answers to the question (the consent buttons), wait behind one toggle.
  function setOptions(options, expecting) {
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

  const isConsent = (expecting) => typeof expecting === "string" && expecting.split(".")[0] === "consent";

  function topicOf(expecting) {
    if (!expecting) return null;
    if (has(data.slot_topics, expecting)) return data.slot_topics[expecting];
    const prefix = expecting.split(".")[0];
    return has(data.slot_topics, prefix) ? data.slot_topics[prefix] : data.wrap_up_topic;
  }

  function showProgress(expecting, finished) {
    const ids = data.topics.map((topic) => topic.id);
    let index;
    if (finished) index = ids.length;
    else {
      const topic = topicOf(expecting);
      if (topic === null) return;
      index = ids.indexOf(topic);
      if (index === -1) index = ids.length;
    }
    steps.forEach((step, i) => {
      step.classList.toggle("done", i < index);
      step.classList.toggle("current", i === index);
      if (i === index) step.setAttribute("aria-current", "step");
      else step.removeAttribute("aria-current");
      let mark = step.querySelector(".step-state");
      if (!mark) {
        mark = el("span", { class: "sr-only step-state" });
        step.append(mark);
      }
      mark.textContent = i < index ? " (" + T.step_done + ")" : "";
    });
    progressFill.style.width = Math.round((index / ids.length) * 100) + "%";
    let status;
    if (finished) status = T.progress_finished;
    else if (index === ids.length) status = T.progress_contact;
    else status = fill(T.progress_status, { n: index + 1, total: ids.length, topic: data.topics[index].label });
    if (progressStatus.textContent !== status) progressStatus.textContent = status;
  }

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

  function showTurn(turn, announceThem) {
    drawTurnMessages(turn, announceThem);
    state.expecting = turn.expecting;
    const ended = turn.expecting === null;
    setOptions(ended ? [] : turn.options, turn.expecting);
    showProgress(turn.expecting, ended);
    if (ended) finish();
    revealLatest();
  }

  function rebuild(view) {
    log.replaceChildren();
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

  // ---- the end: the owner's copy ----------------------------------------------------------

  function finish() {
    state.finished = true;
    state.owners.forEach(drawOwner);
    quick.hidden = true;
    // Said once, by the page: the conversation is over and the results below say what comes next.
    if (!log.querySelector(".note.finished")) addNote("finished", [T.finished_note]);
    input.placeholder = T.finished_placeholder;
    if (copy.hidden) loadCopy();
  }

  async function loadCopy() {
    copy.hidden = false;
    copyStatus.textContent = T.copy_loading;
    try {
      const html = await api("GET", data.urls.owner_copy + encodeURIComponent(state.session.session_id), undefined,
        { auth: true, accept: "text/html" });
      const fragment = new DOMParser().parseFromString(html, "text/html");
      copyBody.replaceChildren(...Array.from(fragment.body.childNodes, (node) => document.importNode(node, true)));
      copyStatus.textContent = "";
      copyActions.hidden = false;
      announce(T.copy_title);
      reveal(copy, "start");
    } catch (error) {
      copyStatus.textContent = error instanceof HttpError && error.fromServer ? error.message : T.copy_failed;
    }
  }

  // ---- sending ----------------------------------------------------------------------------

  function setBusy(busy) {
    state.busy = busy;
    typing.hidden = !busy;
    sendButton.setAttribute("aria-disabled", busy ? "true" : "false");
    if (busy) revealLatest();
  }

  async function refreshSlots() {
    try {
      const view = await api("GET", sessionPath(), undefined, { auth: true });
      setFixable(view.transcript || []);
    } catch (error) {
      // Only the "click an answer to change it" buttons wait for this; the next turn retries.
    }
  }

  async function postWithRetry(messageId, text) {
    let warned = false;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await api("POST", sessionPath("/messages"), { client_message_id: messageId, text }, { auth: true });
      } catch (error) {
        if (!retryable(error) || attempt >= RETRY_DELAYS.length) throw error;
        if (!warned) {
          notice(T.retrying, "info");
          warned = true;
        }
        await sleep(RETRY_DELAYS[attempt]);
      }
    }
  }

  async function deliver(messageId, text, entry, options) {
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
    state.session.pending = null;
    writeStore();
    setBusy(false);
    showTurn(answer.turn, true);
    if (options && options.keyboard) input.focus({ preventScroll: true });
    if (answer.turn.expecting !== null) refreshSlots();
  }

  function refused(error, messageId, text, entry, options) {
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
    writeStore();
    if (options && options.typed && !input.value) {
      input.value = text;
      autosize();
    }
    notice(error instanceof HttpError ? error.message : T.error_generic, "error");
    setOptions(state.options, state.expecting);
    if (error instanceof HttpError && LOST_STATUSES.includes(error.status)) resumeCurrent.hidden = true;
  }

  function send(text, label, options) {
    if (state.busy || !state.session) return;
    closeFixMenus();
    const messageId = uuid();
    if (label && label !== text) state.session.labels[messageId] = label;
    state.session.pending = { id: messageId, text, label: label || null };
    writeStore();
    const entry = addOwner(text, messageId, []);
    entry.li.classList.add("sending");
    quick.hidden = true;
    deliver(messageId, text, entry, options);
  }

  // The box grows with what is typed (up to its CSS max-height); empty, it is one line again.
  function autosize() {
    input.style.height = "";
    if (input.value) input.style.height = Math.min(input.scrollHeight, 160) + "px";
  }

  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || state.busy) return;
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

  // ---- starting, loading, resuming --------------------------------------------------------

  async function start() {
    try {
      const body = { lang: data.lang };
      if (data.partner) body.partner = data.partner;
      const created = await api("POST", API, body);
      state.session = { session_id: created.session_id, token: created.token, resume_code: created.resume_code || null, labels: {}, pending: null };
      writeStore();
      log.replaceChildren();
      state.owners.clear();
      showTurn(created.turn, true);
      addResumeNote();
      // A new conversation opens at its beginning: the partner's greeting and the first question.
      scroller.scrollTop = 0;
      window.scrollTo(0, 0);
    } catch (error) {
      notice(error instanceof HttpError && error.fromServer ? error.message : T.start_failed, "error");
    }
  }

  async function load() {
    let view = await api("GET", sessionPath(), undefined, { auth: true });
    if (view.lang !== data.lang) {
      if (!data.lang_explicit) {
        // The conversation speaks the other language: show the page in it.
        location.replace(data.urls.other_lang);
        return;
      }
      await api("POST", sessionPath("/language"), { lang: data.lang }, { auth: true });
      view = await api("GET", sessionPath(), undefined, { auth: true });
    }
    rebuild(view);
    const pending = state.session.pending;
    if (pending && !view.finished) {
      const taken = (view.transcript || []).some((line) => line.role === "owner" && line.message_id === pending.id);
      if (taken) {
        state.session.pending = null;
        writeStore();
      } else {
        // Sent before the reload but never acknowledged: send it again under the same id.
        const entry = addOwner(pending.text, pending.id, []);
        entry.li.classList.add("sending");
        deliver(pending.id, pending.text, entry, {});
      }
    }
  }

  // Typing is what the page is for: the box has the focus from the start.
  async function init() {
    await open();
    input.focus({ preventScroll: true });
  }

  async function open() {
    const stored = readStore();
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
        writeStore();
        notice(T.session_lost, "info");
        await start();
        return;
      }
      const again = el("button", { type: "button", class: "button small", text: T.retry });
      again.addEventListener("click", () => location.reload());
      notice(error instanceof HttpError && error.fromServer ? error.message : T.error_generic, "error", again);
    }
  }

  // A code typed by hand ("k7qf 92xm") is shown the way it was given out ("K7QF-92XM").
  function shownCode(code) {
    const compact = code.toUpperCase().replace(/[^0-9A-Z]/g, "");
    return compact.length === 8 ? compact.slice(0, 4) + "-" + compact.slice(4) : code.toUpperCase();
  }

  resumeForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = resumeInput.value.trim();
    if (!code) {
      resumeError.textContent = T.resume_failed;
      resumeInput.focus();
      return;
    }
    const previous = state.session;
    try {
      const resumed = await api("POST", API + "/resume", { code, lang: data.lang });
      state.session = { session_id: resumed.session_id, token: resumed.token, resume_code: shownCode(code), labels: {}, pending: null };
      writeStore();
      resumeError.textContent = "";
      resumeInput.value = "";
      copy.hidden = true;
      copyBody.replaceChildren();
      copyActions.hidden = true;
      await load();
      notice(T.resume_done, "ok");
      input.focus({ preventScroll: true });
    } catch (error) {
      if (state.session !== previous && !(error instanceof HttpError)) {
        state.session = previous;
        writeStore();
      }
      resumeError.textContent = error instanceof HttpError && error.fromServer ? error.message : T.resume_failed;
    }
  });

  $("resume-copy").addEventListener("click", async (event) => {
    const button = event.currentTarget;
    try {
      await navigator.clipboard.writeText(resumeCode.textContent);
      button.textContent = T.copied;
      setTimeout(() => { button.textContent = T.copy_code; }, 2000);
    } catch (error) {
      // No clipboard access (an insecure page, a refused permission): select the code instead.
      const range = document.createRange();
      range.selectNodeContents(resumeCode);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
  });

  $("new-chat").addEventListener("click", () => {
    if (!window.confirm(T.new_chat_confirm)) return;
    state.session = null;
    writeStore();
    location.reload();
  });

  $("copy-print").addEventListener("click", () => window.print());

  // ---- inside the partner widget's frame --------------------------------------------------

  const closeButton = $("close-widget");
  if (data.in_widget && window.parent !== window) {
    const close = () => window.parent.postMessage({ type: "intake-widget:close" }, "*");
    if (closeButton) closeButton.addEventListener("click", close);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) close();
    });
    window.addEventListener("message", (event) => {
      if (event.source === window.parent && event.data && event.data.type === "intake-widget:focus") {
        input.focus({ preventScroll: true });
      }
    });
  } else if (closeButton) {
    closeButton.hidden = true; // opened on its own, there is no widget to close
  }

  // The pinned bars' heights, for the CSS that keeps messages clear of them.
  const topbar = document.querySelector(".topbar");
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      document.documentElement.style.setProperty("--dock-h", dock.offsetHeight + 16 + "px");
      document.documentElement.style.setProperty("--top-h", topbar.offsetHeight + "px");
    }).observe(dock);
  }

  init();
})();
