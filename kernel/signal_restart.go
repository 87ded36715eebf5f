package kernel

import (
	"time"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Syscall restart. A syscall that a signal cuts short returns one of the
// kernel-internal -ERESTART* codes; before the signal is acted on, the
// code becomes -EINTR or the task is backed up to execute the syscall
// again (handle_signal and arch_do_signal_or_restart in
// arch/x86/kernel/signal.c and arch/arm64/kernel/signal.c):
//
//	code                   handler                  no handler
//	ERESTARTNOHAND         -EINTR                   restart
//	ERESTARTSYS            -EINTR, restart with     restart
//	                       SA_RESTART
//	ERESTARTNOINTR         restart                  restart
//	ERESTART_RESTARTBLOCK  -EINTR                   restart_syscall
//
// Linux's restart_syscall(2) runs the function the interrupted call left
// in current->restart_block. ringside has no restart_syscall number (the
// arch tables do not map it); instead the syscall itself is executed
// again and finds the restart block it left: the same call, arguments
// and return address resume the sleep toward its first deadline, which
// is what restart_syscall would do.

// restartBlock is an interrupted relative sleep's state
// (restart_block.nanosleep): the deadline on the monotonic clock, and
// what identifies the call that resumes it.
type restartBlock struct {
	sys      abi.Sys
	args     [6]uint64
	ip       uint64
	deadline time.Duration
	// armed: the fix-up restarted the call, which may now resume.
	armed bool
	valid bool
}

// restartSyscall is the fix-up, for a delivery with handler act or, when
// act is nil, for none. Afterwards the task is no longer in a syscall
// (forget_syscall), so that a second signal in the same exit does not
// fix the return value up again.
func (t *Task) restartSyscall(act *abi.Sigaction) {
	regs := t.Ctx.Regs()
	if regs.SyscallNr() == -1 {
		return
	}

	restart := false
	switch abi.Errno(-regs.Return()) {
	case abi.ERESTARTNOHAND:
		restart = act == nil
	case abi.ERESTARTSYS:
		restart = act == nil || act.Flags&abi.SA_RESTART != 0
	case abi.ERESTARTNOINTR:
		restart = true
	case abi.ERESTART_RESTARTBLOCK:
		restart = act == nil
		t.signals.restart.armed = restart && t.signals.restart.valid
	default:
		regs.SetSyscallNr(-1)
		return
	}

	if restart {
		regs.RestartSyscall()
	} else {
		regs.SetReturn(abi.EINTR.Ret())
	}
	regs.SetSyscallNr(-1)
}

// setRestart records an interrupted sleep toward deadline, for a restart
// of the same call (set_restart_fn).
func (t *Task) setRestart(sys abi.Sys, args [6]uint64,
	deadline time.Duration) {
	t.signals.restart = restartBlock{sys: sys, args: args,
		ip:       t.Ctx.Regs().InstructionPointer(),
		deadline: deadline, valid: true}
}

// takeRestart returns the deadline of the sleep this call resumes, if the
// restart fix-up backed the task up to re-execute exactly this call; the
// block is spent either way.
func (t *Task) takeRestart(sys abi.Sys, args [6]uint64) (time.Duration,
	bool) {
	r := t.signals.restart
	t.signals.restart = restartBlock{}
	ok := r.armed && r.sys == sys && r.args == args &&
		r.ip == t.Ctx.Regs().InstructionPointer()
	return r.deadline, ok
}
