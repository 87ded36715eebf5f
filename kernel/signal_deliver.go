package kernel

import (
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// DeliverSignal is the exit loop's signal step (arch_do_signal_or_restart
// with get_signal). It runs the task work WorkNotifySignal asks for, then
// acts on the pending signals: a signal ignored, by SIG_IGN or by
// default, is dropped; the first that ends the task ends it. The
// pending-work bit is cleared when nothing deliverable is left.
//
// Signal frames do not exist yet: a signal with a handler ends the task
// as if its default action were to terminate, with a log line saying so.
func (t *Task) DeliverSignal(*entry.Thread) {
	if t.Work()&entry.WorkNotifySignal != 0 {
		t.ClearWork(entry.WorkNotifySignal)
		t.RunTaskWork()
	}

	for !t.exited {
		sig, act, ok := t.nextSignal()
		if !ok {
			return
		}

		switch act.Handler {
		case abi.SIG_IGN:
			continue
		case abi.SIG_DFL:
			t.defaultSignal(sig)
		default:
			// Linux's order for a handler: the syscall restart
			// fix-up (-ERESTART* to a restart or -EINTR; slot, no
			// handler ever runs yet), then rseq's abort, then the
			// frame, which does not exist yet.
			t.RseqSignalDeliver()
			t.k.Logf("task %d (%s): %v handler %#x not run: "+
				"signal frames not implemented, "+
				"killing the task", t.TID, t.Name, sig,
				act.Handler)
			t.killedBy(sig)
		}
	}
}

// nextSignal dequeues the next deliverable signal and its disposition,
// and updates the pending-work bit.
func (t *Task) nextSignal() (abi.Signal, abi.Sigaction, bool) {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()

	sig, _, ok := s.dequeue()
	t.recalcSigPending()
	if !ok {
		return 0, abi.Sigaction{}, false
	}
	return sig, s.actions[sig], true
}

// defaultSignal carries out SIG_DFL's action. Stop is taken as ignore:
// there is no job control (no parent that could continue the task).
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
