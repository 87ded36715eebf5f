package ptrace

import "github.com/ringside-kernel/ringside/kernel/abi"

// Mode is how the tracer last resumed the tracee: the request given to
// PTRACE_SYSCALL, PTRACE_SYSEMU, PTRACE_SYSEMU_SINGLESTEP,
// PTRACE_SINGLESTEP or PTRACE_CONT.
type Mode uint8

const (
	// ModeNone: untraced, or resumed with PTRACE_CONT; no syscall stops.
	ModeNone Mode = iota
	// ModeSyscall: PTRACE_SYSCALL, stop at syscall entry and exit.
	ModeSyscall
	// ModeSysemu: PTRACE_SYSEMU, stop at entry and skip the syscall.
	ModeSysemu
	// ModeSysemuSinglestep: PTRACE_SYSEMU_SINGLESTEP, as ModeSysemu and
	// trap after each instruction.
	ModeSysemuSinglestep
	// ModeSinglestep: PTRACE_SINGLESTEP, trap after one instruction.
	ModeSinglestep
)

// ModeFor returns the mode a resume request selects, and false for a
// request that is not a resume request.
func ModeFor(request int) (Mode, bool) {
	switch request {
	case PTRACE_CONT:
		return ModeNone, true
	case PTRACE_SYSCALL:
		return ModeSyscall, true
	case PTRACE_SYSEMU:
		return ModeSysemu, true
	case PTRACE_SYSEMU_SINGLESTEP:
		return ModeSysemuSinglestep, true
	case PTRACE_SINGLESTEP:
		return ModeSinglestep, true
	}
	return ModeNone, false
}

// Regs is what a stop needs of the tracee's saved registers: Linux's
// asm/syscall.h accessors. entry.Regs is a superset.
type Regs interface {
	SyscallNr() int
	SetSyscallNr(nr int)
	SyscallArgs() [6]uint64
	SetSyscallArgs(a [6]uint64)
	Return() int64
	SetReturn(v int64)
	InstructionPointer() uint64
	StackPointer() uint64
}

// Tracer receives a traced task's stops. It stands for the tracer task
// of Linux: ptrace_stop puts the tracee to sleep and wakes the tracer;
// here the call is the stop and its return is the resume.
type Tracer interface {
	// SyscallStop reports a syscall-entry or syscall-exit stop (st.Stop
	// says which) with the signal the tracer's waitpid would see:
	// SIGTRAP, or SIGTRAP|0x80 under PTRACE_O_TRACESYSGOOD. The tracer
	// may read and change regs (SetSyscallNr(-1) at an entry stop
	// skips the syscall), call st.SyscallInfo, and set st.Mode to
	// choose how the tracee resumes.
	SyscallStop(st *State, regs Regs, sig int)
}

// State is a task's tracing state (task->ptrace, the tracer link and the
// kind of stop it is in). The zero value is an untraced task.
type State struct {
	// Tracer receives the stops; nil means untraced (no PT_PTRACED).
	Tracer Tracer
	// Options is the PTRACE_SETOPTIONS word.
	Options Options
	// Mode is the last resume request; the entry code derives its
	// syscall work bits from it (entry.Thread.SyncPtraceWork).
	Mode Mode
	// Arch is the tracee's AUDIT_ARCH_* value for
	// PTRACE_GET_SYSCALL_INFO (syscall_get_arch).
	Arch uint32

	// stop is the syscall stop the tracee is in, NONE outside one
	// (Linux keeps it in ptrace_message).
	stop Op
}

// Stop returns the kind of syscall stop the tracee is in.
func (st *State) Stop() Op { return st.stop }

// stopSignal is the exit code a syscall stop reports (ptrace_report_syscall).
func (st *State) stopSignal() int {
	sig := int(abi.SIGTRAP)
	if st.Options&PTRACE_O_TRACESYSGOOD != 0 {
		sig |= syscallStopBit
	}
	return sig
}

// reportSyscall runs one syscall stop of kind op
// (ptrace_report_syscall).
func (st *State) reportSyscall(regs Regs, op Op) {
	st.stop = op
	st.Tracer.SyscallStop(st, regs, st.stopSignal())
	st.stop = PTRACE_SYSCALL_INFO_NONE
}
