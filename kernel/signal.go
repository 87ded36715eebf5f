package kernel

import (
	"sync"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Signal bookkeeping of one task (Linux's struct sighand_struct,
// task->blocked, task->pending and the sigaltstack fields). A standard
// signal sent twice is pending once, with the first sender's siginfo, as
// in Linux; a real-time signal is queued once per send, each with its
// own siginfo, and delivered in the order sent (struct sigqueue).

// sigInfo is what a pending signal carries into its frame's siginfo_t
// (kernel_siginfo): si_code, and the union after it as the code lays it
// out: the fault address, or the sender's PID and UID and sigqueue's
// si_value. It is kept to 24 bytes: every signal copies it a few times.
type sigInfo struct {
	code, pid, uid int32
	// data is si_addr for a fault code, si_value for the others.
	data uint64
}

// siginfo is info as siginfo_t lays it out for sig.
func (info sigInfo) siginfo(sig abi.Signal) abi.Siginfo {
	si := abi.Siginfo{Signo: sig, Code: int(info.code),
		Pid: int(info.pid), Uid: int(info.uid)}
	if abi.SiginfoIsFault(sig, si.Code) {
		si.Addr = info.data
	} else {
		si.Value = info.data
	}
	return si
}

// altStack is sigaltstack's stack_t.
type altStack struct {
	sp, size uint64
	flags    uint32
}

// signalState is a task's dispositions, blocked mask, pending signals and
// alternate stack. The zero value is every signal at SIG_DFL, none
// blocked or pending. mu guards it against kill(2) from other tasks.
type signalState struct {
	mu       sync.Mutex
	actions  [abi.NSIG]abi.Sigaction
	blocked  uint64
	pending  uint64
	info     [abi.NSIG]sigInfo
	altstack altStack

	// rtq are the queued real-time signals, oldest first, and queued
	// their number, which RLIMIT_SIGPENDING bounds for sigqueue.
	rtq    [abi.NSIG - abi.SIGRTMIN][]sigInfo
	queued uint64

	// wake is signalled when a signal is queued, so that a sleeping
	// task returns early (signal_wake_up).
	wake chan struct{}

	// timers are the interval timers (signal->real_timer and the CPU
	// timers); they have their own lock.
	timers itimers

	// restart and sigtramp belong to the task's own goroutine: mu does
	// not guard them. restart is the interrupted sleep a restarted
	// syscall resumes (restart_block); sigtramp the address of the
	// arm64 sigreturn trampoline page, 0 until first mapped.
	restart  restartBlock
	sigtramp uint64

	// saved is the blocked mask rt_sigsuspend replaced, which comes back
	// when restoreMask is set (saved_sigmask, TIF_RESTORE_SIGMASK);
	// both are the task's own, guarded by mu like blocked.
	saved       uint64
	restoreMask bool
}

// unblockable are the signals no mask can hold back.
var unblockable = abi.SigMask(abi.SIGKILL) | abi.SigMask(abi.SIGSTOP)

// synchronous are the signals a fault raises; they are dequeued first,
// so that the one the faulting instruction caused is delivered before
// any that was pending (SYNCHRONOUS_MASK).
var synchronous = abi.SigMask(abi.SIGSEGV) | abi.SigMask(abi.SIGBUS) |
	abi.SigMask(abi.SIGILL) | abi.SigMask(abi.SIGTRAP) |
	abi.SigMask(abi.SIGFPE) | abi.SigMask(abi.SIGSYS)

// validSignal is valid_signal for a number a task passed: 1..64.
func validSignal(sig uint64) bool { return sig >= 1 && sig < abi.NSIG }

// wakeChan returns the channel a sleeper waits on. Called with mu held.
func (s *signalState) wakeChan() chan struct{} {
	if s.wake == nil {
		s.wake = make(chan struct{}, 1)
	}
	return s.wake
}

// ignored is sig_ignored: the disposition drops the signal when it is
// generated, unless it is blocked (it may be unignored before it is
// unblocked). Called with mu held.
func (s *signalState) ignored(sig abi.Signal) bool {
	if s.blocked&abi.SigMask(sig) != 0 {
		return false
	}
	return handlerIgnores(sig, s.actions[sig].Handler)
}

// handlerIgnores is sig_handler_ignored: SIG_IGN, or SIG_DFL for the
// signals sig_kernel_ignore lists (those whose default is to ignore, and
// SIGCONT, whose continue happens when it is sent).
func handlerIgnores(sig abi.Signal, handler uint64) bool {
	switch handler {
	case abi.SIG_IGN:
		return true
	case abi.SIG_DFL:
		a := defaultAction(sig)
		return a == actIgnore || a == actCont
	}
	return false
}

// deliverable is the set of pending signals not blocked. Called with mu
// held.
func (s *signalState) deliverable() uint64 { return s.pending &^ s.blocked }

// dequeue removes and returns the signal to deliver next: synchronous
// ones first, then the lowest number (dequeue_signal). Called with mu
// held.
func (s *signalState) dequeue() (abi.Signal, sigInfo, bool) {
	ready := s.deliverable()
	if ready == 0 {
		return 0, sigInfo{}, false
	}
	if ready&synchronous != 0 {
		ready &= synchronous
	}

	sig := abi.Signal(lowestBit(ready) + 1)
	return sig, s.take(sig), true
}

// take removes one instance of pending sig and returns its siginfo: a
// real-time signal's oldest, which leaves sig pending while more are
// queued. Called with mu held.
func (s *signalState) take(sig abi.Signal) sigInfo {
	if sig >= abi.SIGRTMIN {
		return s.takeQueued(sig)
	}
	s.pending &^= abi.SigMask(sig)
	info := s.info[sig]
	s.info[sig] = sigInfo{}
	return info
}

// takeQueued is take for a real-time signal, out of line so that the
// standard signals' take is inlined.
//
//go:noinline
func (s *signalState) takeQueued(sig abi.Signal) sigInfo {
	q := &s.rtq[sig-abi.SIGRTMIN]
	info := (*q)[0]
	(*q)[0] = sigInfo{}
	*q = (*q)[1:]
	s.queued--
	if len(*q) == 0 {
		*q = nil
		s.pending &^= abi.SigMask(sig)
	}
	return info
}

// flush drops sig if it is pending, every queued instance of it
// (flush_sigqueue_mask).
func (s *signalState) flush(sig abi.Signal) {
	s.pending &^= abi.SigMask(sig)
	s.info[sig] = sigInfo{}
	if sig >= abi.SIGRTMIN {
		s.queued -= uint64(len(s.rtq[sig-abi.SIGRTMIN]))
		s.rtq[sig-abi.SIGRTMIN] = nil
	}
}

// flushAll drops every pending signal (flush_signals).
func (s *signalState) flushAll() {
	for sig := abi.Signal(1); sig < abi.NSIG; sig++ {
		s.flush(sig)
	}
}

func lowestBit(v uint64) int {
	n := 0
	for v&1 == 0 {
		v >>= 1
		n++
	}
	return n
}
