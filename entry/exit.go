package entry

import "github.com/ringside-kernel/ringside/rseq"

// IrqentryExitToUserMode prepares the return to user mode after an
// interrupt or exception: the exit work loop without any syscall work.
// rseq is told it is an interrupt return, the only kind that may be
// granted a slice extension. Linux: irqentry_exit_to_user_mode (and
// rseq_note_user_irq_entry, which Linux calls on entry).
func (t *Thread) IrqentryExitToUserMode() {
	rseq.NoteUserIRQ(&t.Rseq)
	t.exitToUserModePrepare(t.work.load())
	rseq.ClearUserIRQ(&t.Rseq)
}

// exitToUserModePrepare is the last step before user mode. With no exit
// work and nothing for rseq, it is one load (done by the caller), one
// compare and rseq's one-compare check. Linux: exit_to_user_mode_prepare.
func (t *Thread) exitToUserModePrepare(work Work) {
	if work&ExitWork == 0 && rseq.ExitToUserModeFast(&t.Rseq) {
		return
	}
	t.exitToUserModeLoop(work)
}

// exitToUserModeLoop handles exit work until none is left, then runs the
// rseq fast check once and, if that fails, rseq's inline update; if that
// fails too it sets notify-resume and goes round again, so that
// ResumeUserModeWork runs rseq's slow path. Each flag is handled here
// and only here. Interrupts are on in Linux while
// the steps run; ringside's entry runs with them as the arch left them.
// Linux: exit_to_user_mode_loop.
func (t *Thread) exitToUserModeLoop(work Work) {
	for {
		for work&ExitWork != 0 {
			t.exitToUserModeWork(work)
			work = t.work.load()
		}

		if rseq.ExitToUserModeFast(&t.Rseq) ||
			rseq.ExitToUserModeUpdate(&t.Rseq, t.Mem, t.rseqRegs(),
				t.rseqIDs()) {
			return
		}
		t.SetNotifyResume()
		work = t.work.load()
	}
}

// exitToUserModeWork is one pass of the loop, in Linux's order.
func (t *Thread) exitToUserModeWork(work Work) {
	// schedule() clears the flag itself; a granted rseq slice
	// extension is the one reason not to reschedule here.
	if work&WorkNeedResched != 0 {
		t.work.clear(WorkNeedResched)
		if !t.grantSliceExtension(work) {
			t.Kernel.Schedule(t)
		}
	}

	// Slots: uprobe_notify_resume (TIF_UPROBE) and
	// klp_update_patch_state (TIF_PATCH_PENDING); ringside has neither.

	if work&(WorkSigPending|WorkNotifySignal) != 0 {
		t.Kernel.DeliverSignal(t)
	}

	if work&WorkNotifyResume != 0 {
		t.ResumeUserModeWork()
	}

	// Slot: arch_exit_to_user_mode_work (none on amd64 or arm64 yet).
}
