//go:build tamago && arm64

package arm64

import (
	"runtime/goos"

	"github.com/ringside-kernel/ringside/arch/internal/hexfmt"
)

// Per-CPU entry state (one CPU), read and written by entry.s.
var (
	kernelSP, kernelFP, kernelG, kernelLR uint64
	kernelFPCR                            uint64

	trapKind, trapESR, trapFAR uint64

	kernelFaultVector, kernelFaultESR uint64
	kernelFaultELR, kernelFaultFAR    uint64
	stopping                          bool
)

// kernelFPCR is the kernel's FPCR, which Go code runs with: userTrap
// (or, with lazyfp, fpTrap) puts it back after saving the task's.
func init() { kernelFPCR = readFPCR() }

// Exception kinds, by the lower-EL vector that took them (D1.10.2).
const (
	trapSync = iota
	trapIRQ
	trapFIQ
	trapSError

	// trapSyscallExit is no vector: the fast path ran an SVC and left
	// the exit, which has work (FastPath).
	trapSyscallExit
)

// defined in entry.s
func userEnter(ctx *Context) (kind uint64)
func vectorsAddr() uint64

// syscallFast is never called from Go: userTrap branches to it on
// userEnter's stack with userEnter's arguments, which is why it has the
// same signature (the stack unwinder reads its frame through it).
func syscallFast(ctx *Context) (kind uint64)

// TrapKind is the vector an exception from EL0 arrived through.
type TrapKind int

const (
	// TrapSync: a synchronous exception (SVC, abort, undefined
	// instruction, ...); ESR_EL1 says which.
	TrapSync TrapKind = trapSync
	// TrapIRQ and TrapFIQ: an interrupt arrived while EL0 ran.
	TrapIRQ TrapKind = trapIRQ
	TrapFIQ TrapKind = trapFIQ
	// TrapSError: an asynchronous external abort.
	TrapSError TrapKind = trapSError
	// TrapSyscallExit: the fast path ran an SVC whose exit has work;
	// pt_regs reads as after the handler.
	TrapSyscallExit TrapKind = trapSyscallExit
)

// Trap is one exit from EL0.
type Trap struct {
	Kind TrapKind
	// ESR is ESR_EL1 for TrapSync and TrapSError, zero otherwise.
	ESR uint64
	// FAR is FAR_EL1 for aborts and PC alignment faults, zero
	// otherwise (the register is UNKNOWN then).
	FAR uint64
}

// ESR_EL1 exception classes Run distinguishes (D19.2.42).
const (
	ECSVC64    = 0x15
	ecIAbortLo = 0x20
	ecPCAlign  = 0x22
	ecDAbortLo = 0x24
	ecWatchLo  = 0x34

	// ecFPAccess is an FP/SIMD access trapped by CPACR_EL1.FPEN, taken
	// at EL1 only in the lazyfp design (fpTrap).
	ecFPAccess = 0x07
	// ecDAbortCur is a data abort taken at EL1: a user copy's
	// (uaccessFixup), or a kernel bug.
	ecDAbortCur = 0x25
)

// EC returns the exception class of a synchronous trap.
func (t Trap) EC() int { return int(t.ESR>>26) & 0x3f }

// pstateUser are the pstate bits a task keeps: NZCV. Everything else is
// forced to EL0t, AArch64, exceptions unmasked (Linux's
// valid_user_regs).
const pstateUser = 0xf << 28

// Run enters EL0 with ctx and returns at the next exception from EL0.
// For an SVC, pt_regs reads as Linux's el0_svc leaves it: orig_x0 = x0,
// syscallno = x8 (PC already past the SVC); for anything else syscallno
// is NO_SYSCALL.
//
// Preconditions: TTBR0_EL1 holds tables that map ctx's user addresses
// and the kernel; ctx stays referenced while Run executes.
func Run(ctx *Context) Trap {
	ctx.Regs.Pstate &= pstateUser
	keepFP(ctx)

	k := userEnter(ctx)
	if k == trapSyscallExit {
		return Trap{Kind: TrapSyscallExit}
	}

	tr := Trap{Kind: TrapKind(k)}
	ctx.Regs.Syscallno = NoSyscall
	switch tr.Kind {
	case TrapSync:
		tr.ESR = trapESR
		switch tr.EC() {
		case ECSVC64:
			ctx.Regs.OrigX0 = ctx.Regs.X[0]
			ctx.Regs.Syscallno = int32(ctx.Regs.X[8])
		case ecIAbortLo, ecPCAlign, ecDAbortLo, ecWatchLo:
			tr.FAR = trapFAR
		}
	case TrapSError:
		tr.ESR = trapESR
	}
	return tr
}

// kernelFault is called by kernelException for an exception taken at
// EL1: a kernel bug. One line, then the board's exit (QEMU ends); if the
// exit itself faults, the CPU stops here.
func kernelFault() {
	print("ringside: kernel exception: vector ", kernelFaultVector,
		" esr ", hexfmt.Uint64(kernelFaultESR),
		" elr ", hexfmt.Uint64(kernelFaultELR),
		" far ", hexfmt.Uint64(kernelFaultFAR), "\n")
	if !stopping && goos.Exit != nil {
		stopping = true
		goos.Exit(70)
	}
	for {
		WaitForInterrupt()
	}
}
