package kernel

import (
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// sendSignal queues sig for t (send_signal_locked): job-control
// cancellation first, then the ignore check, then the signal (a
// standard one only if not pending yet, a real-time one once more), the
// pending-work flag and a wake-up of a sleeping t. A real-time signal
// with a user's si_code (negative: sigqueue, tkill) finds the queue full
// at RLIMIT_SIGPENDING, EAGAIN; the kernel's and kill's are queued
// anyway, as Linux overrides the limit for them. Linux counts the
// signals queued to all tasks of a user; ringside, which has one user,
// counts per task.
func (t *Task) sendSignal(sig abi.Signal, info sigInfo) abi.Errno {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()

	// A continue cancels pending stops and a stop a pending continue.
	switch {
	case sig == abi.SIGCONT:
		s.pending &^= stopSignals
	case abi.SigMask(sig)&stopSignals != 0:
		s.flush(abi.SIGCONT)
	}

	if s.ignored(sig) {
		return 0
	}

	switch {
	case sig >= abi.SIGRTMIN:
		limit := t.limits.get(abi.RLIMIT_SIGPENDING).cur
		if info.code < 0 && s.queued >= limit {
			return abi.EAGAIN
		}
		q := &s.rtq[sig-abi.SIGRTMIN]
		*q = append(*q, info)
		s.queued++
	case s.pending&abi.SigMask(sig) == 0:
		s.info[sig] = info
	}
	s.pending |= abi.SigMask(sig)
	t.recalcSigPending()
	return 0
}

// ForceSignalFault sends a fault's signal to t with its si_code and
// address (force_sig_fault): a blocked or ignored signal is unblocked and
// reset to SIG_DFL first, because a faulting instruction cannot be
// retried until the signal is handled. ReportFault calls it; the signal
// is acted on at the next DeliverSignal.
func (t *Task) ForceSignalFault(sig abi.Signal, code int, addr uint64) {
	s := &t.signals
	s.mu.Lock()
	act := &s.actions[sig]
	blocked := s.blocked&abi.SigMask(sig) != 0
	if blocked || act.Handler == abi.SIG_IGN {
		act.Handler = abi.SIG_DFL
		s.blocked &^= abi.SigMask(sig)
	}
	s.mu.Unlock()

	t.sendSignal(sig, sigInfo{code: int32(code), data: addr})
}

// ForceSignal is force_sig for the entry code (SIGSEGV from rseq, SIGTRAP
// after a single-stepped syscall): ForceSignalFault with si_code
// SI_KERNEL and no address. A reason is logged in one line, as a fault
// is: "ringside: task 3 (rseq): SIGSEGV at ip 0x401a2c: rseq: ...".
func (t *Task) ForceSignal(_ *entry.Thread, sig abi.Signal, why error) {
	if why != nil {
		t.k.Logf("task %d (%s): %v at ip %#x: %v", t.TID, t.Name, sig,
			t.Ctx.Regs().InstructionPointer(), why)
	}
	t.ForceSignalFault(sig, abi.SI_KERNEL, 0)
}

// recalcSigPending sets or clears the task's pending-signal work bit to
// match its deliverable signals, and wakes it if it sleeps
// (recalc_sigpending, signal_wake_up). Called with signals.mu held.
func (t *Task) recalcSigPending() {
	s := &t.signals
	if s.deliverable() == 0 {
		t.clearSigPendingWork()
		return
	}

	t.setSigPendingWork()
	select {
	case s.wakeChan() <- struct{}{}:
	default:
	}
}
