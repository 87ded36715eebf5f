package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// sysExit is exit(2): the thread ends with status code<<8 (do_exit). A
// task is one thread, so this ends the task like exit_group.
func sysExit(t *Task) (int64, abi.Errno) {
	a := t.args()
	t.doExit(int(a[0]&0xff) << 8)
	return 0, 0
}

// sysExitGroup is exit_group(2) (do_group_exit).
func sysExitGroup(t *Task) (int64, abi.Errno) {
	a := t.args()
	t.doExit(int(a[0]&0xff) << 8)
	return 0, 0
}

// doExit ends the task with a wait status (do_exit). On the way out it
// clears the set_tid_address word as mm_release does; the futex wake that
// follows in Linux has no one to wake with one thread per task. The
// robust list is not walked, for the same reason.
func (t *Task) doExit(status int) {
	if t.exited {
		return
	}

	if t.clearChildTID != 0 {
		// A fault here is ignored, as in Linux.
		_ = t.putU32(t.clearChildTID, 0)
		t.clearChildTID = 0
	}

	// Signals still pending die with the task, and so does the work
	// bit, or the exit-to-user-mode loop would call DeliverSignal for
	// ever.
	t.signals.mu.Lock()
	t.signals.flushAll()
	t.recalcSigPending()
	t.signals.mu.Unlock()

	// An armed real timer would fire into a dead task (exit_itimers).
	t.signals.timers.mu.Lock()
	t.signals.timers.cancel()
	t.signals.timers.mu.Unlock()

	t.exit(status)
}
