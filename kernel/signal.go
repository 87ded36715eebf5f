package kernel

import (
	"sync"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Signal bookkeeping of one task (Linux's struct sighand_struct,
// task->blocked, task->pending and the sigaltstack fields). Pending
// signals are a mask: a standard signal sent twice is pending once, as in
// Linux, and a real-time signal is not queued more than once either
// (Linux queues each, with its own siginfo; ringside keeps the first).

// sigInfo is what a pending signal carries into its frame's siginfo_t
// (kernel_siginfo): si_code, the fault address, the sender's PID.
type sigInfo struct {
	code int
	addr uint64
	pid  int
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
	s.pending &^= abi.SigMask(sig)
	info := s.info[sig]
	s.info[sig] = sigInfo{}
	return sig, info, true
}

// flush drops sig if it is pending (flush_sigqueue_mask).
func (s *signalState) flush(sig abi.Signal) {
	s.pending &^= abi.SigMask(sig)
	s.info[sig] = sigInfo{}
}

func lowestBit(v uint64) int {
	n := 0
	for v&1 == 0 {
		v >>= 1
		n++
	}
	return n
}
