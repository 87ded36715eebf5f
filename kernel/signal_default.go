package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// sigAction is what SIG_DFL does with a signal (the sig_kernel_* masks of
// include/linux/signal.h).
type sigAction int

const (
	actTerm   sigAction = iota // end the task
	actCore                    // end the task, "core dumped"
	actIgnore                  // drop the signal
	actStop                    // stop the task (job control)
	actCont                    // continue a stopped task
)

// defaultAction returns SIG_DFL's action for sig. Real-time signals and
// the rest terminate.
func defaultAction(sig abi.Signal) sigAction {
	switch sig {
	case abi.SIGQUIT, abi.SIGILL, abi.SIGTRAP, abi.SIGABRT, abi.SIGBUS,
		abi.SIGFPE, abi.SIGSEGV, abi.SIGXCPU, abi.SIGXFSZ, abi.SIGSYS:
		return actCore
	case abi.SIGCHLD, abi.SIGURG, abi.SIGWINCH:
		return actIgnore
	case abi.SIGSTOP, abi.SIGTSTP, abi.SIGTTIN, abi.SIGTTOU:
		return actStop
	case abi.SIGCONT:
		return actCont
	}
	return actTerm
}

// stopSignals are the job-control stops a SIGCONT cancels, and the other
// way round (prepare_signal).
var stopSignals = abi.SigMask(abi.SIGSTOP) | abi.SigMask(abi.SIGTSTP) |
	abi.SigMask(abi.SIGTTIN) | abi.SigMask(abi.SIGTTOU)

// coreDumped is the wait-status bit of a death whose action is core
// (WCOREFLAG). Linux sets it only when a core file was written; ringside
// writes none but keeps the bit so that the action stays visible.
const coreDumped = 0x80
