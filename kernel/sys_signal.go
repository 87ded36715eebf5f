package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// The syscalls that came with signal delivery and the interval timers.
// They belong in systable.go's table and are installed from here until
// they move there.
// sysRtSigaction is rt_sigaction(2) (do_sigaction). Order: sigsetsize
// other than 8 → EINVAL; the new action unreadable → EFAULT; a signal
// outside 1..64, or SIGKILL/SIGSTOP with a new action → EINVAL. Unknown
// sa_flags bits are dropped and SIGKILL/SIGSTOP taken out of sa_mask. An
// action that ignores the signal discards it if pending, blocked or not
// (POSIX). The old action is written last (EFAULT).
func sysRtSigaction(t *Task) (int64, abi.Errno) {
	a := t.args()
	sig, act, oact := a[0], a[1], a[2]
	if a[3] != abi.SigsetSize {
		return 0, abi.EINVAL
	}

	var n abi.Sigaction
	if act != 0 {
		b := make([]byte, abi.SigactionSize)
		if e := t.copyIn(act, b); e != 0 {
			return 0, e
		}
		n = abi.DecodeSigaction(b)
	}

	kernelOnly := sig == uint64(abi.SIGKILL) || sig == uint64(abi.SIGSTOP)
	if !validSignal(sig) || act != 0 && kernelOnly {
		return 0, abi.EINVAL
	}

	old := t.swapAction(abi.Signal(sig), n, act != 0)
	if oact != 0 {
		return 0, t.copyOut(oact, old.Encode())
	}
	return 0, 0
}

// swapAction returns sig's action and, if set, installs n.
func (t *Task) swapAction(sig abi.Signal, n abi.Sigaction,
	set bool) abi.Sigaction {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()

	old := s.actions[sig]
	if !set {
		return old
	}

	n.Flags &= abi.UAPI_SA_FLAGS
	n.Mask &^= unblockable
	s.actions[sig] = n
	if handlerIgnores(sig, n.Handler) {
		s.flush(sig)
		t.recalcSigPending()
	}
	return old
}

// sysRtSigprocmask is rt_sigprocmask(2). Order: sigsetsize other than 8
// → EINVAL; the new set unreadable → EFAULT; an unknown how → EINVAL
// (only checked with a new set); the old mask written last (EFAULT).
// SIGKILL and SIGSTOP are never blocked.
func sysRtSigprocmask(t *Task) (int64, abi.Errno) {
	a := t.args()
	how, set, oset := a[0], a[1], a[2]
	if a[3] != abi.SigsetSize {
		return 0, abi.EINVAL
	}

	old := t.blockedMask()
	if set != 0 {
		var b [abi.SigsetSize]byte
		if e := t.copyIn(set, b[:]); e != 0 {
			return 0, e
		}
		m := binary.LittleEndian.Uint64(b[:])

		switch how {
		case abi.SIG_BLOCK:
			t.setBlocked(old | m)
		case abi.SIG_UNBLOCK:
			t.setBlocked(old &^ m)
		case abi.SIG_SETMASK:
			t.setBlocked(m)
		default:
			return 0, abi.EINVAL
		}
	}

	if oset != 0 {
		return 0, t.putU64(oset, old)
	}
	return 0, 0
}

// blockedMask returns the task's blocked signals.
func (t *Task) blockedMask() uint64 {
	t.signals.mu.Lock()
	m := t.signals.blocked
	t.signals.mu.Unlock()
	return m
}

// setBlocked installs a blocked mask, less SIGKILL and SIGSTOP, and
// returns the old one (set_current_blocked).
func (t *Task) setBlocked(m uint64) uint64 {
	s := &t.signals
	s.mu.Lock()

	old := s.blocked
	if m &^= unblockable; m != old {
		// glibc sets the same mask around many calls: then there is
		// nothing to recalculate.
		s.blocked = m
		t.recalcSigPending()
	}

	s.mu.Unlock()
	return old
}

// sysSigaltstack is sigaltstack(2) (do_sigaltstack). Order: the new
// stack unreadable → EFAULT; the task running on its alternate stack →
// EPERM; a mode other than 0, SS_ONSTACK or SS_DISABLE (SS_AUTODISARM
// aside) → EINVAL; a size below MINSIGSTKSZ → ENOMEM. SS_DISABLE clears
// the stack. The old stack is written last (EFAULT), its flags
// SS_DISABLE, SS_ONSTACK or 0, plus SS_AUTODISARM if set.
func sysSigaltstack(t *Task) (int64, abi.Errno) {
	a := t.args()
	ss, oss := a[0], a[1]
	sp := t.Ctx.Regs().StackPointer()

	var n altStack
	if ss != 0 {
		b := make([]byte, abi.StackSize)
		if e := t.copyIn(ss, b); e != 0 {
			return 0, e
		}
		n = altStack{sp: binary.LittleEndian.Uint64(b[0:]),
			flags: binary.LittleEndian.Uint32(b[8:]),
			size:  binary.LittleEndian.Uint64(b[16:])}
	}

	s := &t.signals
	s.mu.Lock()
	old := s.altstack
	var e abi.Errno
	if ss != 0 {
		e = setAltStack(s, n, sp, t.layout().minSigStackSize())
	}
	s.mu.Unlock()
	if e != 0 {
		return 0, e
	}

	if oss == 0 {
		return 0, 0
	}
	b := make([]byte, abi.StackSize)
	binary.LittleEndian.PutUint64(b[0:], old.sp)
	binary.LittleEndian.PutUint32(b[8:],
		altStackMode(old, sp)|old.flags&abi.SS_AUTODISARM)
	binary.LittleEndian.PutUint64(b[16:], old.size)
	return 0, t.copyOut(oss, b)
}

// setAltStack checks and installs a new alternate stack. Called with mu
// held.
func setAltStack(s *signalState, n altStack, sp, minSize uint64) abi.Errno {
	if altStackMode(s.altstack, sp) == abi.SS_ONSTACK {
		return abi.EPERM
	}
	mode := n.flags &^ abi.SS_AUTODISARM
	if mode != 0 && mode != abi.SS_ONSTACK && mode != abi.SS_DISABLE {
		return abi.EINVAL
	}

	if mode == abi.SS_DISABLE {
		n.sp, n.size = 0, 0
	} else if n.size < minSize {
		return abi.ENOMEM
	}
	s.altstack = n
	return 0
}

// altStackMode is sas_ss_flags: SS_DISABLE without a stack, SS_ONSTACK
// while sp is on it (never with SS_AUTODISARM), else 0.
func altStackMode(st altStack, sp uint64) uint32 {
	switch {
	case st.size == 0:
		return abi.SS_DISABLE
	case st.flags&abi.SS_AUTODISARM == 0 && sp > st.sp &&
		sp-st.sp <= st.size:
		return abi.SS_ONSTACK
	}
	return 0
}
