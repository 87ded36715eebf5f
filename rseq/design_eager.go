//go:build rseqeager

package rseq

// EagerIDs selects the pre-2025 design: IDs rewritten on every exit to
// user mode (see ExitToUserModeFast).
const EagerIDs = true
