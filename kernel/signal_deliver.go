package kernel

import (
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// DeliverSignal is the exit loop's signal step (arch_do_signal_or_restart
// with get_signal). It runs the task work WorkNotifySignal asks for, then
// takes pending signals in order: one ignored, by SIG_IGN or by default,
// is dropped; one whose default action ends the task ends it; the first
// with a handler is delivered and DeliverSignal returns, leaving
// WorkSigPending set if more are deliverable, so that the exit loop
// calls it again and the next frame goes on top of this one, as in
// Linux. When no handler runs, an interrupted syscall is restarted. The
// pending-work bit is cleared when nothing deliverable is left.
func (t *Task) DeliverSignal(*entry.Thread) {
	if t.Work()&entry.WorkNotifySignal != 0 {
		t.ClearWork(entry.WorkNotifySignal)
		t.RunTaskWork()
	}

	for !t.exited {
		sig, info, act, ok := t.nextSignal()
		if !ok {
			break
		}

		switch act.Handler {
		case abi.SIG_IGN:
			continue
		case abi.SIG_DFL:
			t.defaultSignal(sig)
			continue
		}
		t.handleSignal(sig, info, act)
		return
	}

	if !t.exited {
		t.restartSyscall(nil)
		t.restoreSavedMask()
	}
}

// restoreSavedMask puts back the mask rt_sigsuspend replaced when no
// handler ran to save it in a frame (restore_saved_sigmask).
func (t *Task) restoreSavedMask() {
	s := &t.signals
	s.mu.Lock()
	if s.restoreMask {
		s.blocked, s.restoreMask = s.saved, false
		t.recalcSigPending()
	}
	s.mu.Unlock()
}

// handleSignal runs sig's handler (handle_signal), in Linux's order: the
// syscall restart fix-up, then rseq's abort of a critical section (which
// moves the IP the frame saves), then the frame; then the mask
// (signal_delivered). A frame that cannot be written forces SIGSEGV
// instead, and the mask stays as it was.
func (t *Task) handleSignal(sig abi.Signal, info sigInfo,
	act abi.Sigaction) {
	t.restartSyscall(&act)

	t.RseqSignalDeliver()

	// The frame saves the mask sigreturn puts back: rt_sigsuspend's
	// caller's, if it replaced it (sigmask_to_save).
	s := &t.signals
	s.mu.Lock()
	f := sigframe{sig: sig, info: info, act: act, mask: s.blocked,
		alt: s.altstack}
	if s.restoreMask {
		f.mask = s.saved
	}
	s.mu.Unlock()

	sp := t.Ctx.Regs().StackPointer()
	if e := t.sigframeArch().setupRtFrame(t, f); e != 0 {
		t.forceSigsegv(sig, sp)
		return
	}
	if t.k.Trace {
		regs := t.Ctx.Regs()
		t.k.Logf("task %d (%s): %v to handler %#x, frame sp %#x",
			t.TID, t.Name, sig, regs.InstructionPointer(),
			regs.StackPointer())
	}

	t.signalDelivered(sig, act)
}

// signalDelivered blocks sa_mask and, unless SA_NODEFER, sig itself for
// the handler's run, and disarms an SS_AUTODISARM alternate stack
// (signal_delivered); sigreturn restores both from the frame, which also
// holds the mask rt_sigsuspend replaced (clear_restore_sigmask).
func (t *Task) signalDelivered(sig abi.Signal, act abi.Sigaction) {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()

	blocked := s.blocked | act.Mask
	if act.Flags&abi.SA_NODEFER == 0 {
		blocked |= abi.SigMask(sig)
	}
	s.blocked = blocked &^ unblockable
	s.restoreMask = false // the frame holds rt_sigsuspend's mask
	if s.altstack.flags&abi.SS_AUTODISARM != 0 {
		s.altstack = altStack{flags: abi.SS_DISABLE}
	}
	t.recalcSigPending()
}

// nextSignal dequeues the next deliverable signal with its siginfo and
// disposition, and updates the pending-work bit. A handler with
// SA_RESETHAND goes back to SIG_DFL as it is taken (get_signal's
// SA_ONESHOT); a SIGALRM re-arms an interval timer (dequeue_signal).
func (t *Task) nextSignal() (abi.Signal, sigInfo, abi.Sigaction, bool) {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()

	sig, info, ok := s.dequeue()
	t.recalcSigPending()
	if !ok {
		return 0, sigInfo{}, abi.Sigaction{}, false
	}
	if sig == abi.SIGALRM {
		t.rearmRealTimer()
	}

	act := s.actions[sig]
	if act.Handler != abi.SIG_DFL && act.Handler != abi.SIG_IGN &&
		act.Flags&abi.SA_RESETHAND != 0 {
		s.actions[sig].Handler = abi.SIG_DFL
	}
	return sig, info, act, true
}

// defaultSignal carries out SIG_DFL's action. Stop is taken as ignore:
// there is no job control (no parent that could continue the task), so
// an interrupted syscall restarts as after a stop and continue.
func (t *Task) defaultSignal(sig abi.Signal) {
	switch defaultAction(sig) {
	case actTerm, actCore:
		t.killedBy(sig)
	}
}

// killedBy ends the task with sig as its wait status, plus the core bit
// when sig's default action is core (do_group_exit from get_signal).
func (t *Task) killedBy(sig abi.Signal) {
	status := int(sig)
	if defaultAction(sig) == actCore {
		status |= coreDumped
	}
	t.doExit(status)
}
