"""Cases: a finished, consented conversation becomes a case holding its needs brief. Creating
and reading a case and its brief (and the owner's copy of it) live here; what mentors then do
with the case is `casework`."""
