// Package fastpath is the layout both architectures' fast syscall paths
// read (amd64.FastPath, arm64.FastPath): kernel.FastSyscalls as
// addresses.
package fastpath

// Path is what an architecture's entry code reads of a task to run a
// syscall without returning to the kernel's Go loop. The zero value
// disables the path: NCalls is 0, so every number is out of range.
//
// The fields are uintptrs, not pointers, so that the Context holding a
// Path has no pointers: Go puts an 8-byte header in front of a large
// object that has them, which would break the alignment the entry code
// relies on. The caller keeps every object they point to reachable while
// the task runs (they are all parts of the task); the Go heap does not
// move objects.
type Path struct {
	// Task is every handler's argument.
	Task uintptr
	// Calls points at NCalls Go func values, indexed by syscall
	// number, each a func(unsafe.Pointer) (int64, uintptr); a nil slot
	// takes the slow path.
	Calls  uintptr
	NCalls uint64
	// Work is the address of the task's work word (uint32), tested
	// against Mask before and after the handler.
	Work uintptr
	Mask uint32
	// Rseq is the address of a uint32 that must be zero after the
	// handler.
	Rseq uintptr
	// Current is the address of the running task's pointer, which must
	// equal Task after the handler.
	Current uintptr
}
