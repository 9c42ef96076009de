/* Calls to the service's JSON API, with the errors the rest of the chat tells apart: the
   server refused (HttpError, with its own message when it sent one) or the network failed. */

const RETRY_STATUSES = [502, 503, 504];
export const LOST_STATUSES = [401, 403, 404];

export class HttpError extends Error {
  constructor(status, message, fallback) {
    super(message || fallback);
    this.status = status;
    this.fromServer = Boolean(message);
  }
}
export class NetworkError extends Error {}

export const retryable = (error) =>
  error instanceof NetworkError || (error instanceof HttpError && RETRY_STATUSES.includes(error.status));

// The server's own message when it sent one, else the given fallback.
export const said = (error, fallback) => (error instanceof HttpError && error.fromServer ? error.message : fallback);

export function client(lang, genericError, token) {
  return async function api(method, path, body, options) {
    const headers = { Accept: (options && options.accept) || "application/json", "Accept-Language": lang };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const bearer = options && options.auth ? token() : null;
    if (bearer) headers.Authorization = "Bearer " + bearer;
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
      throw new HttpError(response.status, message, genericError);
    }
    return type.includes("json") ? response.json() : response.text();
  };
}
