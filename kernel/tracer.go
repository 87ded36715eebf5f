package kernel

import (
	"github.com/ringside-kernel/ringside/ptrace"
)

// Tracer is an in-kernel tracer: what a ptrace(2) tracer does with
// PTRACE_SYSCALL or PTRACE_SYSEMU, without a second task. It resumes at
// once from every stop and counts them; under SYSEMU it emulates each
// syscall by running it itself, as a user-mode emulator would, so the
// traced program keeps working. It exists to measure the cost of syscall
// stops (make bench DESIGNS=ptracesyscall / ptracesysemu), where Linux
// needs a tracer process and two context switches per stop.
type Tracer struct {
	// Entries and Exits count the syscall-entry and -exit stops.
	Entries, Exits uint64

	t *Task
}

// Trace attaches an in-kernel tracer to t and resumes it in mode
// (ptrace's PTRACE_SEIZE and the first resume request in one).
func (t *Task) Trace(mode ptrace.Mode) *Tracer {
	tr := &Tracer{t: t}
	t.Ptrace.Tracer = tr
	t.Ptrace.Mode = mode
	t.SyncPtraceWork()
	return tr
}

// SyscallStop implements ptrace.Tracer.
func (tr *Tracer) SyscallStop(st *ptrace.State, regs ptrace.Regs, _ int) {
	if st.Stop() != ptrace.PTRACE_SYSCALL_INFO_ENTRY {
		tr.Exits++
		return
	}
	tr.Entries++

	// SYSEMU skips the syscall after this stop: emulate it here.
	if st.Mode == ptrace.ModeSysemu {
		regs.SetReturn(tr.t.Dispatch(&tr.t.Thread, regs.SyscallNr()))
	}
}
