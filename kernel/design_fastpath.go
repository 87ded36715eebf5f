//go:build !genericentry

package kernel

// genericEntry is false in the default design: the machine's fast
// syscall path runs syscalls without work (FastSyscalls).
const genericEntry = false
