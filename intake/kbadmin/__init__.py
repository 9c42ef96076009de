"""Staff administration of the knowledge base, the mentor roster and partners: versioned
edits kept in the database, overlaid on the shipped files and applied to the live index."""
