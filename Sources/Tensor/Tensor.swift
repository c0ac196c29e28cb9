// The Tensor module; see docs/ARCHITECTURE.md.
