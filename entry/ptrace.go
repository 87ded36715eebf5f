package entry

import "github.com/ringside-kernel/ringside/ptrace"

// SyncPtraceWork sets the syscall work bits from the task's ptrace state:
// PTRACE_SYSCALL → WorkSyscallTrace, PTRACE_SYSEMU → WorkSyscallEmu,
// PTRACE_SYSEMU_SINGLESTEP → WorkSyscallEmu|WorkSingleStep,
// PTRACE_SINGLESTEP → WorkSingleStep, none without a tracer. The kernel
// calls it after attaching, detaching or resuming a tracee; the entry code
// calls it after each stop, since the tracer may resume with another
// request. Linux: the work updates of ptrace_resume and
// user_enable_single_step. The arch must still arm the trap flag
// (RFLAGS.TF, MDSCR_EL1.SS) from WorkSingleStep.
func (t *Thread) SyncPtraceWork() {
	var want Work
	if t.Ptrace.Tracer != nil {
		switch t.Ptrace.Mode {
		case ptrace.ModeSyscall:
			want = WorkSyscallTrace
		case ptrace.ModeSysemu:
			want = WorkSyscallEmu
		case ptrace.ModeSysemuSinglestep:
			want = WorkSyscallEmu | WorkSingleStep
		case ptrace.ModeSinglestep:
			want = WorkSingleStep
		}
	}

	t.work.clear(ptraceWork &^ want)
	t.work.set(want)
}
