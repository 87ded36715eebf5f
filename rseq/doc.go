// Package rseq is restartable sequences: the rseq(2) registration, the
// per-task cache of the IDs last written to user memory, the critical
// section abort, the two halves of the return-to-user work that the
// entry code calls (a fast check inlined in the exit path, and the slow
// path run from resume_user_mode_work), and time slice extension
// (slice.go). It follows kernel/rseq.c and
// include/linux/rseq_entry.h after the 2025 rework: no rseq work on every
// context switch, IDs written only when they change. It does not import
// entry: the caller passes memory and registers through small
// interfaces, and turns a returned error into SIGSEGV.
//
// Linux names replaced:
//
//	sys_rseq (register)               Register
//	sys_rseq (RSEQ_FLAG_UNREGISTER)   Register, unregister path
//	rseq_reset_ids, rseq_reset        unregister
//	rseq_force_update                 the eventIDs bit Register sets
//	task->rseq.usrptr / len / sig     State.Addr, State.Len, State.Sig
//	task->rseq.ids                    State.ids (IDs)
//	task->rseq.event                  State.pending (event bits)
//	rseq_preempt, rseq_sched_switch_event   NotePreempt
//	rseq_migrate                      NoteMigrate
//	rseq_exit_to_user_mode_restart,
//	  rseq_exit_user_update (fast)    ExitToUserModeFast
//	rseq_handle_notify_resume,
//	  __rseq_handle_slowpath,
//	  rseq_slowpath_update_usr        HandleNotifyResume
//	rseq_signal_deliver               SignalDeliver
//	rseq_debug_syscall_return,
//	  rseq_syscall (CONFIG_DEBUG_RSEQ) DebugSyscallReturn
//	rseq_update_user_cs,
//	  rseq_debug_update_user_cs       (*State).fixupCS, readCS
//	rseq_set_ids_get_csaddr           (*State).writeIDs
//	rseq_syscall_enter_work           SyscallEnterSlice
//	rseq_grant_slice_extension        GrantSliceExtension
//	rseq_slice_extension_prctl        SlicePrctl
//	sys_rseq_slice_yield              SliceYield
//	rseq_note_user_irq_entry          NoteUserIRQ, ClearUserIRQ
//	task->rseq.slice                  State.slice (sliceState)
//	struct rseq_slice_ctrl            Area.SliceCtrl, OffSliceRequest,
//	                                  OffSliceGranted
//	RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE,
//	  RSEQ_CS_FLAG_SLICE_EXT_ENABLED  same names
//	__NR_rseq_slice_yield             NrSliceYield
//	the slice hrtimer                 SliceTimer (kernel.SliceGrant)
//	rseq_arm_slice_extension_timer    SliceTimerArmed, after the kernel
//	                                  armed the machine's timer
//	rseq_cancel_slice_extension_timer (*State).endSlice
//	struct rseq, struct rseq_cs       Area, CS
//	ORIG_RSEQ_SIZE                    OrigSize
//	offsetof(struct rseq, end)        FeatureSize (see there)
//	__alignof__(struct rseq)          Align
//	RSEQ_CPU_ID_UNINITIALIZED,
//	  RSEQ_CPU_ID_REGISTRATION_FAILED same names
//	RSEQ_FLAG_UNREGISTER,
//	  RSEQ_FLAG_SLICE_EXT_DEFAULT_ON  same names
//	RSEQ_SIG (per architecture)       SignatureAMD64, SignatureARM64
//	TASK_SIZE                         State.TaskSize
//	force_sig(SIGSEGV), force_sigsegv a non-nil error to the caller
//
// Order on the way back to user mode, as entry drives it: the scheduler
// calls NotePreempt or NoteMigrate when it switches the task out; the
// exit path calls ExitToUserModeFast once after its work loop, and when
// that fails sets notify-resume so that the loop runs HandleNotifyResume
// and then checks again. Signal delivery calls SignalDeliver after the
// syscall restart fix-up and before it builds the frame. With a
// reschedule pending, the exit loop asks GrantSliceExtension before it
// schedules; a granted task's next syscall runs SyscallEnterSlice first.
package rseq
