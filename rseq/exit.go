package rseq

// NotePreempt records that the task was scheduled out while registered,
// so that a critical section it was in is aborted on the way back to user
// mode. An unregistered task costs one compare. The scheduler calls it
// when it switches the task out. Linux: rseq_preempt
// (rseq_sched_switch_event).
func NotePreempt(st *State) {
	if st.Registered() {
		st.pending |= eventPreempt
	}
}

// NoteMigrate records that the task moved to another CPU: a critical
// section is aborted and the IDs are rewritten if the new ones differ.
// Linux: rseq_migrate.
func NoteMigrate(st *State) {
	if st.Registered() {
		st.pending |= eventMigrate
	}
}

// ExitToUserModeFast is the check the exit path runs once after its work
// loop: true when there is nothing to do (unregistered, or IDs valid and
// no event pending), which is one load and one compare. On false the
// caller tries ExitToUserModeUpdate. Linux: the first test of
// rseq_exit_to_user_mode_restart.
//
// Built with the rseqeager tag, ringside instead behaves as Linux before
// the 2025 rework when rseq work was raised: every exit to user mode of a
// registered task takes the slow path once and rewrites the IDs, so that
// the cost of that design can be measured next to the new one.
func ExitToUserModeFast(st *State) bool {
	if EagerIDs {
		return st.eagerExit()
	}
	return st.pending == 0
}

// ExitToUserModeUpdate is the exit path's inline rseq work, for when
// ExitToUserModeFast failed: HandleNotifyResume's steps (the critical
// section, then the IDs) done right there, true when they succeeded.
// On false the caller sets notify-resume and loops, and
// HandleNotifyResume runs from ResumeUserModeWork: a step that failed
// (a fault, a malformed rseq_cs) is recorded as fatal, so that the slow
// path forces SIGSEGV with its reason without redoing the work. Linux
// 6.19: rseq_exit_to_user_mode_restart's update of the user area, whose
// failure raises TIF_NOTIFY_RESUME for rseq_handle_notify_resume.
//
// The rseqeager design models Linux before that rework, which had no
// inline update: there it returns false and the slow path runs.
func ExitToUserModeUpdate(st *State, mem Memory, regs Regs, ids IDs) bool {
	if EagerIDs || st.pending&eventFatal != 0 {
		return false
	}
	if err := HandleNotifyResume(st, mem, regs, ids); err != nil {
		st.fatal = err
		st.pending |= eventFatal
		return false
	}
	return true
}

// eagerExit is ExitToUserModeFast of the rseqeager design, kept out of
// line so that the default check stays small enough to inline.
func (st *State) eagerExit() bool {
	if st.Registered() && !st.eagerDone {
		st.pending |= eventIDs
		st.eagerDone = true
		return false
	}
	st.eagerDone = false
	return st.pending == 0
}

// HandleNotifyResume is rseq's notify-resume work: with no event pending
// it does nothing (another user of notify-resume raised it); otherwise it
// handles the critical section (aborting it if the task was preempted,
// migrated or signalled inside it), then writes the IDs if they changed;
// after a preemption or migration it also clears slice_ctrl and ends a
// slice grant, as Linux does for every registered task. A non-nil error
// means the task must get SIGSEGV. Linux: rseq_handle_notify_resume
// (__rseq_handle_slowpath).
//
// Preconditions: ids are the task's current CPU, node and mm_cid.
func HandleNotifyResume(st *State, mem Memory, regs Regs, ids IDs) error {
	ev := st.pending
	st.pending = 0
	if ev == 0 || !st.Registered() {
		return nil
	}

	if ev&eventFatal != 0 {
		return st.fatal
	}

	if err := st.fixupCS(mem, regs, ev&abortEvents != 0); err != nil {
		return err
	}

	// A switch ends any slice extension, and clears a request the
	// task was not granted.
	sched := ev&schedEvents != 0
	if ev&eventIDs != 0 || ids != st.ids {
		return st.writeIDs(mem, ids, sched)
	}
	if sched {
		return st.endSlice(mem)
	}
	return nil
}

// SignalDeliver aborts the interrupted critical section before a signal
// frame is built: after this the IP is the handler's. The IDs are left
// for the exit path. A non-nil error means the task must get SIGSEGV.
// Linux: rseq_signal_deliver.
//
// Preconditions: the syscall restart fix-up has run; the frame is not
// built yet.
func SignalDeliver(st *State, mem Memory, regs Regs) error {
	if !st.Registered() {
		return nil
	}

	st.pending |= eventSignal
	err := st.fixupCS(mem, regs, true)

	// The section is gone either way; only the IDs may still be due.
	st.pending &^= abortEvents
	return err
}

// DebugSyscallReturn checks that a system call was not issued from inside
// a critical section: inside → ErrSyscallInCS (SIGSEGV); a section the IP
// is outside of is cleared, as Linux does. The entry code calls it on
// every syscall exit when built with the rseqdebug tag. Linux:
// rseq_debug_syscall_return (CONFIG_DEBUG_RSEQ).
func DebugSyscallReturn(st *State, mem Memory, regs Regs) error {
	if !st.Registered() {
		return nil
	}

	csaddr, err := st.readCSAddr(mem)
	if err != nil || csaddr == 0 {
		return err
	}

	cs, err := st.readCS(mem, csaddr)
	if err != nil {
		return err
	}

	if cs.inside(regs.InstructionPointer()) {
		return ErrSyscallInCS
	}
	return st.clearCSAddr(mem)
}

// alwaysPending is the word FastExitWord hands out in the rseqeager
// design: never zero, so a fast syscall path always leaves the exit to
// ExitToUserModeFast and its eager rewrite.
var alwaysPending uint32 = 1

// FastExitWord returns the address of a word that is zero exactly when
// ExitToUserModeFast would return true without side effects: an
// architecture's fast syscall path tests it after the handler instead of
// calling into this package. It is the pending event set, whose address
// does not change for the life of st; in the rseqeager design, which
// needs the exit path on every return, a word that is never zero.
func FastExitWord(st *State) *uint32 {
	if EagerIDs {
		return &alwaysPending
	}
	return (*uint32)(&st.pending)
}
