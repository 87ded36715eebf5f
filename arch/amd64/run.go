//go:build tamago && amd64

package amd64

import "github.com/ringside-kernel/ringside/arch/internal/hexfmt"

// Per-CPU entry state (one CPU), read and written by entry.s.
var (
	kernelSP, kernelBP uint64
	kernelFS           uint64
	userSP             uint64
	curCtx             uintptr
	trapVector         uint64
	trapAddr           uint64

	kernelFaultIP, kernelFaultCode, kernelFaultAddr uint64
)

// defined in entry.s
func userEnter(ctx *Context) (vector uint64)

// syscallFast is never called from Go: SYSCALL lands in it, on the stack
// of userEnter's caller with userEnter's arguments, which is why it has
// the same signature (the stack unwinder reads its frame through it).
func syscallFast(ctx *Context) (vector uint64)

// Trap is one exit from ring 3.
type Trap struct {
	// Vector is the IDT vector, or TrapSyscall.
	Vector int
	// ErrorCode is the exception's error code (page faults: SDM Vol. 3A,
	// 4.7), -1 when the vector has none.
	ErrorCode uint64
	// Addr is CR2 for a page fault.
	Addr uint64
}

// TrapSyscall is Trap.Vector for a SYSCALL instruction;
// TrapSyscallExit for one the fast path ran, whose exit has work.
const (
	TrapSyscall     = trapSyscall
	TrapSyscallExit = trapSyscallExit
)

// Enter enters ring 3 with ctx and returns the vector of the next trap,
// TrapSyscall for a SYSCALL. A syscall needs nothing more; for anything
// else the caller calls TrapOf. With ctx's FastPath set, syscalls without
// work run inside Enter, which returns TrapSyscallExit for one whose exit
// has work.
//
// Preconditions: Init ran; the loaded page table maps ctx's user
// addresses; ctx stays referenced while Enter executes.
func Enter(ctx *Context) uint64 { return userEnter(ctx) }

// TrapOf describes the exception or interrupt with vector v that Enter
// returned. The error code of an exception arrives in orig_ax, where
// Linux's entry code also puts it; TrapOf moves it to the Trap and leaves
// orig_ax = -1 (no syscall), so the register file reads as Linux's does
// after the exception.
func TrapOf(ctx *Context, v uint64) Trap {
	tr := Trap{Vector: int(v), ErrorCode: ctx.Regs.OrigAX}
	ctx.Regs.OrigAX = ^uint64(0)
	if v == 14 {
		tr.Addr = trapAddr
	}
	return tr
}

// kernelFault is called by trapCommon for an exception taken in ring 0.
func kernelFault() {
	print("ringside: kernel fault: vector ", trapVector,
		" ip ", hexfmt.Uint64(kernelFaultIP),
		" code ", hexfmt.Uint64(kernelFaultCode),
		" addr ", hexfmt.Uint64(kernelFaultAddr), "\n")
	panic("kernel fault")
}
