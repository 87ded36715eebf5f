// Package kernel ties ringside together: user tasks, the Linux syscall
// table and its handlers, signals, and the loop that runs a task in user
// mode and sends every trap through package entry.
//
// Linux names replaced here:
//
//	struct task_struct                  Task
//	kernel_clone + execve               Kernel.Spawn (ELF: package loader)
//	the trap handlers' common part      Kernel.Run, Task.fault
//	sys_call_table, invoke_syscall      sysTable, Task.Dispatch
//	entry_SYSCALL_64_fastpath (to 4.9)  FastSyscalls, the machines'
//	                                    syscallFast; stub_ptregs_64's
//	                                    slow-path calls: slowCalls
//	pt_regs syscall wrappers            handlers calling Task.args
//	schedule, context_switch            Task.Schedule, Kernel.switchTo
//	scheduler_tick                      Kernel.tick
//	force_sig_fault, force_sig          Task.ForceSignalFault, ForceSignal
//	show_unhandled_signals' line        Task.ReportFault
//	send_signal, complete_signal        Task.sendSignal
//	struct sigqueue, dequeue_signal     signalState.rtq, take, dequeue
//	do_rt_sigqueueinfo, _tgsigqueueinfo sysRtSigqueueinfo, ...Tgsig...
//	do_sigtimedwait, sigsuspend         sysRtSigtimedwait, sysRtSigsuspend
//	saved_sigmask, TIF_RESTORE_SIGMASK  signalState.saved, restoreMask
//	arch_setup_additional_pages,
//	  the vvar and vdso mappings        Kernel.mapVDSO, vvar (vdso.go)
//	hctosys (RTC to system time)        SetWallClock
//	kernel_clone, copy_process (fork)   sysClone, sysFork, Task.clone, fork
//	dup_mmap                            mm.AddressSpace.Fork
//	do_wait, wait_task_zombie           sysWait4, Task.reapChild
//	do_notify_parent                    Task.childExited
//	arch_do_signal_or_restart           Task.DeliverSignal
//	setup_rt_frame, sys_rt_sigreturn    sigframe_*.go, sysRtSigreturn
//	do_exit, do_group_exit              Task.doExit
//	release_task, exit_mm               Kernel.reap
//	oops / die killing the task         Kernel.oops
//	an in-kernel ptrace tracer          Tracer, Task.Trace
package kernel
