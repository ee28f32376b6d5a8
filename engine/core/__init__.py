"""The bottom floor: settings and their declarations, the run's configuration, the random draw, the
run record, the measuring rule, the language of sentences, files."""
