"""HTTP, pages and the widget: parse, call the plain-Python packages, render."""
