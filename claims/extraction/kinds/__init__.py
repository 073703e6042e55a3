"""One module per claim kind: the patterns that find it inside what a speaker says."""
