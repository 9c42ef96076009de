"""Partner portals that embed the chat widget: the partner (schemas), its table (models), the
live store the widget and the CLI use and the versioned edits of the admin pages (service),
and what refuses an unknown partner (errors)."""
