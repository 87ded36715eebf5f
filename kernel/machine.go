package kernel

import (
	"debug/elf"
	"time"

	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// TrapKind says why a task left user mode.
type TrapKind int

const (
	// TrapSyscall: the task executed SYSCALL / SVC.
	TrapSyscall TrapKind = iota
	// TrapInterrupt: a device interrupt (timer) arrived in user mode.
	TrapInterrupt
	// TrapFault: a synchronous exception caused by the user instruction.
	TrapFault
	// TrapTick: the periodic timer interrupt (TickPeriod).
	TrapTick
	// TrapSliceTimer: the timer Machine.ArmSliceTimer armed expired.
	TrapSliceTimer
	// TrapSyscallExit: the machine's fast path ran a syscall and found
	// exit work after it (FastSyscalls).
	TrapSyscallExit
)

// Trap describes one exit from user mode.
type Trap struct {
	Kind TrapKind
	// Vector is the x86 vector or the arm64 exception class.
	Vector int
	// Code is the x86 error code or the arm64 ESR_EL1.
	Code uint64
	// Addr is the faulting address (CR2, FAR_EL1) for memory faults.
	Addr uint64
}

// TickPeriod is the period of the timer interrupt the machine raises
// while a task runs: Linux's HZ=250.
const TickPeriod = 4 * time.Millisecond

// Context is a task's complete user CPU state, owned by the Machine:
// registers, FP/SIMD state and the thread pointer.
type Context interface {
	// Regs returns the saved general registers (pointer into the context).
	Regs() entry.Regs
	// TLS and SetTLS are the user thread pointer: FS base on amd64
	// (arch_prctl ARCH_SET_FS), TPIDR_EL0 on arm64.
	TLS() uint64
	SetTLS(v uint64)
	// FPState is the task's FP/SIMD save area, aliasing the live
	// copy: on amd64 the 512-byte FXSAVE image (amd64.Context.FX), on
	// arm64 the 528-byte user_fpsimd_state (V0-V31, FPSR, FPCR).
	// Signal frames save it and rt_sigreturn writes it back.
	FPState() []byte
}

// Machine is the CPU underneath: bare-metal on tamago, a fake in host
// tests.
type Machine interface {
	// NewContext returns the state of a fresh task that starts at entry
	// with the stack pointer at sp.
	NewContext(entry, sp uint64) Context
	// NewPageTable returns an empty user address space that keeps the
	// kernel mapped supervisor-only.
	NewPageTable() (mm.PageTable, error)
	// Frames and Phys are the user frame pool and access to it.
	Frames() mm.Frames
	Phys() mm.Phys
	// Switch makes pt the address space the next Runs enter (CR3,
	// TTBR0_EL1 and its ASID). The kernel calls it when another task is
	// about to run, so that Run, the hot path, only enters user mode.
	Switch(pt mm.PageTable)
	// Run enters user mode with ctx in the address space of the last
	// Switch and returns at the next trap, with ctx holding the user
	// state at that point.
	Run(ctx Context) Trap
	// CPU is the number of the CPU Run executes on.
	CPU() uint32
	// Layout is where user mappings may go on this board: the user
	// address limit and the ranges the kernel keeps for itself.
	Layout() mm.Layout
	// ArmSliceTimer makes Run return TrapSliceTimer d from now (give
	// or take the interrupt's latency), borrowing the tick's timer: the
	// tick it displaces keeps its time, TickPeriod after the one before.
	// A tick due before d leaves it unarmed: the tick revokes. Arming
	// again replaces the earlier timer. Linux: hrtimer_start of the
	// per-CPU slice timer.
	ArmSliceTimer(d time.Duration)
	// CancelSliceTimer disarms the slice timer and gives the tick its
	// timer back; without one armed it does nothing. Linux:
	// rseq_cancel_slice_extension_timer.
	CancelSliceTimer()
}

// Arch is the portable side of an architecture's Linux ABI: numbering,
// names, the layout differences the syscall handlers must respect, and how
// a fault turns into a signal.
type Arch interface {
	// Name is uname's machine field: "x86_64", "aarch64".
	Name() string
	// Sys maps the architecture's syscall number to a portable one.
	Sys(nr int) abi.Sys
	// Sysnos is the same mapping as a table indexed by number, for the
	// dispatcher's hot path.
	Sysnos() []abi.Sys
	// Fault turns a TrapFault into the signal Linux sends for it, with
	// si_code and the fault address.
	Fault(tr Trap, regs entry.Regs) (sig abi.Signal, code int, addr uint64)
	// Disassemble decodes the instruction at the start of code, located
	// at ip, for the fault report line.
	Disassemble(code []byte, ip uint64) string
	// PageFault says whether a TrapFault is a page fault that demand
	// paging may resolve, and what access it was.
	PageFault(tr Trap) (addr uint64, write, exec, ok bool)
	// ELF is what the loader needs to know of the architecture.
	ELF() ELFParams
}

// ELFParams are an architecture's executable-format facts (Linux's
// ELF_ARCH, ELF_PLATFORM, ELF_HWCAP, ELF_ET_DYN_BASE, MINSIGSTKSZ).
type ELFParams struct {
	Machine   elf.Machine
	Platform  string
	HWCap     uint64
	DynBase   uint64
	MinSigStk uint64
}
