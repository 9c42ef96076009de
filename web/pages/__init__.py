"""Server-rendered pages (Jinja2 templates under web/templates/)."""
