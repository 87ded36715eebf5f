package ptrace

// ReportSyscallEntry reports a syscall-entry stop to the tracer and says
// whether the syscall must be skipped: the tracer set the syscall number
// to -1, or the tracee runs under PTRACE_SYSEMU(_SINGLESTEP). An untraced
// task has no stop and never skips. Linux: ptrace_report_syscall_entry
// (formerly tracehook_report_syscall_entry).
//
// Preconditions: regs holds the syscall number and arguments; on x86 the
// caller has already put -ENOSYS in the return register, which is what
// the tracer must see.
func ReportSyscallEntry(st *State, regs Regs) (skip bool) {
	if st.Tracer == nil {
		return false
	}

	// The mode is the one the tracee ran under when it entered: a
	// tracer that resumes with another request changes the next stop.
	emu := st.Mode == ModeSysemu || st.Mode == ModeSysemuSinglestep

	st.reportSyscall(regs, PTRACE_SYSCALL_INFO_ENTRY)

	return emu || regs.SyscallNr() == -1
}

// ReportSyscallExit reports a syscall-exit stop to the tracer. With step
// set (single-stepping, not under SYSEMU) there is no stop: Linux's
// user_single_step_report sends the task SIGTRAP instead, and trap tells
// the caller to force that signal. Linux: ptrace_report_syscall_exit
// (formerly tracehook_report_syscall_exit).
func ReportSyscallExit(st *State, regs Regs, step bool) (trap bool) {
	if step {
		return true
	}

	if st.Tracer == nil {
		return false
	}

	st.reportSyscall(regs, PTRACE_SYSCALL_INFO_EXIT)
	return false
}
