// The Techniques module; see docs/ARCHITECTURE.md.
