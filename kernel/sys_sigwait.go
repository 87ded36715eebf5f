package kernel

import (
	"time"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// sysRtSigsuspend is rt_sigsuspend(2): the mask read from the caller
// (EFAULT; a size other than sizeof(sigset_t) is EINVAL first) replaces
// the blocked one, less SIGKILL and SIGSTOP, until a signal is
// delivered; the task sleeps until one is deliverable and returns
// -ERESTARTNOHAND. The old mask comes back when the handler returns (the
// frame saves it) or, if no handler runs, before the task goes back to
// user mode (set_restore_sigmask). Linux: sigsuspend.
func sysRtSigsuspend(t *Task) (int64, abi.Errno) {
	a := t.args()
	if a[1] != abi.SigsetSize {
		return 0, abi.EINVAL
	}
	var b [abi.SigsetSize]byte
	if e := t.copyIn(a[0], b[:]); e != 0 {
		return 0, e
	}

	s := &t.signals
	s.mu.Lock()
	s.saved, s.restoreMask = s.blocked, true
	s.blocked = sigsetValue(b) &^ unblockable
	t.recalcSigPending()
	s.mu.Unlock()

	t.sleep(-1)
	return 0, abi.ERESTARTNOHAND
}

// sysRtSigtimedwait is rt_sigtimedwait(2), sigwaitinfo and sigtimedwait:
// it takes a pending signal of the set, blocked or not, without running
// its handler, writes its siginfo if info is not NULL, and returns its
// number. With none pending it waits, the set unblocked meanwhile so
// that sending one wakes the task, for the timeout (NULL: for ever; an
// invalid one EINVAL): -EAGAIN when it runs out, -EINTR when another
// signal arrives first, to be delivered on the way out. SIGKILL and
// SIGSTOP are never taken. Linux: do_sigtimedwait.
func sysRtSigtimedwait(t *Task) (int64, abi.Errno) {
	a := t.args()
	setAddr, infoAddr, tsAddr := a[0], a[1], a[2]
	if a[3] != abi.SigsetSize {
		return 0, abi.EINVAL
	}
	var b [abi.SigsetSize]byte
	if e := t.copyIn(setAddr, b[:]); e != 0 {
		return 0, e
	}
	these := sigsetValue(b) &^ unblockable

	timeout := time.Duration(-1)
	if tsAddr != 0 {
		d, e := t.getTimespec(tsAddr)
		if e != 0 {
			return 0, e
		}
		timeout = d
	}

	sig, info, ok := t.takeSignal(these)
	interrupted := false
	if !ok && timeout != 0 {
		interrupted = t.waitForSignal(these, timeout)
		sig, info, ok = t.takeSignal(these)
	}

	switch {
	case ok && infoAddr != 0:
		var out [abi.SiginfoSize]byte
		si := info.siginfo(sig)
		si.Encode(&out)
		if e := t.copyOut(infoAddr, out[:]); e != 0 {
			return 0, e
		}
		return int64(sig), 0
	case ok:
		return int64(sig), 0
	case interrupted:
		return 0, abi.EINTR
	}
	return 0, abi.EAGAIN
}

// takeSignal dequeues the next pending signal of these, synchronous ones
// first, then the lowest number, whether blocked or not (dequeue_signal
// with a mask).
func (t *Task) takeSignal(these uint64) (abi.Signal, sigInfo, bool) {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()

	ready := s.pending & these
	if ready == 0 {
		return 0, sigInfo{}, false
	}
	if ready&synchronous != 0 {
		ready &= synchronous
	}
	sig := abi.Signal(lowestBit(ready) + 1)
	info := s.take(sig)
	t.recalcSigPending()
	return sig, info, true
}

// waitForSignal sleeps for d (for ever if d < 0) with these unblocked,
// so that one of them, or any deliverable signal, ends the sleep, then
// puts the blocked mask back (tsk->real_blocked). It reports whether a
// signal ended the sleep.
func (t *Task) waitForSignal(these uint64, d time.Duration) bool {
	s := &t.signals
	s.mu.Lock()
	real := s.blocked
	s.blocked &^= these
	t.recalcSigPending()
	s.mu.Unlock()

	_, interrupted := t.sleep(d)

	s.mu.Lock()
	s.blocked = real
	t.recalcSigPending()
	s.mu.Unlock()
	return interrupted
}

// sigsetValue is a sigset_t as the mask it holds.
func sigsetValue(b [abi.SigsetSize]byte) uint64 {
	var v uint64
	for i := range b {
		v |= uint64(b[i]) << (8 * i)
	}
	return v
}
