/* The one conversation this page holds: the page's JSON (#chat-data: texts, topics, labels),
   the elements the modules draw into, and the state they share. Null on a page without a chat. */

import { client } from "./api.js";
import { readStore, writeStore } from "./storage.js";

function build(dataNode) {
  const data = JSON.parse(dataNode.textContent);
  const $ = (id) => document.getElementById(id);
  const chat = {
    data,
    T: data.text,
    node: {
      log: $("log"),
      announcer: $("announcer"),
      typing: $("typing"),
      quick: $("quick"),
      composer: $("composer"),
      input: $("message"),
      sendButton: $("send"),
      scroller: $("scroller"),
      dock: $("dock"),
      progress: document.querySelector(".progress"),
      steps: Array.from(document.querySelectorAll(".steps .step")),
      progressFill: $("progress-fill"),
      progressStatus: $("progress-status"),
      copy: $("copy"),
      copyBody: $("copy-body"),
      copyStatus: $("copy-status"),
      copyActions: $("copy-actions"),
      copyPrint: $("copy-print"),
      resumeCurrent: $("resume-current"),
      resumeCode: $("resume-code"),
      resumeCopy: $("resume-copy"),
      resumeForm: $("resume-form"),
      resumeInput: $("resume-input"),
      resumeError: $("resume-error"),
      newChat: $("new-chat"),
      closeWidget: $("close-widget"),
      topbar: document.querySelector(".topbar"),
    },
    state: {
      session: null, // {session_id, token, resume_code, labels: {message id: label}, pending}
      busy: false,
      finished: false,
      options: [],
      expecting: null,
      owners: new Map(), // message id -> {li, shown, slots}
    },
    save() {
      writeStore(data.storage_key, chat.state.session);
    },
    stored() {
      return readStore(data.storage_key);
    },
    sessionPath(suffix) {
      return data.urls.sessions + "/" + encodeURIComponent(chat.state.session.session_id) + (suffix || "");
    },
  };
  chat.api = client(data.lang, chat.T.error_generic, () => (chat.state.session ? chat.state.session.token : null));
  return chat;
}

const dataNode = document.getElementById("chat-data");
export const chat = dataNode ? build(dataNode) : null;
