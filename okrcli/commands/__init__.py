"""One module per command: parse nothing, call the core, pick a reporter, return an int."""
