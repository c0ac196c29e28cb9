// The NotebookRunner module; see docs/ARCHITECTURE.md.
