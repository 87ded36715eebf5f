package amd64

// FastPath is what syscallFast (entry.s) reads to run a syscall without
// returning from Enter: kernel.FastSyscalls as addresses. The zero value
// disables the path: every syscall returns TrapSyscall.
//
// The fields are uintptrs, not pointers, to keep Context free of
// pointers: Go puts an 8-byte header in front of a large object that has
// them, which would break the 16-byte alignment entry.s relies on. The
// caller keeps every object they point to reachable while the task runs
// (they are all parts of the task); the Go heap does not move objects.
type FastPath struct {
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

// SetFastPath installs the fast syscall path's view of the task.
func (c *Context) SetFastPath(f FastPath) { c.fast = f }
