"""The command line: a front end over engine/, beside gui/ (neither imports the other)."""
