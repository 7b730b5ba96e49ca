// Placeholder: tests for issue 15 land here.
