// Instant results, the "/" shortcut and the filter drawer: progressive enhancement of the search page.
