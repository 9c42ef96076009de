"""The composition root: settings, the command line and the wiring of the other packages.

`assistant`, `knowledge` and `retrieval` stay plain Python; this package and `web` are the
only places that know about processes, files on disk and servers."""
