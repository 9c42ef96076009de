/* The session (id, token, resume code, the labels of buttons pressed, a message not yet
   acknowledged) kept in localStorage, so a reload or a visit the next day picks the
   conversation up again. */

export function readStore(key) {
  try {
    const stored = JSON.parse(localStorage.getItem(key) || "null");
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

export function writeStore(key, session) {
  try {
    if (session) localStorage.setItem(key, JSON.stringify(session));
    else localStorage.removeItem(key);
  } catch (error) {
    // See readStore.
  }
}
