package entry

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
	"github.com/ringside-kernel/ringside/rseq"
)

// Syscall runs one system call from user mode, the whole path: entry
// work, dispatch, the return value, exit work. The arch trap handler
// calls it with the number the task entered with. Linux: do_syscall_64,
// el0_svc_common.
//
// It is SyscallEnterFromUserMode, the dispatch and SyscallExitToUserMode
// with their checks written out, so that a syscall without work makes
// one call into the kernel and none into entry's own steps.
func (t *Thread) Syscall(nr int) {
	if work := t.work.load(); !enterFast(work, nr) {
		nr = t.syscallEnterSlow(nr, work)
	}

	if nr != -1 {
		t.Regs.SetReturn(t.Kernel.Dispatch(t, nr))
	}

	if work := t.work.load(); !t.exitFast(work) {
		t.syscallExitSlow(work)
	}
}

// enterFast says whether syscall entry has nothing to do: no entry work,
// and not a user-issued syscall(-1).
func enterFast(work Work, nr int) bool {
	return work&SyscallEnterWork == 0 && nr != -1
}

// exitFast says whether syscall exit has nothing to do: no syscall or
// exit work, rseq's check passes, no rseq debug check.
func (t *Thread) exitFast(work Work) bool {
	return !rseqDebug && work&(SyscallExitWork|ExitWork) == 0 &&
		rseq.ExitToUserModeFast(&t.Rseq)
}

// SyscallEnterFromUserMode runs the syscall entry work and returns the
// number to run, or -1 to skip the syscall. For a skipped syscall the
// return register already holds the result: -ENOSYS, or what the tracer
// wrote. Linux: syscall_enter_from_user_mode (the arch entry has noted
// the entry from user mode and enabled interrupts).
func (t *Thread) SyscallEnterFromUserMode(nr int) int {
	if work := t.work.load(); !enterFast(work, nr) {
		return t.syscallEnterSlow(nr, work)
	}
	return nr
}

// syscallEnterSlow is the entry with work to do, or a user-issued
// syscall(-1), which is skipped like a traced one.
func (t *Thread) syscallEnterSlow(nr int, work Work) int {
	if work&SyscallEnterWork != 0 {
		return t.syscallTraceEnter(nr, work)
	}
	t.Regs.SetReturn(abi.ENOSYS.Ret())
	return -1
}

// syscallTraceEnter is the slow entry path, in Linux's order. It first
// puts -ENOSYS in the return register, as x86's entry_64.S does for
// every syscall: a tracer sees it at the entry stop and a skipped
// syscall returns it unless the tracer wrote another value. Only this
// path needs it, the fast path always dispatches. arm64 Linux presets it
// only for syscall(-1), since x0 is also the first argument: the arm64
// port must keep x0 visible to the tracer here. Linux:
// syscall_trace_enter.
func (t *Thread) syscallTraceEnter(nr int, work Work) int {
	t.Regs.SetReturn(abi.ENOSYS.Ret())

	// Slot: syscall user dispatch comes first, its ABI may make no
	// sense to the other steps. ringside has none; see
	// WorkSyscallUserDispatch.

	if work&WorkSyscallRseqSlice != 0 {
		t.syscallEnterSlice(nr)
	}

	if work&(WorkSyscallTrace|WorkSyscallEmu) != 0 {
		skip := ptrace.ReportSyscallEntry(&t.Ptrace, t.Regs)
		t.SyncPtraceWork()
		if skip || work&WorkSyscallEmu != 0 {
			return -1
		}
	}

	// Slot: seccomp runs after ptrace to see the tracer's changes.
	// ringside has no filter; see WorkSeccomp.

	// The tracer may have changed the number.
	return t.Regs.SyscallNr()
}

// SyscallExitToUserMode finishes a syscall: the rseq debug check (with
// the rseqdebug tag), the one-time exit work if any is set, then the exit
// work loop. Linux: syscall_exit_to_user_mode
// (syscall_exit_to_user_mode_work, then exit_to_user_mode_prepare).
func (t *Thread) SyscallExitToUserMode() {
	if work := t.work.load(); !t.exitFast(work) {
		t.syscallExitSlow(work)
	}
}

// syscallExitSlow is SyscallExitToUserMode with work to do, in Linux's
// order.
func (t *Thread) syscallExitSlow(work Work) {
	if rseqDebug {
		t.rseqDebugSyscallReturn()
		work = t.work.load()
	}

	if work&SyscallExitWork != 0 {
		t.syscallExitWork(work)
		work = t.work.load()
	}

	t.exitToUserModePrepare(work)
}

// rseqDebugSyscallReturn forces SIGSEGV on a syscall issued inside an
// rseq critical section. Linux: rseq_debug_syscall_return.
func (t *Thread) rseqDebugSyscallReturn() {
	if err := rseq.DebugSyscallReturn(&t.Rseq, t.Mem, t.Regs); err != nil {
		t.Kernel.ForceSignal(t, abi.SIGSEGV, err)
	}
}

// syscallExitWork is the one-time exit work: the ptrace exit stop, or the
// single-step trap. Linux: syscall_exit_work.
func (t *Thread) syscallExitWork(work Work) {
	// Slot: a syscall rolled back by syscall user dispatch has no exit
	// report, as it had no entry report.

	step := reportSingleStep(work)
	if step || work&WorkSyscallTrace != 0 {
		if ptrace.ReportSyscallExit(&t.Ptrace, t.Regs, step) {
			t.Kernel.ForceSignal(t, abi.SIGTRAP, nil)
		}
		t.SyncPtraceWork()
	}
}

// reportSingleStep says whether a single-step trap follows the syscall:
// under SYSEMU the entry stop already reported this instruction. Linux:
// report_single_step.
func reportSingleStep(work Work) bool {
	return work&WorkSingleStep != 0 && work&WorkSyscallEmu == 0
}
