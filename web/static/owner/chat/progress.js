/* The progress bar over the chat: which topic the current question belongs to. */

import { chat } from "./context.js";
import { el, fill, has } from "./dom.js";

function topicOf(expecting) {
  const { slot_topics: topics, wrap_up_topic: wrapUp } = chat.data;
  if (!expecting) return null;
  if (has(topics, expecting)) return topics[expecting];
  const prefix = expecting.split(".")[0];
  return has(topics, prefix) ? topics[prefix] : wrapUp;
}

export function showProgress(expecting, finished) {
  const { data, T } = chat;
  const { steps, progressFill, progressStatus } = chat.node;
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
