"""What the buttons and commands do: Excel entry points, narrative, Word, import, and the CLI."""
