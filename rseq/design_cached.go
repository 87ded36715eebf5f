//go:build !rseqeager

package rseq

// EagerIDs is false in the default design: IDs are cached and written
// only when they change.
const EagerIDs = false
