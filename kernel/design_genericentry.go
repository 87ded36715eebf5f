//go:build genericentry

package kernel

// genericEntry selects the design without a fast syscall path: every
// syscall goes through Run, entry.Syscall and Dispatch, the shape of
// Linux since 4.10 (docs/designs.md).
const genericEntry = true
