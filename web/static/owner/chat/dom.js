/* Small DOM and text helpers shared by the chat's modules. Text only ever reaches the page
   through textContent (el's "text"), never as markup. */

export const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (whole, name) => (has(values, name) ? String(values[name]) : whole));

export function el(tag, attributes, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children || []) node.append(child);
  return node;
}

export const SEND = "M3 10l13-6-4.5 13-2.2-5.3z";
export const PENCIL = "M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8l-9.5 9.5-4.3 1.2 1.2-4.3z";

export function icon(path) {
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

// A version-4 UUID; crypto.randomUUID is missing on plain-HTTP pages (not a secure context).
export function uuid() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
