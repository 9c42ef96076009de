/* The owner's chat (/ and /embed), as small ES modules served as they are:
     context    the page's JSON, its elements and the shared state
     api        calls to the service and their errors
     storage    the session kept in localStorage
     transcript the messages on screen
     quick      quick replies and several-at-once pickers
     fixes      changing an earlier answer
     progress   the progress bar
     composer   the message box and delivery with retries
     ending     the finished chat and the owner's copy
     session    starting, loading and resuming a conversation
     frame      the partner widget's frame and the pinned bars */

import { chat } from "./context.js";
import { installComposer } from "./composer.js";
import { installEnding } from "./ending.js";
import { installFrame } from "./frame.js";
import { installSession, openChat } from "./session.js";

if (chat) {
  installComposer();
  installSession();
  installEnding();
  installFrame();
  openChat();
}
