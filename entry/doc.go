// Package entry is ringside's generic user-mode entry and exit: what a
// task does between trapping into the kernel and going back to user mode.
// It follows Linux's kernel/entry/common.c, include/linux/entry-common.h
// and include/linux/resume_user_mode.h as they stand after tracehook.h
// was taken apart: the syscall stops live in package ptrace, the
// notify-resume work is ResumeUserModeWork, and rseq is called from the
// exit path and from signal delivery (package rseq). The arch trap
// handler calls Syscall, or IrqentryExitToUserMode after an interrupt or
// exception; everything else reaches the kernel through Kernel.
//
// Linux names replaced:
//
//	do_syscall_64, el0_svc_common      (*Thread).Syscall
//	syscall_enter_from_user_mode       (*Thread).SyscallEnterFromUserMode
//	syscall_trace_enter                (*Thread).syscallTraceEnter
//	regs->ax = -ENOSYS (entry_64.S)    done in syscallTraceEnter
//	syscall_exit_to_user_mode(_work)   (*Thread).SyscallExitToUserMode
//	syscall_exit_work                  (*Thread).syscallExitWork
//	report_single_step                 reportSingleStep
//	irqentry_exit_to_user_mode         (*Thread).IrqentryExitToUserMode
//	exit_to_user_mode_prepare          (*Thread).exitToUserModePrepare
//	exit_to_user_mode_loop             (*Thread).exitToUserModeLoop,
//	                                   (*Thread).exitToUserModeWork
//	tracehook_notify_resume,
//	  resume_user_mode_work            (*Thread).ResumeUserModeWork
//	set_notify_resume                  (*Thread).SetNotifyResume
//	task_work_add (TWA_RESUME)         (*Thread).TaskWorkAdd
//	task_work_run                      (*Thread).RunTaskWork
//	set/clear_tsk_thread_flag,
//	  set/clear_task_syscall_work      (*Thread).SetWork, ClearWork
//	read_thread_flags                  (*Thread).Work
//	tracehook_report_syscall_entry,
//	  ptrace_report_syscall_entry      ptrace.ReportSyscallEntry
//	tracehook_report_syscall_exit,
//	  ptrace_report_syscall_exit       ptrace.ReportSyscallExit
//	ptrace_resume's work updates       (*Thread).SyncPtraceWork
//	rseq_exit_to_user_mode_restart     rseq.ExitToUserModeFast, then
//	                                   rseq.ExitToUserModeUpdate
//	rseq_handle_notify_resume          rseq.HandleNotifyResume
//	rseq_signal_deliver                (*Thread).RseqSignalDeliver
//	rseq_debug_syscall_return          (*Thread).rseqDebugSyscallReturn
//	CONFIG_DEBUG_RSEQ                  the rseqdebug build tag (rseqDebug)
//	rseq_syscall_enter_work            (*Thread).syscallEnterSlice
//	rseq_grant_slice_extension         (*Thread).grantSliceExtension
//	TIF_SLICE_EXT_DENY                 sliceDenyWork
//	rseq_note_user_irq_entry           rseq.NoteUserIRQ
//	schedule                           Kernel.Schedule
//	arch_do_signal_or_restart          Kernel.DeliverSignal
//	force_sig                          Kernel.ForceSignal
//	sys_call_table dispatch            Kernel.Dispatch
//	TIF_NEED_RESCHED                   WorkNeedResched
//	TIF_SIGPENDING                     WorkSigPending
//	TIF_NOTIFY_SIGNAL                  WorkNotifySignal
//	TIF_NOTIFY_RESUME                  WorkNotifyResume
//	TIF_SINGLESTEP                     WorkSingleStep
//	SYSCALL_WORK_SYSCALL_TRACE         WorkSyscallTrace
//	SYSCALL_WORK_SYSCALL_EMU           WorkSyscallEmu
//	SYSCALL_WORK_SECCOMP               WorkSeccomp (slot)
//	SYSCALL_WORK_SYSCALL_USER_DISPATCH WorkSyscallUserDispatch (slot)
//	SYSCALL_WORK_SYSCALL_RSEQ_SLICE    WorkSyscallRseqSlice
//	EXIT_TO_USER_MODE_WORK             ExitWork
//	SYSCALL_WORK_ENTER, _EXIT          SyscallEnterWork, SyscallExitWork
//	thread_info flags + syscall_work   Thread.work (one atomic word)
//	_TIF_WORK_SYSCALL_ENTRY,
//	  _TIF_ALLWORK_MASK (4.9 and
//	  earlier, entry_SYSCALL_64_fastpath) FastPathWork, FastPathWords
//
// Order of the syscall path (Syscall):
//
//  1. Entry, only if a SyscallEnterWork bit is set: return register =
//     -ENOSYS; syscall user dispatch (slot); end a granted rseq slice
//     extension and give up the CPU; ptrace entry stop, skipping the
//     syscall if the tracer set the number to -1 or the task is under
//     SYSEMU; seccomp (slot); re-read the number.
//  2. Kernel.Dispatch, unless skipped; its value goes to the return
//     register.
//  3. rseq check that the syscall was not made inside a critical section
//     (rseqdebug tag only).
//  4. Only if a SyscallExitWork bit is set: the ptrace exit stop, or the
//     single-step SIGTRAP when stepping outside SYSEMU.
//  5. The exit loop, also the whole of IrqentryExitToUserMode.
//
// Order of the exit loop, while any ExitWork bit is set: clear
// WorkNeedResched and Kernel.Schedule, unless an interrupt return with
// no other work is granted an rseq slice extension instead (which arms
// WorkSyscallRseqSlice); (uprobe, livepatch slots);
// Kernel.DeliverSignal for WorkSigPending or WorkNotifySignal;
// ResumeUserModeWork for WorkNotifyResume (clear the flag, task work,
// rseq slow path); re-read the bits. Then rseq's fast check once: if it
// fails, set WorkNotifyResume and run the loop again.
//
// The null syscall (no work, rseq idle) costs two loads of the work word
// (entry, exit), their compares, rseq's one compare and three interface
// calls (Regs.SyscallArgs, Kernel.Dispatch, Regs.SetReturn), with no
// allocation and no defer; BenchmarkNullSyscall measures it.
//
// On the machines, a syscall without work does not come here at all: the
// architecture's entry code tests the same word against FastPathWork and
// rseq's word (FastPathWords) and runs the handler itself, as Linux's
// entry_SYSCALL_64_fastpath did until 4.10 (kernel.FastSyscalls). What
// it finds set sends the syscall to Syscall, or after the handler its
// exit to SyscallExitToUserMode, so every bit is still handled here and
// only here.
package entry
