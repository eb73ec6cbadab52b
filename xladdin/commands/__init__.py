"""One module per CLI command, each a thin click layer over the library."""
