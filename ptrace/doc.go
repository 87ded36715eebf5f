// Package ptrace is the tracing half of ringside's user-mode entry: the
// syscall-stop reports that Linux's tracehook.h used to hold, the tracer
// link of a task and PTRACE_GET_SYSCALL_INFO's record. It knows nothing of
// the entry code; entry calls it at the syscall-entry and syscall-exit
// steps, and a tracer is any Go value that implements Tracer.
//
// Linux names replaced (include/linux/ptrace.h, kernel/ptrace.c):
//
//	tracehook_report_syscall_entry   ReportSyscallEntry (first renamed
//	ptrace_report_syscall_entry        ptrace_report_syscall_entry)
//	tracehook_report_syscall_exit    ReportSyscallExit (likewise)
//	ptrace_report_syscall            (*State).reportSyscall
//	ptrace_notify / ptrace_stop      Tracer.SyscallStop
//	user_single_step_report          ReportSyscallExit's trap result
//	task->ptrace (PT_PTRACED)        State.Tracer != nil
//	task->ptrace (PT_TRACESYSGOOD)   State.Options & PTRACE_O_TRACESYSGOOD
//	task->ptrace_message             State.Stop (the current stop's op)
//	ptrace_get_syscall_info          GetSyscallInfo, (*State).SyscallInfo
//	ptrace_get_syscall_info_entry    SyscallInfo fields for the entry op
//	ptrace_get_syscall_info_exit     SyscallInfo fields for the exit op
//	struct ptrace_syscall_info       SyscallInfo, marshalled by MarshalTo
//	syscall_get_arch                 State.Arch
//	IS_ERR_VALUE (syscall_get_error) isErrorValue
//
// Register sets (include/linux/regset.h, kernel/ptrace.c) are generic
// over the architecture's context type C:
//
//	struct user_regset               Regset[C]
//	struct user_regset_view          View[C]
//	task_user_regset_view            amd64.RegsetView, arm64.RegsetView
//	find_regset                      (*View[C]).Find
//	ptrace_regset                    RegsetLen (EINVAL, clamping)
//	regset_get / copy_regset_to_user GetRegset (into a caller's buffer)
//	copy_regset_from_user            SetRegset
//
// The layering is Linux's: the generic header defines the types and the
// algorithm, each architecture defines its view (arch/x86/kernel/
// ptrace.c includes linux/regset.h). So arch/amd64 and arch/arm64 import
// this package for Regset and View, and this package imports no
// architecture: it never sees a register, and it stays free of arch for
// its own host tests. The part arch imports depends on kernel/abi only.
// Copying the iovec and its buffer in and out of user memory, and the
// EFAULT that can fail, stay with the caller.
//
// A stop is synchronous: the tracer's method runs on the tracee's kernel
// path and the tracee resumes when it returns. What PTRACE_SYSCALL,
// PTRACE_SYSEMU and PTRACE_SINGLESTEP select is State.Mode; the entry
// package turns the mode into its work bits.
package ptrace
