"""The text format of each command: Rich on a terminal, plain lines when piped."""
