"""The catalog staff edit: knowledge-base entries and the mentor roster, saved as versions in
the database (models, versions), overlaid on the shipped files and applied to the running
search at once (live), with validation, the search preview and JSON Lines import and export."""
